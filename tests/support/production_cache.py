"""The cache as production configures it from REDIS_URL, for tests that run
their own Redis (tests/support/redis.py)."""


def production_cache(url: str) -> dict:
    """CACHES as config/settings.py makes them from REDIS_URL."""
    return {
        "default": {
            "BACKEND": "config.shared_cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
