"""Anonymisation benchmark: recall per type, character precision, over-masking, publication, speed.

Protocol (shared/EVALUATION.md, "Anonymisation"), run on a gold file made by make_privacy_gold.py:

* The masked spans of the system are the spans of ``anonymize(text, profile).entities``
  (offsets into the input text; a replacement such as 张某 or 京A××××× still masks the whole span).
  Their union is what counts, so overlapping or split spans are neither rewarded nor punished.
* **Recall per type**: a gold occurrence that the profile requires masked (``mask_2016`` /
  ``mask_2024``) is found when the masked spans cover at least 80% of its characters. Overall
  recall is over all such occurrences (micro).
* **Character precision**: masked characters that lie inside occurrences the profile requires
  masked, over all masked characters. Allowance: a lead-in of up to 8 characters immediately
  before a *found* number-like occurrence (ID, phone, card, passport, credit code, WeChat/QQ,
  e-mail, property certificate, plate), on the same line and not part of a kept item, counts as
  correct, so deleting "，公民身份号码110…" or "联系电话：139…" costs nothing. Likewise the rest of
  the clause (up to ，。；：、 or a line break) around a found technical-investigation occurrence:
  anonymization.md §5 deletes the measure "plus the related evidence items", so deleting
  "公安机关经依法批准采取技术侦查措施" where the gold marks 技术侦查措施 is not over-masking. Masking a judge's,
  clerk's or lawyer's name, a court, a case number, a statute or any other text lowers it.
  Per-type precision uses the type the system gave its span.
* **Over-masked kept items**: gold items the profile keeps (judges, assessors, assistants,
  clerks, prosecutors, lawyers, courts, law firms, case numbers, licence numbers, and under 2016
  adult defendants, civil parties and organisations) that any masked span touches.
* **Publication**: ``result.publish["publishable"]`` against the gold decision (art. 4).
* **Throughput**: documents and characters per second of ``anonymize`` alone, in this one
  process, after one untimed warm-up call. For figures that go into BENCHMARKS.md pin it to one core:
  ``taskset -c 0 python bench/bench_anonymize.py --gold bench/data/privacy/holdout.jsonl``.

    python bench/bench_anonymize.py [--gold PATH] [--profile 2016|2024|both] [--json] [--show-errors N]

The dev set (default) is for tuning; report the holdout set as the honest figure.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "bench" / "data" / "privacy" / "dev.jsonl"
PROFILES = ("2016", "2024")
COVERAGE = 0.8
LEAD_IN = 8
NUMBER_TYPES = frozenset({"id_number", "phone", "bank_card", "passport", "credit_code", "account_id", "email",
                          "property_cert", "plate"})
CLAUSE_TYPES = frozenset({"tech_investigation"})
CLAUSE_END = frozenset("，。；：、\n！？")

Span = tuple[int, int, str]


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The gold documents of a JSON Lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _field(obj: Any, name: str, default: Any = None) -> Any:
    """``obj.name`` or ``obj[name]``: results and entities may be objects or dicts."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def system_spans(entities: Iterable[Any]) -> list[Span]:
    """(start, end, type) of a system's masked entities."""
    out = []
    for e in entities or ():
        start, end = _field(e, "start"), _field(e, "end")
        if start is None or end is None or end <= start:
            continue
        out.append((int(start), int(end), str(_field(e, "type", "?"))))
    return out


def kept_group(e: dict[str, Any]) -> str:
    """How an over-masked kept item is reported: persons by role, everything else by type."""
    if e["type"] == "person":
        return f"person:{e.get('role', '?')}"
    if e["type"] == "organization":
        return f"organization:{e.get('role', '?')}"
    return e["type"]


@dataclass
class DocScore:
    """The score of one document under one profile."""

    doc_id: str
    chars: int
    occurrences: list[tuple[dict[str, Any], float]] = field(default_factory=list)  # must-mask items + coverage
    kept_hits: list[tuple[dict[str, Any], float]] = field(default_factory=list)    # kept items touched
    kept_total: Counter[str] = field(default_factory=Counter)
    masked_chars: int = 0
    correct_chars: int = 0
    leadin_chars: int = 0
    wrong_in_kept: int = 0
    by_sys_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [masked, correct]
    wrong_runs: list[tuple[int, int]] = field(default_factory=list)
    offset_mismatch: int = 0
    publish_pred: bool | None = None
    publish_gold: bool | None = None


