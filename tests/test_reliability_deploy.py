"""The reference production set-up in deploy/ works as the README says: nginx's
configuration is valid and, in front of gunicorn, terminates TLS, compresses,
serves static files and micro-caches public pages as their headers allow."""

import gzip
import http.client
import os
import re
import runpy
import secrets
import shutil
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from bench import nginx
from bench.run import Server, free_port, static_file_path

ROOT = Path(settings.BASE_DIR)
README = (ROOT / "README.md").read_text()
DEPLOYING = README.split("## Deploying", 1)[1].split("\n## ", 1)[0]
DEPLOY_FILES = sorted(
    str(path.relative_to(ROOT)) for path in (ROOT / "deploy").rglob("*") if path.is_file()
)

NO_NGINX = "nginx is not installed: 'apt-get install -y nginx openssl'."


@pytest.fixture
def nginx_installed() -> None:
    """Skipped with a message where nginx is missing; a failure where REQUIRE_NGINX=1 (CI)."""
    if not nginx.available():
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail(NO_NGINX, pytrace=False)
        pytest.skip(NO_NGINX)


@pytest.mark.parametrize("path", [p for p in DEPLOY_FILES if "__pycache__" not in p])
def test_the_readme_names_every_file_in_deploy(path):
    assert path in DEPLOYING


def test_the_readme_loads_the_content_after_migrating():
    steps = DEPLOYING.index("manage.py migrate"), DEPLOYING.index("manage.py loadcontent")
    assert steps[0] < steps[1]


def test_every_setting_read_from_the_environment_is_in_the_readme():
    source = (ROOT / "config" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:bool|int|list)\("([A-Z_]+)"', source))
    names |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    names |= set(
        re.findall(
            r'os\.environ\.get\("([A-Z_]+)"', (ROOT / "deploy" / "gunicorn.conf.py").read_text()
        )
    )
    assert {name for name in names if f"`{name}`" not in README} == set()


def test_gunicorn_runs_as_the_bench_measured_it(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "10.0.0.11:8000")
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["bind"] == ["10.0.0.11:8000"]
    assert config["workers"] == 3
    assert config["worker_class"] == "gthread"
    assert config["reuse_port"] is True
    assert config["accesslog"] is None  # the checklist's answers are in the addresses


def test_the_systemd_unit_starts_gunicorn_with_the_shipped_settings():
    unit = (ROOT / "deploy" / "systemd" / "guide.service").read_text()
    assert "--config deploy/gunicorn.conf.py" in unit
    assert "EnvironmentFile=/etc/guide/env" in unit


def test_the_app_behind_the_shipped_nginx_counts_one_proxy():
    environment = (ROOT / "deploy" / "guide.env.example").read_text()
    assert "DJANGO_PROXY_COUNT=1" in environment.splitlines()


@pytest.mark.usefixtures("nginx_installed")
def test_the_shipped_nginx_configuration_is_valid(tmp_path):
    config = nginx.write_config(tmp_path, nginx.Ports(free_port(), free_port(), free_port()))
    result = nginx.check_config(config)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def site_behind_nginx(tmp_path_factory) -> Iterator[nginx.Nginx]:
    """gunicorn (deploy/gunicorn.conf.py) on a fresh SQLite database, behind the shipped nginx."""
    if not nginx.available():
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail(NO_NGINX, pytrace=False)
        pytest.skip(NO_NGINX)
    folder = tmp_path_factory.mktemp("deploy")
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "DJANGO_PROXY_COUNT": "1",
        "DJANGO_SECURE_SSL_REDIRECT": "true",
    }
    for command in (["migrate", "--noinput"], ["loadcontent"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "--verbosity", "0"],
            cwd=ROOT, env=environment, check=True, timeout=300, capture_output=True,
        )  # fmt: skip
    app = Server(environment, workers=1)
    proxy = None
    try:
        app.wait_until_ready()
        proxy = nginx.Nginx(folder, nginx.Ports(app.port, free_port(), free_port()))
        proxy.wait_until_ready()
        yield proxy
    finally:
        if proxy is not None:
            proxy.stop()
        app.stop()
        shutil.rmtree(folder, ignore_errors=True)


def fetch(proxy: nginx.Nginx, path: str, headers: dict[str, str] | None = None):
    unverified = ssl.create_default_context()
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", proxy.ports.https, context=unverified)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_nginx_keeps_a_public_page_briefly_and_serves_it_again(site_behind_nginx):
    first, body = fetch(site_behind_nginx, "/en/agreements/")
    again, body_again = fetch(site_behind_nginx, "/en/agreements/")
    assert first.status == 200 and first.getheader("X-Cache-Status") in ("MISS", "EXPIRED")
    assert again.getheader("X-Cache-Status") == "HIT"
    assert body_again == body
    assert "s-maxage=" in again.getheader("Cache-Control")


def test_nginx_never_keeps_the_admin_login(site_behind_nginx):
    fetch(site_behind_nginx, "/admin/login/")
    response, body = fetch(site_behind_nginx, "/admin/login/", {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("X-Cache-Status") is None
    assert response.getheader("Content-Encoding") is None  # BREACH: it holds a CSRF token
    assert b"csrfmiddlewaretoken" in body


def test_nginx_compresses_public_pages(site_behind_nginx):
    response, body = fetch(site_behind_nginx, "/en/", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert b"<html" in gzip.decompress(body)


def test_made_up_htmx_headers_do_not_split_nginxs_cache(site_behind_nginx):
    path = "/en/checklist/"
    fetch(site_behind_nginx, path)
    response, _body = fetch(site_behind_nginx, path, {"HX-Request": "made-up", "HX-Target": "x"})
    assert response.getheader("X-Cache-Status") == "HIT"


def test_nginx_serves_static_files_for_a_year(site_behind_nginx):
    response, _body = fetch(site_behind_nginx, static_file_path())
    assert response.status == 200
    assert "immutable" in response.getheader("Cache-Control")
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_the_site_behind_nginx_sends_its_security_headers(site_behind_nginx):
    response, _body = fetch(site_behind_nginx, "/en/guides/")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security")  # nginx passed on https
    assert response.getheader("Content-Security-Policy")
