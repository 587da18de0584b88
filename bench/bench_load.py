"""Bounded load test of the workbench API on loopback (issue 7): similar-case search and law push.

    python bench/bench_load.py [--clients 50] [--duration 60] [--cail 500] [--json]

Starts ``fazhi serve`` on a free loopback port with a fresh data directory, after ingesting the 28
gold judgments (bench/data/judgments) and the first ``--cail`` CAIL2018 training facts with
``fazhi ingest``; adds a judge with ``fazhi users add`` and logs in (bearer token). Then
``--clients`` concurrent httpx clients send requests back to back for ``--duration`` seconds,
alternating ``POST /api/v1/similar`` (CAIL2018 test-set facts, not in the store) and
``POST /api/v1/laws/push`` (the questions of bench/data/law_questions/dev.jsonl).

Reported per endpoint: requests, errors (any non-2xx answer or exception), throughput (req/s) and
p50 / p95 / p99 latency; and the server's peak RSS (VmHWM) and CPU time. The load generator runs
on the same machine as the server, so both share its cores. The server is stopped at the end,
also on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "data" / "judgments"
QUESTIONS = ROOT / "bench" / "data" / "law_questions" / "dev.jsonl"
CAIL_DIR = ROOT.parent / "shared" / "data" / "cases" / "cail2018_subset"
COURT = "北京市朝阳区人民法院"
ENDPOINTS = ("/similar", "/laws/push")


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)

    def error(self, key: str, detail: str) -> None:
        self.errors[key] += 1
        if len(self.samples) < 5:
            self.samples.append(f"{key}: {detail[:200]}")


def _pct(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    i = min(len(sorted_values) - 1, max(0, round(q * len(sorted_values) + 0.5) - 1))
    return sorted_values[i]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fazhi(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "fazhi.cli", *args], env=env, capture_output=True, text=True,
                          input=stdin, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"fazhi {' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return done


def _proc_status(pid: int, key: str) -> int:
    """A kB figure from /proc/PID/status (VmHWM: peak resident set), 0 when unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            out += [int(x) for x in task.read_text().split()]
    return out


