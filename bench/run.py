"""`make bench`: the production setup under load, measured against a static file.

Starts the site the way deploy/ runs it (gunicorn with deploy/gunicorn.conf.py,
debug off, whitenoise, Redis with deploy/redis.conf's memory policy, a
migrated and loaded database) on loopback ports, drives it with wrk, prints a
table per database and writes them to docs/benchmarks.md: pages served from
the cache, checklist results nobody asked for before (cold), and a mixed
load, each as a ratio to the static file's rate in the same run. With nginx
installed, the same again through deploy/nginx/guide.conf (TLS, micro-cache).
Runs on SQLite, and again on PostgreSQL when DATABASE_URL is set. Stops
everything it started.

Absolute figures depend on the machine; the ratios are what to compare.
"""

import argparse
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import nginx  # noqa: E402
from bench.cold import lua_script, result_addresses  # noqa: E402

PYTHON = sys.executable
REPORT = ROOT / "docs" / "benchmarks.md"
DEPLOYED_REDIS_CONF = ROOT / "deploy" / "redis" / "redis.conf"

# Behind the production proxy every request arrives as https.
PROXY_HEADER = "X-Forwarded-Proto: https"
WRK_THREADS = 2

# Each page as a visitor first asks for it; the bench follows the redirect
# (a checklist step's canonical address) once and measures where it lands.
PAGES = {
    "home": "/{lang}/",
    "guide": "/{lang}/guides/certificate-s1/",
    "agreements index": "/{lang}/agreements/",
    "country page": "/{lang}/agreements/pl/",
    "checklist question": "/{lang}/checklist/work/?citizenship=pl&residence=pl&move=not-moving",
    "checklist result": (
        "/{lang}/checklist/result/?citizenship=pl&residence=pl&move=not-moving"
        "&work=employee&nav_benefit=no&children=1-2&single_parent=no"
    ),
}
COLD_ADDRESSES = 40_000
# Before cold results are measured, a few seconds of other new addresses,
# not counted: each worker then has what it keeps per content version (the
# published items, rendered; guidance/item_fragments.py), as it has from its
# first result after a deploy or an editor's publish.
WARM_UP_SECONDS = 3
WARM_UP_ADDRESSES = 2_000

# The bar on a 2-core machine at 20 connections.
MIN_RATIO = 0.5
MIN_COLD_RATIO = 0.10
MAX_P99_MS = 100.0


@dataclass
class Measurement:
    name: str
    path: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    ratio: float = 1.0
    min_ratio: float = MIN_RATIO
    max_p99_ms: float | None = MAX_P99_MS

    @property
    def meets_bar(self) -> bool:
        fast_enough = self.max_p99_ms is None or self.p99_ms < self.max_p99_ms
        return self.errors == 0 and self.ratio >= self.min_ratio and fast_enough

    @property
    def bar(self) -> str:
        if self.name.startswith("static file"):
            return ""
        return "met" if self.meets_bar else "**missed**"


@dataclass
class Result:
    label: str
    measurements: list[Measurement]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def found(pattern: str, output: str, flags: int = 0) -> str:
    """The first group of `pattern` in wrk's output, which always has it."""
    match = re.search(pattern, output, flags)
    if match is None:
        raise RuntimeError(f"wrk printed nothing like {pattern!r}:\n{output}")
    return match.group(1)


