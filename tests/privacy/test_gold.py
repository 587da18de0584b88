"""The anonymisation gold sets (bench/make_privacy_gold.py) and their scorer (bench/bench_anonymize.py).

The gold files must be exactly what the generator makes (determinism, files up to date), every
offset exact, every template's personal-data types present, every generated number valid by an
independent checksum, and the mask flags must follow the spec's rules. The scorer is checked with
systems derived from the gold (perfect, over-masking a judge, missing an ID, lead-ins).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.helpers import bench_module, read_jsonl

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
DATA = BENCH / "data" / "privacy"


gen = bench_module("make_privacy_gold")
bench = bench_module("bench_anonymize")
from fazhi.privacy.types import ALL_TYPES  # noqa: E402  (importable once the generator has run)


@pytest.fixture(autouse=True)
def fazhi_home() -> Iterator[None]:
    """Overrides the suite-wide fixture: these tests need no data directory and no statute base."""
    yield None


def _read(name: str) -> list[dict[str, Any]]:
    return read_jsonl(DATA / f"{name}.jsonl")


DEV = _read("dev")
HOLDOUT = _read("holdout")
ALL = DEV + HOLDOUT


# ------------------------------------------------------------------------------------ generator

@pytest.mark.parametrize("name", ["dev", "holdout"])
def test_files_are_what_the_generator_makes(name: str) -> None:
    seed, n, _ = gen.DEFAULTS[name]
    assert n >= (40 if name == "dev" else 30)
    text = (DATA / f"{name}.jsonl").read_text(encoding="utf-8")
    assert gen.dump(gen.generate(name, seed, n)) == text


def test_generator_is_deterministic_and_depends_on_the_seed() -> None:
    a = gen.generate("dev", 123, 5)
    assert a == gen.generate("dev", 123, 5)
    b = gen.generate("dev", 124, 5)
    assert [d["text"] for d in a] != [d["text"] for d in b]


def test_holdout_is_not_the_dev_set_reworded() -> None:
    dev_t = {d["profile_case"]["template"] for d in DEV}
    hold_t = {d["profile_case"]["template"] for d in HOLDOUT}
    assert hold_t - dev_t, "the holdout needs templates the dev set never shows"
    dev_courts = {d["text"].split("\n", 1)[0] for d in DEV}
    hold_courts = {d["text"].split("\n", 1)[0] for d in HOLDOUT}
    assert not dev_courts & hold_courts
    dev_lines = {line for d in DEV for line in d["text"].split("\n") if len(line) > 30}
    shared = sum(line in dev_lines for d in HOLDOUT for line in d["text"].split("\n") if len(line) > 30)
    total = sum(1 for d in HOLDOUT for line in d["text"].split("\n") if len(line) > 30)
    assert shared / total < 0.35  # statute appendix and boilerplate lines only


def test_document_shape_and_lengths() -> None:
    ids = [d["id"] for d in ALL]
    assert len(ids) == len(set(ids))
    for d in ALL:
        assert set(d) == {"id", "profile_case", "text", "entities", "publishable", "publish_reason"}
        assert d["profile_case"]["case_type"] in {"criminal", "civil"}
        assert d["profile_case"]["cause"]
        assert (d["publish_reason"] is None) == d["publishable"]
        assert 1000 <= len(d["text"]) <= 4000
    assert sum(len(d["text"]) for d in ALL) / len(ALL) > 1700


def test_offsets_are_exact_and_entities_do_not_overlap() -> None:
    allowed = set(ALL_TYPES) | set(gen.KEEP_ONLY_TYPES)
    for d in ALL:
        end = 0
        for e in sorted(d["entities"], key=lambda e: e["start"]):
            assert d["text"][e["start"]:e["end"]] == e["text"], (d["id"], e)
            assert e["start"] >= end, (d["id"], e)
            assert e["type"] in allowed
            assert isinstance(e["mask_2016"], bool) and isinstance(e["mask_2024"], bool)
            end = e["end"]


def test_every_document_has_its_templates_types() -> None:
    for d in ALL:
        tpl = gen.TEMPLATES[d["profile_case"]["template"]]
        present = {e["type"] for e in d["entities"]}
        missing = set(tpl.types) - present
        assert not missing, (d["id"], missing)
    for docs in (DEV, HOLDOUT):
        assert set(ALL_TYPES) <= {e["type"] for d in docs for e in d["entities"]}


def test_names_appear_only_where_annotated() -> None:
    """Every surface form of a person is annotated wherever it occurs (decoy words excepted)."""
    decoy_words = {w for w, _, _ in gen.WORD_NAMES}
    for d in ALL:
        covered = bytearray(len(d["text"]))
        for e in d["entities"]:
            covered[e["start"]:e["end"]] = b"\x01" * (e["end"] - e["start"])
        forms = {e["text"] for e in d["entities"] if e["type"] == "person" and "　" not in e["text"]}
        for form in forms - decoy_words:
            i = d["text"].find(form)
            while i >= 0:
                assert all(covered[i:i + len(form)]), (d["id"], form, i)
                i = d["text"].find(form, i + 1)


# ------------------------------------------------------------------ independent checksum checks

def _id_ok(number: str) -> bool:
    """GB 11643: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 written X."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    s = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(number[:17]))
    check = (12 - s % 11) % 11
    return number[17] == ("X" if check == 10 else str(check))