def score_document(doc: dict[str, Any], spans: Sequence[Span], profile: str,
                   system_texts: Sequence[str | None] = ()) -> DocScore:
    """Score the masked ``spans`` of one document against its gold entities under ``profile``."""
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {PROFILES}")
    text: str = doc["text"]
    n = len(text)
    key = f"mask_{profile}"
    score = DocScore(doc["id"], n)

    masked = bytearray(n)
    for s, e, _ in spans:
        s, e = max(0, s), min(n, e)
        if e > s:
            masked[s:e] = b"\x01" * (e - s)
    for (s, e, _), t in zip(spans, system_texts, strict=False):
        if t is not None and text[max(0, s):min(n, e)] != t:
            score.offset_mismatch += 1

    must = [g for g in doc["entities"] if g[key]]
    kept = [g for g in doc["entities"] if not g[key]]
    correct = bytearray(n)
    keep_mask = bytearray(n)
    for g in kept:
        keep_mask[g["start"]:g["end"]] = b"\x01" * (g["end"] - g["start"])
        score.kept_total[kept_group(g)] += 1
        cov = sum(masked[g["start"]:g["end"]]) / max(1, g["end"] - g["start"])
        if cov > 0:
            score.kept_hits.append((g, cov))
    inside = bytearray(n)
    for g in must:
        inside[g["start"]:g["end"]] = b"\x01" * (g["end"] - g["start"])
        cov = sum(masked[g["start"]:g["end"]]) / max(1, g["end"] - g["start"])
        score.occurrences.append((g, cov))
    correct[:] = inside
    for g, cov in score.occurrences:
        if cov < COVERAGE:
            continue
        if g["type"] in NUMBER_TYPES:
            i = g["start"] - 1
            while i >= 0 and i >= g["start"] - LEAD_IN and text[i] != "\n" and not keep_mask[i]:
                correct[i] = 1
                i -= 1
        elif g["type"] in CLAUSE_TYPES:
            i = g["start"] - 1
            while i >= 0 and text[i] not in CLAUSE_END and not keep_mask[i]:
                correct[i] = 1
                i -= 1
            i = g["end"]
            while i < n and text[i] not in CLAUSE_END and not keep_mask[i]:
                correct[i] = 1
                i += 1

    score.masked_chars = sum(masked)
    score.correct_chars = sum(1 for i in range(n) if masked[i] and correct[i])
    score.leadin_chars = sum(1 for i in range(n) if masked[i] and correct[i] and not inside[i])
    score.wrong_in_kept = sum(1 for i in range(n) if masked[i] and keep_mask[i])
    # maximal runs of wrongly masked characters (for --show-errors)
    i = 0
    while i < n:
        if masked[i] and not correct[i]:
            j = i
            while j < n and masked[j] and not correct[j]:
                j += 1
            score.wrong_runs.append((i, j))
            i = j
        else:
            i += 1
    # per system type: union of that type's spans
    by_type: dict[str, bytearray] = {}
    for s, e, t in spans:
        buf = by_type.setdefault(t, bytearray(n))
        s, e = max(0, s), min(n, e)
        if e > s:
            buf[s:e] = b"\x01" * (e - s)
    for t, buf in by_type.items():
        tot = sum(buf)
        ok = sum(1 for i in range(n) if buf[i] and correct[i])
        score.by_sys_type[t] = [tot, ok]
    score.publish_gold = doc.get("publishable")
    return score


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def aggregate(scores: Sequence[DocScore], profile: str) -> dict[str, Any]:
    """Per-type and overall recall, character precision, over-masking and publication accuracy."""
    occ: Counter[str] = Counter()
    found: Counter[str] = Counter()
    sys_masked: Counter[str] = Counter()
    sys_ok: Counter[str] = Counter()
    kept_total: Counter[str] = Counter()
    kept_hit: Counter[str] = Counter()
    for sc in scores:
        for g, cov in sc.occurrences:
            occ[g["type"]] += 1
            found[g["type"]] += cov >= COVERAGE
        for t, (tot, ok) in sc.by_sys_type.items():
            sys_masked[t] += tot
            sys_ok[t] += ok
        kept_total.update(sc.kept_total)
        for g, _ in sc.kept_hits:
            kept_hit[kept_group(g)] += 1
    masked = sum(sc.masked_chars for sc in scores)
    correct = sum(sc.correct_chars for sc in scores)
    per_type = {}
    for t in sorted(set(occ) | set(sys_masked)):
        per_type[t] = {"occurrences": occ[t], "found": found[t], "recall": _ratio(found[t], occ[t]),
                       "masked_chars": sys_masked[t], "precision": _ratio(sys_ok[t], sys_masked[t])}
    pub = [sc for sc in scores if sc.publish_gold is not None]
    pub_ok = [sc for sc in pub if sc.publish_pred == sc.publish_gold]
    return {
        "profile": profile,
        "documents": len(scores),
        "chars": sum(sc.chars for sc in scores),
        "recall": _ratio(sum(found.values()), sum(occ.values())),
        "occurrences": sum(occ.values()),
        "found": sum(found.values()),
        "precision": _ratio(correct, masked),
        "masked_chars": masked,
        "correct_chars": correct,
        "leadin_chars": sum(sc.leadin_chars for sc in scores),
        "wrong_chars_in_kept_items": sum(sc.wrong_in_kept for sc in scores),
        "offset_mismatches": sum(sc.offset_mismatch for sc in scores),
        "per_type": per_type,
        "over_masked": {
            "items": sum(kept_hit.values()),
            "kept_items": sum(kept_total.values()),
            "by_group": {k: {"masked": kept_hit[k], "total": kept_total[k]} for k in sorted(kept_total)
                         if kept_hit[k]},
        },
        "publication": {"correct": len(pub_ok), "total": len(pub), "accuracy": _ratio(len(pub_ok), len(pub))},
    }


