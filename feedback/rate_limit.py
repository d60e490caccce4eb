"""A few answers a minute per client address, counted in the shared cache.

The address is kept only inside the counter's key, as a keyed hash, and the
key expires after a minute: nothing else about the visitor is stored.
"""

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

ANSWERS_PER_MINUTE = 5
WINDOW_SECONDS = 60


def counter_key(request: HttpRequest) -> str:
    # The client address as logins read it, behind DJANGO_PROXY_COUNT proxies.
    address = get_client_ip_address(request) or ""
    return (
        "feedback-answers:"
        + salted_hmac("feedback.rate_limit", address, algorithm="sha256").hexdigest()
    )


def allows_another_answer(request: HttpRequest) -> bool:
    """Counts this answer; False once the address has sent its few this minute.
    With the cache away, answers are let through: a lost count harms nobody."""
    key = counter_key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        return True
    return bool(count <= ANSWERS_PER_MINUTE)
