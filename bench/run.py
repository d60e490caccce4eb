"""`make bench`: the production setup under load, measured against a static file.

Starts gunicorn the way production runs it (debug off, whitenoise, a migrated
and populated database) on a loopback port, drives it with wrk, prints a table
per database and writes them to docs/benchmarks.md. Runs on SQLite, and again
on PostgreSQL when DATABASE_URL is set. Stops everything it started.

Absolute figures depend on the machine; the ratio of each page's throughput to
the static file's, measured in the same run, is what to compare across runs.
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
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REPORT = ROOT / "docs" / "benchmarks.md"

# Behind the production proxy every request arrives as https.
PROXY_HEADER = "X-Forwarded-Proto: https"

RESULT_ANSWERS = (
    "citizenship=pl&residence=pl&work=employee&nav_benefit=no&children=1-2&single_parent=no"
)
PAGES = {
    "home": "/{lang}/",
    "guide": "/{lang}/guides/certificate-s1/",
    "agreements index": "/{lang}/agreements/",
    "country page": "/{lang}/agreements/pl/",
    "checklist question": "/{lang}/checklist/work/?citizenship=pl&residence=pl",
    "checklist result": "/{lang}/checklist/result/?" + RESULT_ANSWERS,
}

# The bar on a 2-core machine at 20 connections.
MIN_RATIO = 0.5
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

    @property
    def meets_bar(self) -> bool:
        return self.errors == 0 and self.ratio >= MIN_RATIO and self.p99_ms < MAX_P99_MS


class Load(TypedDict):
    requests: int
    non_success: int
    socket_errors: int
    rps: float
    p50: float
    p99: float


class Result(TypedDict):
    label: str
    measurements: list[Measurement]
    load: Load


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


def parse_wrk(output: str) -> tuple[float, float, float, int]:
    if "Latency Distribution" not in output:
        raise RuntimeError(f"wrk printed no measurements:\n{output}")
    rps = float(found(r"Requests/sec:\s+([\d.]+)", output))
    p50 = milliseconds(found(r"^\s+50%\s+(\S+)", output, re.MULTILINE))
    p99 = milliseconds(found(r"^\s+99%\s+(\S+)", output, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_success = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, p50, p99, errors + (int(non_success.group(1)) if non_success else 0)


def wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> str:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency"]
    command += ["-H", PROXY_HEADER]
    if script:
        command += ["-s", str(script)]
    result = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 30, check=True
    )
    return result.stdout


class Server:
    """gunicorn on a loopback port, stopped with everything it started."""

    def __init__(self, environment: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                PYTHON, "-m", "gunicorn", "config.wsgi",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(workers), "--worker-class", "gthread", "--threads", "4",
                "--log-level", "warning",
                # A socket per worker, so the kernel spreads connections over
                # them: on one shared socket all of wrk's keep-alive
                # connections can land on one worker, which then measures a
                # single process (a third of the throughput, by luck of the draw).
                "--reuse-port",
            ],
            cwd=ROOT, env=environment, start_new_session=True,
        )  # fmt: skip

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

    def get(self, path: str) -> int:
        request = urllib.request.Request(self.base + path, headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=10) as response:
            status: int = response.status
            return status

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def static_file_path() -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    hashed_name: str = manifest["paths"]["css/site.css"]
    return "/static/" + hashed_name


def measure_database(label: str, database_url: str, args: argparse.Namespace) -> Result:
    environment = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    environment.pop("REDIS_URL", None)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT, env=environment, check=True, timeout=300,
    )  # fmt: skip
    server = Server(environment, workers=args.workers)
    try:
        server.wait_until_ready()
        static_path = static_file_path()
        targets = [("static file", static_path)] + [
            (f"{name} ({lang})", template.format(lang=lang))
            for name, template in PAGES.items()
            for lang in ("en", "nb")
        ]
        for _name, path in targets:
            status = server.get(path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}, not 200")
        measurements = []
        for name, path in targets:
            print(f"  {label}: {name} …", flush=True)
            rps, p50, p99, errors = parse_wrk(
                wrk(server.base + path, args.seconds, args.connections)
            )
            measurements.append(Measurement(name, path, rps, p50, p99, errors))
        static_rps = measurements[0].requests_per_second
        for measurement in measurements:
            measurement.ratio = measurement.requests_per_second / static_rps
        print(
            f"  {label}: mixed load, {args.load_seconds} s at {args.load_connections} connections …"
        )
        load = mixed_load(server, [path for _name, path in targets], args)
    finally:
        server.stop()
    return {"label": label, "measurements": measurements, "load": load}


def mixed_load(server: Server, paths: list[str], args: argparse.Namespace) -> Load:
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(
        "paths = {" + ", ".join(json.dumps(path) for path in paths) + "}\n"
        "counter = 0\n"
        "request = function()\n"
        "  counter = counter % #paths + 1\n"
        '  return wrk.format("GET", paths[counter])\n'
        "end\n"
    )
    try:
        output = wrk(server.base + "/", args.load_seconds, args.load_connections, script)
    finally:
        script.unlink()
    total = int(found(r"(\d+) requests in", output))
    non_success = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    rps, p50, p99, _errors = parse_wrk(output)
    return {
        "requests": total,
        "non_success": int(non_success.group(1)) if non_success else 0,
        "socket_errors": socket_errors,
        "rps": rps,
        "p50": p50,
        "p99": p99,
    }


def table(result: Result) -> str:
    lines = [
        f"### {result['label']}",
        "",
        "| target | path | req/s | p50 ms | p99 ms | errors | ratio to static | bar |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in result["measurements"]:
        bar = "" if m.name == "static file" else ("met" if m.meets_bar else "**missed**")
        lines.append(
            f"| {m.name} | `{m.path}` | {m.requests_per_second:,.0f} | {m.p50_ms:.1f} "
            f"| {m.p99_ms:.1f} | {m.errors} | {m.ratio:.2f} | {bar} |"
        )
    load = result["load"]
    lines += [
        "",
        f"Mixed load: {load['requests']:,} requests ({load['rps']:,.0f}/s, "
        f"p50 {load['p50']:.1f} ms, p99 {load['p99']:.1f} ms), "
        f"{load['non_success']} non-2xx/3xx responses, "
        f"{load['socket_errors']} socket errors.",
        "",
    ]
    return "\n".join(lines)


def passed(result: Result) -> bool:
    pages = result["measurements"][1:]
    load = result["load"]
    return (
        all(m.meets_bar for m in pages) and load["non_success"] == 0 and load["socket_errors"] == 0
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="per target")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is needed: install it (for example 'apt-get install -y wrk') and run again.")
        return 1

    results = []
    with tempfile.TemporaryDirectory() as folder:
        results.append(measure_database("SQLite", f"sqlite:///{folder}/bench.sqlite3", args))
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        results.append(measure_database("PostgreSQL", os.environ["DATABASE_URL"], args))

    heading = (
        f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores: gunicorn "
        f"({args.workers} gthread workers × 4 threads), debug off, whitenoise; wrk with 2 threads, "
        f"{args.connections} connections, {args.seconds} s per target, over loopback. "
        f"The bar: every page at least {MIN_RATIO:.0%} of the static file's requests per second, "
        f"p99 under {MAX_P99_MS:.0f} ms, no errors."
    )
    tables = "\n".join(table(result) for result in results)
    print("\n" + heading + "\n\n" + tables)
    write_report(heading, tables)
    return 0 if all(passed(result) for result in results) else 1


def write_report(heading: str, tables: str) -> None:
    text = REPORT.read_text() if REPORT.exists() else ""
    marker = "<!-- latest results -->"
    intro = text.split(marker)[0] if marker in text else "# Benchmarks\n\n"
    REPORT.write_text(f"{intro}{marker}\n\n{heading}\n\n{tables}")


if __name__ == "__main__":
    sys.exit(main())
