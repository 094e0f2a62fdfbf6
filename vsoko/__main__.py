from vsoko.cli import main

main()
