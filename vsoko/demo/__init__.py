"""The demo: a synthetic school written as a data package and loaded through the import (`vsoko demo`).

generator.generate_school(profile, years) -> package.Package; service.run_demo(...) loads the
packages of the demo schools and creates the demo users. See docs/demo.md.
"""