def milliseconds(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if match is None:
        raise RuntimeError(f"wrk printed a duration in an unknown unit: {value!r}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(
    base: str,
    name: str,
    path: str,
    seconds: int,
    connections: int,
    script: str | None = None,
) -> Measurement:
    """wrk on one path, or on the paths a Lua script gives (then `path` describes them)."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s"]
    command += ["--timeout", "5s", "--latency", "-H", PROXY_HEADER]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script is not None:
            lua.write(script)
            lua.flush()
            command += ["-s", lua.name]
        target = base + (path if script is None else "/")
        run = subprocess.run(
            [*command, target], capture_output=True, text=True, timeout=seconds + 60, check=False
        )
    if run.returncode != 0:
        raise RuntimeError(f"wrk failed on {target}:\n{run.stdout}{run.stderr}")
    output = run.stdout
    if "Latency Distribution" not in output:
        raise RuntimeError(f"wrk printed no measurements:\n{output}")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_success = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Measurement(
        name=name,
        path=path,
        requests_per_second=float(found(r"Requests/sec:\s+([\d.]+)", output)),
        p50_ms=milliseconds(found(r"^\s+50%\s+(\S+)", output, re.MULTILINE)),
        p99_ms=milliseconds(found(r"^\s+99%\s+(\S+)", output, re.MULTILINE)),
        errors=errors + (int(non_success.group(1)) if non_success else 0),
    )


class Server:
    """gunicorn with deploy/gunicorn.conf.py on a loopback port, stopped with all it started."""

    def __init__(self, environment: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "config.wsgi", "--config", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env={
                **environment,
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "GUNICORN_WORKERS": str(workers),
            },
            start_new_session=True,
        )

    def wait_until_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz in time")

    def canonical(self, path: str) -> str:
        """The address a path lands on: itself, or where its one redirect leads.
        Asked for twice, so the page cache keeps it (an address with a query
        string is kept from its second request, config/page_cache.py)."""
        landed = path
        for _time in range(2):
            request = urllib.request.Request(
                self.base + landed, headers={"X-Forwarded-Proto": "https"}
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                if response.status != 200:
                    raise RuntimeError(f"{landed} answered {response.status}, not 200")
                landed = response.url.removeprefix(self.base)
        return landed

    def stop(self) -> None:
        stop_group(self.process)


def stop_group(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def shipped_redis() -> Iterator[str | None]:
    """A Redis of the bench's own with deploy/redis.conf's memory limit and
    policy, on a spare port; None (local memory) without redis-server."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    shipped = dict(
        line.split(None, 1)
        for line in DEPLOYED_REDIS_CONF.read_text().splitlines()
        if line.startswith(("maxmemory ", "maxmemory-policy "))
    )
    port = free_port()
    process = subprocess.Popen(
        [
            *(binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""),
            *("--appendonly", "no", "--maxmemory", shipped["maxmemory"]),
            *("--maxmemory-policy", shipped["maxmemory-policy"]),
        ],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
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
        stop_group(process)


def static_file_path() -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    hashed_name: str = manifest["paths"]["css/site.css"]
    return "/static/" + hashed_name


def mixed_script(paths: list[str], cold: list[str]) -> str:
    """Every page in turn, with one checklist result nobody asked for in every ten requests."""
    return (
        "pages = {" + ", ".join(json.dumps(path) for path in paths) + "}\n"
        "cold = {" + ", ".join(json.dumps(path) for path in cold) + "}\n"
        "local started = 0\n"
        "function setup(thread)\n"
        "  started = started + 1\n"
        "  thread:set('next_cold', started)\n"
        "end\n"
        "counter = 0\n"
        "function request()\n"
        "  counter = counter + 1\n"
        "  if counter % 10 == 0 then\n"
        "    local path = cold[(next_cold - 1) % #cold + 1]\n"
        f"    next_cold = next_cold + {WRK_THREADS}\n"
        '    return wrk.format("GET", path)\n'
        "  end\n"
        '  return wrk.format("GET", pages[counter % #pages + 1])\n'
        "end\n"
    )


def measure(
    base: str, label: str, static_path: str, targets: list[tuple[str, str]], cold: list[str],
    args: argparse.Namespace,
) -> list[Measurement]:  # fmt: skip
    """Static file, every target from the cache, cold results, then the mixed load."""
    half = len(cold) // 2
    runs = [("static file", static_path, None), *((name, path, None) for name, path in targets)]
    measurements = []
    for name, path, _script in runs:
        print(f"  {label}: {name} …", flush=True)
        measurements.append(wrk(base, name, path, args.seconds, args.connections))
    print(f"  {label}: checklist results nobody asked for before …", flush=True)
    warm_up = lua_script(cold[:WARM_UP_ADDRESSES], WRK_THREADS)
    wrk(base, "warm-up", "", WARM_UP_SECONDS, args.connections, warm_up)
    script = lua_script(cold[WARM_UP_ADDRESSES:half], WRK_THREADS)
    cold_run = wrk(base, "cold checklist result", "a new address each request", args.seconds,
                   args.connections, script)  # fmt: skip
    cold_run.min_ratio, cold_run.max_p99_ms = MIN_COLD_RATIO, None
    measurements.append(cold_run)
    print(f"  {label}: mixed load, {args.load_seconds} s at {args.load_connections} connections …")
    mixed = wrk(
        base, f"mixed load ({args.load_connections} connections)",
        "every target in turn, 1 in 10 a cold result",
        args.load_seconds, args.load_connections,
        mixed_script([path for _name, path in targets], cold[half:]),
    )  # fmt: skip
    mixed.min_ratio, mixed.max_p99_ms = 0.0, None
    measurements.append(mixed)
    static_rps = measurements[0].requests_per_second
    for measurement in measurements:
        measurement.ratio = measurement.requests_per_second / static_rps
    return measurements


def measure_database(label: str, database_url: str, args: argparse.Namespace) -> list[Result]:
    with shipped_redis() as redis_url:
        environment = {
            **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_PROXY_COUNT": "1",
            **({"REDIS_URL": redis_url} if redis_url else {}),
        }
        for command in (["migrate", "--noinput"], ["loadcontent"]):
            subprocess.run(
                [PYTHON, "manage.py", *command, "--verbosity", "0"],
                cwd=ROOT, env=environment, check=True, timeout=300, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        server = Server(environment, workers=args.workers)
        try:
            server.wait_until_ready()
            targets = [
                (f"{name} ({lang})", server.canonical(template.format(lang=lang)))
                for name, template in PAGES.items()
                for lang in ("en", "nb")
            ]
            cold = result_addresses(COLD_ADDRESSES, seed=len(label))
            static_path = static_file_path()
            results = [Result(label, measure(server.base, label, static_path, targets, cold, args))]
            if args.nginx and nginx.available():
                results.append(through_nginx(server.port, label, static_path, targets, args))
        finally:
            server.stop()
    return results


def through_nginx(
    app_port: int, label: str, static_path: str, targets: list[tuple[str, str]],
    args: argparse.Namespace,
) -> Result:  # fmt: skip
    """The same, through deploy/nginx/guide.conf: TLS, nginx's static files and micro-cache."""
    with tempfile.TemporaryDirectory() as folder:
        server = nginx.Nginx(Path(folder), nginx.Ports(app_port, free_port(), free_port()))
        try:
            server.wait_until_ready()
            # As straight to gunicorn, each page once first: the micro-cache then
            # holds it, and no measured request waits on proxy_cache_lock.
            server.prime([static_path, *(path for _name, path in targets)])
            cold = result_addresses(COLD_ADDRESSES, seed=len(label) + 100)
            measurements = measure(
                server.base, f"{label} through nginx", static_path, targets, cold, args
            )
        finally:
            server.stop()
    for measurement in measurements:
        if measurement.name == "cold checklist result":
            # nginx passes these to gunicorn, and serves the static file itself
            # from disk, ten times as fast as gunicorn: a ratio between the two
            # measures nginx, not the site. The bar is the one measured directly.
            measurement.min_ratio = 0.0
    return Result(f"{label}, through nginx (TLS, micro-cache)", measurements)


def table(result: Result) -> str:
    lines = [
        f"### {result.label}",
        "",
        "| target | path | req/s | p50 ms | p99 ms | errors | ratio to static | bar |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in result.measurements:
        lines.append(
            f"| {m.name} | `{m.path}` | {m.requests_per_second:,.0f} | {m.p50_ms:.1f} "
            f"| {m.p99_ms:.1f} | {m.errors} | {m.ratio:.2f} | {m.bar} |"
        )
    return "\n".join([*lines, ""])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="per target")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--no-nginx", dest="nginx", action="store_false")
    parser.add_argument("--no-report", dest="report", action="store_false")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is needed: install it (for example 'apt-get install -y wrk') and run again.")
        return 1

    results = []
    with tempfile.TemporaryDirectory() as folder:
        results += measure_database("SQLite", f"sqlite:///{folder}/bench.sqlite3", args)
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        results += measure_database("PostgreSQL", os.environ["DATABASE_URL"], args)

    cache = (
        "Redis (deploy/redis/redis.conf's limit and policy)"
        if shutil.which("redis-server")
        else ("local memory (no redis-server)")
    )
    heading = (
        f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores: gunicorn with "
        f"deploy/gunicorn.conf.py ({args.workers} gthread workers × 4 threads), debug off, "
        f"whitenoise, {cache}; wrk with {WRK_THREADS} threads, {args.connections} connections, "
        f"{args.seconds} s per target, over loopback. The bar: every page from the cache at "
        f"least {MIN_RATIO:.0%} of the static file's requests per second with p99 under "
        f"{MAX_P99_MS:.0f} ms, a cold checklist result at least {MIN_COLD_RATIO:.0%}, no errors."
    )
    if not (args.nginx and nginx.available()):
        heading += " nginx is not installed, so nothing was measured through it."
    tables = "\n".join(table(result) for result in results)
    print("\n" + heading + "\n\n" + tables)
    if args.report:
        write_report(heading, tables)
    passed = all(m.meets_bar for result in results for m in result.measurements)
    return 0 if passed else 1


def write_report(heading: str, tables: str) -> None:
    text = REPORT.read_text() if REPORT.exists() else ""
    marker = "<!-- latest results -->"
    intro = text.split(marker)[0] if marker in text else "# Benchmarks\n\n"
    REPORT.write_text(f"{intro}{marker}\n\n{heading}\n\n{tables}")


if __name__ == "__main__":
    sys.exit(main())
