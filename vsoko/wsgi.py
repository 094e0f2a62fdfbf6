import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vsoko.settings")
application = get_wsgi_application()
gc.freeze()  # what is loaded now lives as long as the process: no garbage collector pass needs to scan it