def _luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number][::-1]
    return sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits)) % 10 == 0


def _credit_ok(code: str) -> bool:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    if len(code) != 18 or any(c not in chars for c in code):
        return False
    s = sum(chars.index(c) * pow(3, i, 31) for i, c in enumerate(code[:17]))  # weights are 3^i mod 31
    return code[17] == chars[(31 - s % 31) % 31]


def _valid_date(yyyymmdd: str) -> bool:
    from datetime import date

    try:
        date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return True


def test_checksum_helpers_know_published_examples() -> None:
    assert _id_ok("110105199001011232") and not _id_ok("110105199001011233")
    assert _id_ok("11010519491231002X")
    assert _luhn_ok("4111111111111111") and not _luhn_ok("4111111111111112")
    assert _credit_ok("91350100M000100Y43") and not _credit_ok("91350100M000100Y44")


def test_generated_numbers_have_valid_checksums() -> None:
    seen = {"id18": 0, "id15": 0, "ocr": 0, "card": 0, "credit": 0}
    for d in ALL:
        for e in d["entities"]:
            t, sub = e["text"], e.get("subtype")
            if e["type"] == "id_number":
                if sub == "id15":
                    assert len(t) == 15 and t.isdigit() and _valid_date("19" + t[6:12]), t
                    seen["id15"] += 1
                    continue
                clean = t.replace(" ", "").replace("O", "0")
                assert _id_ok(clean) and _valid_date(clean[6:14]), t
                if clean != t:
                    seen["ocr"] += 1
                    assert sub == "id18_ocr"
                seen["id18"] += 1
            elif e["type"] == "bank_card" and sub != "org_account":
                clean = t.replace(" ", "")
                assert clean.isdigit() and len(clean) in (16, 19) and _luhn_ok(clean), t
                seen["card"] += 1
            elif e["type"] == "credit_code":
                assert _credit_ok(t), t
                seen["credit"] += 1
    assert all(seen.values()), seen


# --------------------------------------------------------------------------------- mask rules

OFFICIALS = {"审判长", "审判员", "人民陪审员", "法官助理", "书记员", "检察员", "律师"}


def test_mask_rules_follow_the_spec() -> None:
    for d in ALL:
        case = d["profile_case"]
        for e in d["entities"]:
            m = (e["mask_2016"], e["mask_2024"])
            if e["type"] in gen.KEEP_ONLY_TYPES:
                assert m == (False, False)
            elif e["type"] == "person" and e.get("role") in OFFICIALS:
                assert m == (False, False), (d["id"], e)
            elif e["type"] == "person" and e.get("role") == "被告人" and not case["juvenile_defendant"]:
                assert m == (False, True), (d["id"], e)  # adult defendants: kept in 2016, masked in 2024
            elif e["type"] == "person" and e.get("role") in {"被害人", "证人", "鉴定人", "附带民事诉讼原告人", "法定代理人"}:
                assert m == (True, True), (d["id"], e)
            elif e["type"] == "person" and case["family"]:
                assert m == (True, True), (d["id"], e)
            elif e["type"] == "organization":
                assert m in {(False, False), (False, True)}
                assert (m == (False, False)) == (e.get("role") in {"法院", "公诉机关", "公安机关", "律师事务所", "鉴定机构"})
            elif e["type"] == "credit_code":
                assert m == (False, True)
            elif e["type"] == "birth_date":
                assert m[0] == m[1]
            elif e["type"] == "health":
                assert m == ((False, False) if e.get("subtype") == "injury_subject" else (True, True))
            elif e["type"] == "address":
                assert m == ((False, True) if e.get("subtype") == "org_domicile" else (True, True))
            elif e["type"] != "person":
                assert m == (True, True), (d["id"], e)
        minors = [e for e in d["entities"] if e["type"] == "birth_date" and e["mask_2016"]]
        assert bool(minors) <= case["minor_involved"] or case["juvenile_defendant"]
    unpublished = {d["profile_case"]["category"] for d in ALL if not d["publishable"]}
    assert unpublished == {"divorce", "custody", "criminal"}
    assert all(d["publishable"] is False for d in ALL if d["profile_case"]["juvenile_defendant"])


