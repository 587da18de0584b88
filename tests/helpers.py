"""Helpers shared by the end-to-end tests: run the real `fazhi` command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "data" / "judgments"
SHARED_DATA = ROOT.parent / "shared" / "data"


def fazhi(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None,
          timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m fazhi.cli ARGS`` with the test's environment (FAZHI_HOME etc.)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], input=stdin, capture_output=True,
                          env=full_env, timeout=timeout)


def out_json(proc: subprocess.CompletedProcess[bytes]) -> Any:
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return json.loads(proc.stdout.decode("utf-8"))


def bilingual(stderr: bytes) -> bool:
    """A one-line message with Chinese and English in it, and no traceback."""
    text = stderr.decode("utf-8", "replace").strip()
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    has_latin = any("a" <= ch.lower() <= "z" for ch in text)
    return bool(text) and has_cjk and has_latin and "Traceback" not in text


def bench_module(name: str) -> Any:
    """A script of ``bench/`` imported as a module (its generator or scorer under test)."""
    import importlib.util

    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def read_jsonl(path: Path) -> list[Any]:
    """Every line of a JSON Lines file (the bench gold sets)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]