System = Callable[[str, str], Any]


def evaluate(docs: Sequence[dict[str, Any]], system: System, profile: str,
             warmup: bool = True) -> tuple[dict[str, Any], list[DocScore]]:
    """Run ``system(text, profile)`` on every document, score it, and time the calls.

    One untimed call on the first document comes first (``warmup``), so that lazy loading of
    dictionaries and models is not counted as throughput.
    """
    scores = []
    elapsed = 0.0
    if warmup and docs:
        system(docs[0]["text"], profile)
    for doc in docs:
        t0 = time.perf_counter()
        result = system(doc["text"], profile)
        elapsed += time.perf_counter() - t0
        ents = list(_field(result, "entities", []) or [])
        spans = system_spans(ents)
        texts = [_field(e, "text") for e in ents if _field(e, "start") is not None and _field(e, "end") is not None
                 and _field(e, "end") > _field(e, "start")]
        sc = score_document(doc, spans, profile, texts)
        publish = _field(result, "publish")
        pred = _field(publish, "publishable") if publish is not None else None
        sc.publish_pred = None if pred is None else bool(pred)
        scores.append(sc)
    report = aggregate(scores, profile)
    chars = report["chars"]
    report["throughput"] = {"seconds": round(elapsed, 4),
                            "docs_per_s": round(len(docs) / elapsed, 2) if elapsed else None,
                            "chars_per_s": round(chars / elapsed) if elapsed else None}
    return report, scores


def _ctx(text: str, s: int, e: int, width: int = 12) -> str:
    left = text[max(0, s - width):s].replace("\n", "⏎")
    right = text[e:e + width].replace("\n", "⏎")
    return f"…{left}【{text[s:e]}】{right}…"