def test_hard_cases_are_present() -> None:
    persons = [(d, e) for d in DEV for e in d["entities"] if e["type"] == "person"]
    texts = {e["text"] for _, e in persons}
    assert any(t.startswith(c) for t in texts for c in gen.COMPOUND)
    assert any("·" in t for t in texts)  # minority / transliterated names
    assert any(t.isascii() and " " in t for t in texts)  # Latin-script names
    assert texts & {w for w, _, _ in gen.WORD_NAMES}  # names that are ordinary words
    assert any(e.get("subtype") == "given_name" for _, e in persons)
    namesake = judge_like_party = False
    for d in DEV:
        by_text: dict[str, set[tuple[str, bool]]] = {}
        for e in d["entities"]:
            if e["type"] == "person":
                by_text.setdefault(e["text"], set()).add((e["pid"], e["mask_2016"]))
        for variants in by_text.values():
            pids = {p for p, _ in variants}
            namesake |= len(pids) > 1 and all(m for _, m in variants)
            judge_like_party |= {True, False} <= {m for _, m in variants}
    assert namesake and judge_like_party


# ------------------------------------------------------------------------------------ scorer

def _system(spec: dict[str, dict[str, Any]], profile_key: str, extra=None, drop=None):  # type: ignore[no-untyped-def]
    """A fake anonymiser built from the gold: masks exactly what ``profile_key`` requires."""
    def run(text: str, profile: str) -> SimpleNamespace:
        doc = spec[text]
        ents = [{"type": e["type"], "start": e["start"], "end": e["end"], "text": e["text"], "replacement": ""}
                for e in doc["entities"] if e[profile_key] and not (drop and drop(e))]
        ents += list(extra(doc)) if extra else []
        return SimpleNamespace(text="", entities=ents, publish={"publishable": doc["publishable"], "reason": None})
    return run


SAMPLE = DEV[:8]
BY_TEXT = {d["text"]: d for d in SAMPLE}


@pytest.mark.parametrize("profile", ["2016", "2024"])
def test_perfect_system_scores_one(profile: str) -> None:
    report, _ = bench.evaluate(SAMPLE, _system(BY_TEXT, f"mask_{profile}"), profile)
    assert report["recall"] == 1.0 and report["precision"] == 1.0
    assert report["over_masked"]["items"] == 0 and report["leadin_chars"] == 0
    assert report["publication"]["accuracy"] == 1.0
    assert report["throughput"]["docs_per_s"] > 0
    assert all(r["recall"] == 1.0 for r in report["per_type"].values() if r["occurrences"])


def test_masking_a_judge_lowers_precision_and_is_listed() -> None:
    def judge(doc: dict[str, Any]) -> list[dict[str, Any]]:
        return [dict(e) for e in doc["entities"] if e.get("role") == "审判长"][:1]

    report, scores = bench.evaluate(SAMPLE, _system(BY_TEXT, "mask_2024", extra=judge), "2024")
    assert report["recall"] == 1.0
    assert report["precision"] < 1.0
    assert report["over_masked"]["items"] == sum(1 for d in SAMPLE if any(e.get("role") == "审判长"
                                                                           for e in d["entities"]))
    assert set(report["over_masked"]["by_group"]) == {"person:审判长"}
    lines = bench.error_lines(SAMPLE, scores, 2)
    assert any("person:审判长" in line for line in lines)


def test_missing_an_id_lowers_recall() -> None:
    first = {}

    def drop(e: dict[str, Any]) -> bool:
        if e["type"] == "id_number" and "id" not in first:
            first["id"] = e
        return e is first.get("id")

    report, _ = bench.evaluate(SAMPLE, _system(BY_TEXT, "mask_2024", drop=drop), "2024")
    ids = report["per_type"]["id_number"]
    assert ids["found"] == ids["occurrences"] - 1
    assert report["recall"] < 1.0 and report["precision"] == 1.0


def test_2024_masking_scored_under_2016_over_masks_defendants() -> None:
    crim = [d for d in SAMPLE if d["profile_case"]["case_type"] == "criminal"]
    report, _ = bench.evaluate(crim, _system(BY_TEXT, "mask_2024"), "2016")
    assert report["recall"] == 1.0 and report["precision"] < 1.0
    assert "person:被告人" in report["over_masked"]["by_group"]


