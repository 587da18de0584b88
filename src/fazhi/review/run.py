"""Run every registered check over one document."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from typing import Any

from fazhi.review.registry import REGISTRY, Context, Finding

_LOADED = False


def load_checks() -> None:
    """Import every ``fazhi.review.checks_*`` module so that its checks register."""
    global _LOADED
    if _LOADED:
        return
    import fazhi.review as pkg

    for mod in pkgutil.iter_modules(pkg.__path__):
        if mod.name.startswith("checks_"):
            importlib.import_module(f"fazhi.review.{mod.name}")
    _LOADED = True


def review(text: str, *, kb: Any = None, only: Iterable[str] | None = None) -> list[Finding]:
    """All findings for ``text``, sorted by position; ``only`` limits to check ids or families."""
    load_checks()
    ctx = Context(text, kb=kb)
    wanted = set(only) if only else None
    out: list[Finding] = []
    for spec in sorted(REGISTRY.values(), key=lambda s: s.id):
        if wanted and spec.id not in wanted and spec.family not in wanted:
            continue
        try:
            out.extend(spec.fn(ctx))
        except Exception as exc:  # one faulty check must not sink the review
            out.append(Finding(spec.id, "info", f"检查未能完成：{type(exc).__name__}", 0, 0, None, spec.basis,
                               spec.family, {"internal_error": str(exc)[:200]}))
    return sorted(out, key=lambda f: (f.start, f.check))
