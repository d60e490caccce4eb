"""Test clients that share one request handler, and the editors' password."""

from django.core.signals import setting_changed
from django.test import Client
from django.test.client import ClientHandler

EDITOR_PASSWORD = "a long test password 42"

# One request handler for every test client: building a handler loads the
# middleware, and WhiteNoise then indexes every collected static file (about
# half a second), which thousands of tests need not repeat. A changed setting
# (the `settings` fixture) makes the next request build a new one, as
# middleware read settings only once.
_shared_handler: ClientHandler | None = None


def _forget_shared_handler(**kwargs) -> None:
    global _shared_handler
    _shared_handler = None


setting_changed.connect(_forget_shared_handler)


def _through_shared_handler(environ: dict):
    global _shared_handler
    if _shared_handler is None:
        _shared_handler = ClientHandler(enforce_csrf_checks=False)
    return _shared_handler(environ)


def make_client(**kwargs) -> Client:
    """A Django test client (same arguments) that uses the shared handler."""
    client = Client(**kwargs)
    if not client.handler.enforce_csrf_checks:
        client.handler = _through_shared_handler
    return client