def error_lines(docs: Sequence[dict[str, Any]], scores: Sequence[DocScore], limit: int) -> list[str]:
    """Up to ``limit`` examples each of misses, over-masked kept items, imprecise spans, publication errors."""
    by_id = {d["id"]: d for d in docs}
    misses, over, wrong, pub = [], [], [], []
    for sc in scores:
        text = by_id[sc.doc_id]["text"]
        for g, cov in sc.occurrences:
            if cov < COVERAGE:
                misses.append(f"  {sc.doc_id} {g['type']}{'/' + g['role'] if 'role' in g else ''} "
                              f"cover={cov:.2f} {_ctx(text, g['start'], g['end'])}")
        for g, cov in sc.kept_hits:
            over.append(f"  {sc.doc_id} {kept_group(g)} cover={cov:.2f} {_ctx(text, g['start'], g['end'])}")
        for s, e in sc.wrong_runs:
            wrong.append(f"  {sc.doc_id} {e - s} chars {_ctx(text, s, e)}")
        if sc.publish_gold is not None and sc.publish_pred != sc.publish_gold:
            pub.append(f"  {sc.doc_id} gold={sc.publish_gold} system={sc.publish_pred} "
                       f"({by_id[sc.doc_id].get('publish_reason')})")
    out = []
    for title, rows in (("missed occurrences", misses), ("over-masked kept items", over),
                        ("masked text that is not to be masked", wrong), ("publication errors", pub)):
        out.append(f" {title}: {len(rows)}" + (f" (first {limit})" if len(rows) > limit else ""))
        out.extend(rows[:limit])
    return out


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table of one profile's report."""
    lines = [f"profile {report['profile']}: {report['documents']} documents, {report['chars']:,} characters",
             f"  {'type':<20}{'occ':>6}{'found':>7}{'recall':>8}{'masked':>9}{'prec':>8}"]
    for t, r in report["per_type"].items():
        rec = "-" if r["recall"] is None else f"{r['recall']:.3f}"
        prec = "-" if r["precision"] is None else f"{r['precision']:.3f}"
        lines.append(f"  {t:<20}{r['occurrences']:>6}{r['found']:>7}{rec:>8}{r['masked_chars']:>9}{prec:>8}")
    rec = "-" if report["recall"] is None else f"{report['recall']:.4f}"
    prec = "-" if report["precision"] is None else f"{report['precision']:.4f}"
    lines.append(f"  recall {rec} ({report['found']}/{report['occurrences']}); character precision {prec} "
                 f"({report['correct_chars']}/{report['masked_chars']}, of which lead-in/clause allowance "
                 f"{report['leadin_chars']}; masked characters inside kept items {report['wrong_chars_in_kept_items']})")
    om = report["over_masked"]
    groups = ", ".join(f"{k} {v['masked']}/{v['total']}" for k, v in om["by_group"].items()) or "none"
    lines.append(f"  over-masked kept items: {om['items']} of {om['kept_items']} ({groups})")
    pub = report["publication"]
    acc = "-" if pub["accuracy"] is None else f"{pub['accuracy']:.3f}"
    lines.append(f"  publication decision: {pub['correct']}/{pub['total']} correct ({acc})")
    if report.get("offset_mismatches"):
        lines.append(f"  WARNING: {report['offset_mismatches']} entities whose text differs from text[start:end]")
    tp = report.get("throughput")
    if tp and tp["docs_per_s"] is not None:
        lines.append(f"  throughput: {tp['docs_per_s']} documents/s, {tp['chars_per_s']:,} characters/s "
                     f"({tp['seconds']} s, one process)")
    return "\n".join(lines)


def _anonymizer() -> System:
    try:
        from fazhi.privacy.anonymize import anonymize
    except ImportError as exc:  # run from a checkout without `pip install -e .`, or before the module exists
        sys.path.insert(0, str(ROOT / "src"))
        try:
            from fazhi.privacy.anonymize import anonymize
        except ImportError:
            raise SystemExit(f"bench_anonymize: cannot import fazhi.privacy.anonymize ({exc})") from exc

    return lambda text, profile: anonymize(text, profile=profile)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSON Lines (default: the dev set)")
    ap.add_argument("--profile", choices=("2016", "2024", "both"), default="both")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="print up to N examples of each kind of error")
    ap.add_argument("--card", action="store_true", help="write the figures into the anonymiser's model card")
    args = ap.parse_args(argv)
    docs = load_gold(args.gold)
    system = _anonymizer()
    profiles = PROFILES if args.profile == "both" else (args.profile,)
    reports, texts = [], []
    for profile in profiles:
        report, scores = evaluate(docs, system, profile)
        body = format_report(report)
        if args.show_errors:
            examples = error_lines(docs, scores, args.show_errors)
            report["examples"] = examples
            body += "\n" + "\n".join(examples)
        reports.append(report)
        texts.append(body)
    if args.card:
        from datetime import date

        from fazhi.cards import update_card_metrics

        update_card_metrics("anonymize-0.1", {
            "measured": date.today().isoformat(), "machine": f"{platform.machine()} python {platform.python_version()}",
            "command": f"python bench/bench_anonymize.py --gold {args.gold} --card", "gold": str(args.gold),
            "profiles": {r["profile"]: {"recall": r["recall"], "char_precision": r["precision"],
                                        "per_type_recall": {t: v["recall"] for t, v in r["per_type"].items()},
                                        "over_masked": r["over_masked"]} for r in reports}})
    if args.json:
        print(json.dumps({"gold": str(args.gold), "python": platform.python_version(),
                          "profiles": {r["profile"]: r for r in reports}}, ensure_ascii=False, indent=1))
    else:
        print(f"gold: {args.gold}")
        print("\n\n".join(texts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