def _doc(text: str, ents: list[tuple[str, str, bool, bool]]) -> dict[str, Any]:
    out = []
    for typ, surface, m16, m24 in ents:
        i = text.index(surface)
        out.append({"type": typ, "start": i, "end": i + len(surface), "text": surface, "mask_2016": m16,
                    "mask_2024": m24})
    return {"id": "t", "text": text, "entities": out, "publishable": True}


def test_lead_in_allowance() -> None:
    number = "110105199001011232"
    doc = _doc(f"当事人基本情况登记：公民身份号码{number}，审判长李建国。",
               [("id_number", number, True, True), ("person", "李建国", False, False)])
    s = doc["text"].index(number)
    e = s + len(number)
    lead = len("公民身份号码")
    sc = bench.score_document(doc, [(s - lead, e, "id_number")], "2016")
    assert (sc.correct_chars, sc.masked_chars, sc.leadin_chars) == (18 + lead, 18 + lead, lead)
    sc = bench.score_document(doc, [(s - 10, e, "id_number")], "2016")  # only 8 are allowed
    assert (sc.correct_chars, sc.masked_chars, sc.leadin_chars) == (26, 28, 8)
    sc = bench.score_document(doc, [(s - lead, s, "id_number")], "2016")  # lead-in without the number
    assert sc.correct_chars == 0 and sc.occurrences[0][1] == 0
    trail = doc["text"].index("李建国")
    sc = bench.score_document(doc, [(s, trail + 3, "id_number")], "2016")  # a judge is never a lead-in
    assert sc.correct_chars == 18 and sc.kept_hits and sc.wrong_in_kept == 3


def test_lead_in_stops_at_a_line_break_and_only_for_numbers() -> None:
    doc = _doc("原告\n电话13912345678\n患有抑郁症", [("phone", "13912345678", True, True),
                                               ("health", "抑郁症", True, True)])
    p = doc["text"].index("139")
    sc = bench.score_document(doc, [(0, p + 11, "phone")], "2024")
    assert sc.leadin_chars == 2 and sc.masked_chars == p + 11 and sc.correct_chars == 13
    h = doc["text"].index("抑郁症")
    sc = bench.score_document(doc, [(h - 2, h + 3, "health")], "2024")
    assert sc.correct_chars == 3 and sc.masked_chars == 5


def test_clause_allowance_for_technical_investigation() -> None:
    text = "2023年3月25日，公安机关经依法批准采取技术侦查措施，确定被告人的落脚点。"
    doc = _doc(text, [("tech_investigation", "技术侦查措施", True, True)])
    t = text.index("技术侦查措施")
    clause = text.index("公安机关")
    sc = bench.score_document(doc, [(clause, t + 6, "tech_investigation")], "2024")
    assert sc.correct_chars == sc.masked_chars == t + 6 - clause and sc.leadin_chars == t - clause
    sc = bench.score_document(doc, [(0, t + 6, "tech_investigation")], "2024")  # the date clause is not
    assert sc.masked_chars - sc.correct_chars == clause
    sc = bench.score_document(doc, [(clause, t, "tech_investigation")], "2024")  # term itself missed
    assert sc.correct_chars == 0


def test_coverage_threshold_is_eighty_percent() -> None:
    doc = _doc("被继承人欧阳娜娜与证人阿依古丽·买买提", [("person", "欧阳娜娜", True, True),
                                              ("person", "阿依古丽·买买提", True, True)])
    a = doc["text"].index("欧阳娜娜")
    b = doc["text"].index("阿依古丽")
    sc = bench.score_document(doc, [(a, a + 3, "person"), (b, b + 7, "person")], "2016")
    found = [cov >= bench.COVERAGE for _, cov in sc.occurrences]
    assert found == [False, True]
    report = bench.aggregate([sc], "2016")
    assert report["per_type"]["person"]["found"] == 1 and report["precision"] == 1.0


def test_overlapping_spans_count_once_and_dict_results_work() -> None:
    doc = _doc("联系电话13912345678。", [("phone", "13912345678", True, True)])
    p = doc["text"].index("139")

    def system(text: str, profile: str) -> dict[str, Any]:
        return {"entities": [{"type": "phone", "start": p, "end": p + 11, "text": text[p:p + 11]},
                             {"type": "phone", "start": p + 3, "end": p + 11, "text": "12345678X"}],
                "publish": {"publishable": False}}

    report, _ = bench.evaluate([doc], system, "2024")
    assert report["masked_chars"] == 11 and report["precision"] == 1.0
    assert report["offset_mismatches"] == 1
    assert report["publication"]["accuracy"] == 0.0
    assert "phone" in bench.format_report(report)
