"""nginx with the shipped configuration (deploy/nginx/guide.conf), on loopback.

The bench and the deploy test run the very file that production installs,
with only its addresses and paths replaced: a self-signed certificate, free
loopback ports, folders in a temporary directory. Every replacement must
find its text, so a change to the shipped file that the bench cannot follow
fails loudly instead of measuring something else.
"""

import os
import shutil
import signal
import socket
import ssl
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "deploy" / "nginx" / "guide.conf"


@dataclass(frozen=True)
class Ports:
    app: int
    http: int
    https: int


def available() -> bool:
    return shutil.which("nginx") is not None and shutil.which("openssl") is not None


def site_config(folder: Path, ports: Ports) -> str:
    """The shipped site configuration with loopback addresses and local paths."""
    replacements = {
        "/var/cache/nginx/guide": str(folder / "cache"),
        "server 127.0.0.1:8000": f"server 127.0.0.1:{ports.app}",
        "listen 80;": f"listen 127.0.0.1:{ports.http};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{ports.https} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "server_name guide.example.org;": "server_name 127.0.0.1 localhost;",
        "/etc/letsencrypt/live/guide.example.org/fullchain.pem": str(folder / "cert.pem"),
        "/etc/letsencrypt/live/guide.example.org/privkey.pem": str(folder / "key.pem"),
        "/srv/guide/staticfiles/": f"{ROOT / 'staticfiles'}/",
        "/var/log/nginx/guide.access.log": str(folder / "access.log"),
    }
    text = SHIPPED.read_text()
    for shipped, local in replacements.items():
        if shipped not in text:
            raise RuntimeError(f"{SHIPPED} no longer has {shipped!r}: update bench/nginx.py")
        text = text.replace(shipped, local)
    return text


def main_config(folder: Path, ports: Ports) -> str:
    """nginx.conf around the site's file, as Debian's wraps sites-enabled/."""
    (folder / "site.conf").write_text(site_config(folder, ports))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the project folder
    return (
        f"{user}worker_processes auto;\n"
        f"pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        "  include /etc/nginx/mime.types;\n"
        "  default_type application/octet-stream;\n"
        "  sendfile on;\n"
        "  keepalive_timeout 65;\n"
        f"  client_body_temp_path {folder / 'client_body'};\n"
        f"  proxy_temp_path {folder / 'proxy'};\n"
        f"  fastcgi_temp_path {folder / 'fastcgi'};\n"
        f"  uwsgi_temp_path {folder / 'uwsgi'};\n"
        f"  scgi_temp_path {folder / 'scgi'};\n"
        f"  include {folder / 'site.conf'};\n"
        "}\n"
    )


def self_signed_certificate(folder: Path) -> None:
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=localhost", "-keyout", str(folder / "key.pem")),
            *("-out", str(folder / "cert.pem")),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


def write_config(folder: Path, ports: Ports) -> Path:
    self_signed_certificate(folder)
    config = folder / "nginx.conf"
    config.write_text(main_config(folder, ports))
    return config


def check_config(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["nginx", "-t", "-c", str(config)], capture_output=True, text=True, timeout=30, check=False
    )


class Nginx:
    """nginx in the foreground of its own process group, stopped with all its workers."""

    def __init__(self, folder: Path, ports: Ports) -> None:
        self.config = write_config(folder, ports)
        self.ports = ports
        self.base = f"https://127.0.0.1:{ports.https}"
        self.process = subprocess.Popen(
            ["nginx", "-c", str(self.config), "-g", "daemon off;"], start_new_session=True
        )

    def wait_until_ready(self, seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("nginx stopped at start-up")
            try:
                socket.create_connection(("127.0.0.1", self.ports.https), timeout=1).close()
            except OSError:
                time.sleep(0.1)
            else:
                return
        raise RuntimeError("nginx did not start in time")

    def prime(self, paths: list[str]) -> None:
        """Each path once, so that nginx's micro-cache holds it (200 or bust)."""
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the certificate is our own, self-signed
        for path in paths:
            with urllib.request.urlopen(self.base + path, timeout=30, context=context) as response:
                if response.status != 200:
                    raise RuntimeError(f"{path} answered {response.status} through nginx")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
