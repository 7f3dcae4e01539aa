import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Import every view now (the URLconf is otherwise loaded by the first request), then take
# what is loaded out of the garbage collector's sight with gc.freeze(): it lives as long as
# the process, and full collections would otherwise walk it again and again. A dashboard
# request that builds thousands of rows triggers some: the summary by member's p95 dropped
# from 86 to 69 ms in process (docs/performance.md).
get_resolver().url_patterns  # noqa: B018 - evaluated for its side effect (imports)
gc.collect()
gc.freeze()