def _loadavg() -> float | None:
    """The 1-minute load average before the run: other work on the machine skews the figures."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def load_inputs(n_facts: int) -> dict[str, list[dict[str, Any]]]:
    facts: list[dict[str, Any]] = []
    with (CAIL_DIR / "data_test.json").open(encoding="utf-8") as fh:
        for line in fh:
            fact = json.loads(line)["fact"].strip()
            if len(fact) >= 30:
                facts.append({"text": fact, "k": 10})
            if len(facts) >= n_facts:
                break
    questions = [{"text": json.loads(line)["question"], "k": 10}
                 for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {"/similar": facts, "/laws/push": questions}


class Server:
    """``fazhi serve`` in a subprocess with its own data directory, stopped by ``close``."""

    def __init__(self, n_cail: int, keep: bool = False) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="fazhi-load-"))
        self.keep = keep
        self.proc: subprocess.Popen[bytes] | None = None
        home = self.root / "home"
        home.mkdir()
        self.env = {k: v for k, v in os.environ.items() if k not in ("FAZHI_USER", "FAZHI_DATABASE_URL")}
        self.env.update({"FAZHI_HOME": str(home), "FAZHI_DATABASE_URL": f"sqlite:///{home / 'fazhi.db'}",
                         "FAZHI_SECRET_KEY": os.environ.get("FAZHI_SECRET_KEY", "bench-load-key"),
                         "PYTHONUNBUFFERED": "1"})
        if laws_db := os.environ.get("FAZHI_LAWS_DB"):
            self.env["FAZHI_LAWS_DB"] = laws_db
        self.n_cail = n_cail
        self.info: dict[str, Any] = {}

    def prepare(self) -> None:
        src = self.root / "in"
        src.mkdir()
        for p in sorted(GOLD.glob("*.txt")):
            shutil.copy(p, src / p.name)
        with (CAIL_DIR / "data_train.json").open(encoding="utf-8") as fh:
            (src / "cail.json").write_text("".join(line for _, line in zip(range(self.n_cail), fh, strict=False)),
                                           encoding="utf-8")
        t0 = time.perf_counter()
        report = json.loads(_fazhi(self.env, "ingest", str(src), "--json").stdout)
        self.info["ingest"] = {"stored": report["stored"], "failed": report["failed"],
                               "seconds": round(time.perf_counter() - t0, 1)}
        self.password = "Bench-负载-测试-2024"
        _fazhi(self.env, "users", "add", "bench_judge", "--role", "judge", "--court", COURT, "--division", "刑事审判庭",
               stdin=self.password + "\n")

    def start(self) -> str:
        port = _free_port()
        self.log = (self.root / "server.log").open("wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "fazhi.cli", "serve", "--host", "127.0.0.1",
                                      "--port", str(port)], env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        self.base_url = f"http://127.0.0.1:{port}"
        t0 = time.perf_counter()
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"fazhi serve exited with {self.proc.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.base_url + "/api/v1/health", timeout=2).status_code == 200:
                    break
            if time.perf_counter() - t0 > 120:
                raise SystemExit(f"fazhi serve did not answer /api/v1/health in 120 s:\n{self.log_tail()}")
            time.sleep(0.2)
        self.info["startup_s"] = round(time.perf_counter() - t0, 1)
        return self.base_url

    def log_tail(self, n: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join((self.root / "server.log").read_text(errors="replace").splitlines()[-n:])
        return ""

    def usage(self) -> dict[str, Any]:
        assert self.proc is not None
        pids = [self.proc.pid, *_children(self.proc.pid)]
        return {"peak_rss_mb": round(sum(_proc_status(p, "VmHWM") for p in pids) / 1024, 1),
                "rss_mb": round(sum(_proc_status(p, "VmRSS") for p in pids) / 1024, 1),
                "cpu_s": round(sum(_cpu_seconds(p) for p in pids), 1)}

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        if hasattr(self, "log"):
            self.log.close()
        if self.keep:
            print(f"server files kept in {self.root}", file=sys.stderr)
        else:
            shutil.rmtree(self.root, ignore_errors=True)


async def run_load(base_url: str, token: str, inputs: dict[str, list[dict[str, Any]]], clients: int,
                   duration: float) -> tuple[dict[str, Stats], float]:
    stats = {ep: Stats() for ep in ENDPOINTS}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url + "/api/v1", limits=limits, timeout=120,
                                 headers={"Authorization": f"Bearer {token}"}) as client:
        for ep in ENDPOINTS:  # warm-up (indexes loaded, caches filled): not measured
            r = await client.post(ep, json=inputs[ep][0])
            if r.status_code // 100 != 2:
                raise SystemExit(f"warm-up POST {ep} → {r.status_code}: {r.text[:500]}")
        start = time.perf_counter()
        stop_at = start + duration

        async def worker(i: int) -> None:
            n = i
            while time.perf_counter() < stop_at:
                ep = ENDPOINTS[n % 2]
                body = inputs[ep][(n * 7919 + i) % len(inputs[ep])]
                n += 1
                t0 = time.perf_counter()
                try:
                    r = await client.post(ep, json=body)
                except Exception as exc:  # noqa: BLE001 - every failure is counted
                    stats[ep].error(type(exc).__name__, repr(exc))
                    continue
                elapsed = time.perf_counter() - t0
                if r.status_code // 100 == 2:
                    stats[ep].latencies.append(elapsed)
                else:
                    stats[ep].error(str(r.status_code), r.text)

        await asyncio.gather(*(worker(i) for i in range(clients)))
        wall = time.perf_counter() - start
    return stats, wall


def summarize(stats: dict[str, Stats], wall: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for ep, st in stats.items():
        lat = sorted(st.latencies)
        n_err = sum(st.errors.values())
        out[ep] = {"requests": len(lat) + n_err, "ok": len(lat), "errors": n_err, "error_kinds": dict(st.errors),
                   "error_samples": st.samples, "throughput_rps": round(len(lat) / wall, 1),
                   "p50_ms": round(1000 * _pct(lat, 0.50), 1), "p95_ms": round(1000 * _pct(lat, 0.95), 1),
                   "p99_ms": round(1000 * _pct(lat, 0.99), 1), "max_ms": round(1000 * (lat[-1] if lat else float("nan")), 1)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    ap.add_argument("--cail", type=int, default=500, help="CAIL2018 training facts ingested beside the gold judgments")
    ap.add_argument("--facts", type=int, default=300, help="distinct CAIL2018 test facts used as similar-case queries")
    ap.add_argument("--keep", action="store_true", help="keep the server's data directory and log")
    ap.add_argument("--json", action="store_true", help="print one JSON document")
    args = ap.parse_args()

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    server = Server(args.cail, keep=args.keep)
    try:
        server.prepare()
        base_url = server.start()
        r = httpx.post(base_url + "/api/v1/auth/login", json={"username": "bench_judge", "password": server.password},
                       timeout=30)
        if r.status_code != 200:
            raise SystemExit(f"login failed: {r.status_code} {r.text[:300]}")
        inputs = load_inputs(args.facts)
        load_before = _loadavg()
        stats, wall = asyncio.run(run_load(base_url, r.json()["token"], inputs, args.clients, args.duration))
        usage = server.usage()
        alive = server.proc is not None and server.proc.poll() is None
    except KeyboardInterrupt:
        print("interrupted; server stopped", file=sys.stderr)
        raise SystemExit(130) from None
    finally:
        server.close()
    per = summarize(stats, wall)
    total_ok = sum(v["ok"] for v in per.values())
    res = {"clients": args.clients, "duration_s": round(wall, 1), "endpoints": per,
           "total": {"requests": sum(v["requests"] for v in per.values()), "errors": sum(v["errors"] for v in per.values()),
                     "throughput_rps": round(total_ok / wall, 1)},
           "server": {**server.info, **usage, "alive_at_end": alive},
           "store": {"gold_judgments": len(list(GOLD.glob("*.txt"))), "cail_facts": args.cail},
           "loadavg_1min_before": load_before, "date": date.today().isoformat(),
           "machine": f"{platform.machine()} {os.cpu_count()} CPUs python {platform.python_version()}"}
    if args.json:
        json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(f"{args.clients} clients × {res['duration_s']} s on loopback; store: {res['store']['gold_judgments']} "
              f"judgments + {args.cail} CAIL facts (ingest {server.info['ingest']['seconds']} s)")
        for ep, v in per.items():
            print(f"POST /api/v1{ep:<11} {v['requests']:>6} requests, {v['errors']} errors, {v['throughput_rps']:>7} req/s, "
                  f"p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms, p99 {v['p99_ms']} ms, max {v['max_ms']} ms")
            for s in v["error_samples"]:
                print(f"    {s}")
        print(f"total: {res['total']['requests']} requests, {res['total']['errors']} errors, "
              f"{res['total']['throughput_rps']} req/s; server peak RSS {usage['peak_rss_mb']} MB, CPU {usage['cpu_s']} s "
              f"(load average before the run: {load_before})")
    if res["total"]["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
