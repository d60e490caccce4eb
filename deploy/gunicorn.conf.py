"""gunicorn settings for production: deploy/systemd/guide.service starts the
site with them, and `make bench` measures them.

    gunicorn config.wsgi --config deploy/gunicorn.conf.py

GUNICORN_BIND and GUNICORN_WORKERS override the address and the number of
worker processes (one per core by default).
"""

import os

bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("GUNICORN_WORKERS", os.cpu_count() or 2))
worker_class = "gthread"
threads = 4
# A socket per worker: the kernel spreads connections evenly over the
# workers instead of piling nginx's long-lived ones onto one.
reuse_port = True
# nginx keeps connections to the app open (upstream keepalive); close them
# a little after nginx would, never before.
keepalive = 75
timeout = 30
graceful_timeout = 30
# No access log: the checklist's answers are in the address, and the site
# keeps no visitor's answers. nginx logs requests without their query strings.
accesslog = None
errorlog = "-"
loglevel = "warning"
