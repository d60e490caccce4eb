"""A Redis server of the test's own, on a spare port, for the tests that need
the shared cache production runs (and may stop it without touching anyone
else's Redis)."""

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def own_redis_server() -> Iterator[str]:
    """Starts redis-server, yields its URL, stops it. Without redis-server the
    test is skipped with a message, or fails where REQUIRE_REDIS=1 (CI)."""
    binary = shutil.which("redis-server")
    if binary is None:
        reason = "redis-server is not installed: 'apt-get install -y redis-server'."
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    port = spare_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def redis_cache_settings(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "test",
        }
    }
