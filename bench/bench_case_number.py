"""Case-number benchmark: accuracy on the case_number.md §6 vectors and find_case_numbers speed.

Accuracy: a valid vector counts when it parses strictly and validation reports no error;
an invalid vector counts when validation reports the stated reason (code and reason key).
Speed: calls per second of find_case_numbers on a ~3,000-character judgment-like text, and
the time for one call on 1 MB of random text.

    python bench/bench_case_number.py [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from datetime import date

from fazhi.documents.case_number import find_case_numbers, parse_case_number, validate_case_number

TODAY = date(2025, 6, 1)

# case_number.md §6 (copied; the tests hold the same list).
VALID = [
    "（2023）京0105民初12345号", "（2023）京03民终6789号", "（2023）京民终100号", "（2022）最高法民申1234号",
    "（2019）最高法知民终1号", "（2017）豫刑核98621855号", "（2023）粤0305执12345号", "（2024）粤0305执恢123号",
    "（2023）沪0115执异45号", "（2023）沪01执复12号", "（2023）浙0106执保678号", "（2021）川0104民诉前调801号",
    "（2020）甘03执23号之五", "（2023）沪74民初1621号", "（2024）京0491民初1234号", "（2023）沪7101民初230号",
    "（2021）粤03破申12号",
]
INVALID = [
    ("（2023）京0105民初字第12345号", "CN-FORMAT", "legacy_after_2015"),
    ("（2023）京0105民初12345", "CN-FORMAT", "missing_hao"),
    ("（23）京0105民初12345号", "CN-FORMAT", "year_digits"),
    ("（2023）京105民初12345号", "CN-FORMAT", "court_digits"),
    ("（2023）北京0105民初12345号", "CN-FORMAT", "wrong_court_abbr"),
    ("（2023）京0105民初012345号", "CN-FORMAT", "leading_zero"),
    ("（2023）京0105民初0号", "CN-FORMAT", "seq_zero"),
    ("〔2023〕京0105民初12345号", "CN-FORMAT", "doc_brackets"),
    ("(2023)京0105民初12345号", "CN-FORMAT", "halfwidth_brackets"),
    ("（2023）京0105民终123号", "CN-S5", "basic_court_appeal"),
    ("（2023）京0105执复12号", "CN-S5", "basic_court_appeal"),
    ("（2023）京0105刑核123号", "CN-S3", "seq_length"),
    ("（2023）京0105刑核123号", "CN-S6", "review_below_high_court"),
    ("（2015）京0105民初123号", "CN-S7", "new_format_before_2016"),
    ("（2023）京0105民破5号", "CN-S1", "type_not_in_force"),
    ("（2023）京01知民初5号", "CN-S4", "special_not_spc"),
]

_FILLER = ("上诉人（原审原告）某某有限公司，住所地北京市朝阳区某街道某号。法定代表人王某，该公司经理。"
           "委托诉讼代理人李某，北京某律师事务所律师。被上诉人（原审被告）张某，男，汉族，住北京市海淀区。"
           "本院于立案后，依法组成合议庭，公开开庭进行了审理。上诉人的委托诉讼代理人、被上诉人到庭参加诉讼。"
           "本案现已审理终结。经审理查明，双方签订买卖合同一份，约定货款及交付方式。")


def judgment_text(target: int = 3000) -> str:
    """A deterministic ~3,000-character text with case numbers in several forms."""
    refs = ["不服北京市朝阳区人民法院（2023）京0105民初12345号民事判决", "本院（2023）京03民终6789号",
            "原审（2015）海民初字第12345号", "执行案号(２０２３) 沪01执复12号", "参见法释〔2016〕19号"]
    parts: list[str] = []
    i = 0
    while sum(map(len, parts)) < target:
        parts.append(_FILLER)
        parts.append(refs[i % len(refs)] + "。")
        i += 1
    return "".join(parts)[:target]


def accuracy() -> dict:
    valid_ok = [v for v in VALID
                if parse_case_number(v, strict=True) is not None
                and not any(p.severity == "error" for p in validate_case_number(v, today=TODAY))]
    invalid_ok = [(s, c, r) for s, c, r in INVALID
                  if any(p.code == c and p.reason == r for p in validate_case_number(s, today=TODAY))]
    return {
        "valid_total": len(VALID), "valid_ok": len(valid_ok),
        "invalid_total": len(INVALID), "invalid_ok": len(invalid_ok),
        "accuracy": (len(valid_ok) + len(invalid_ok)) / (len(VALID) + len(INVALID)),
        "failures": [v for v in VALID if v not in valid_ok] + [s for s, c, r in INVALID if (s, c, r) not in invalid_ok],
    }


def speed(seconds: float = 1.0) -> dict:
    text = judgment_text()
    found = len(find_case_numbers(text))  # also warms the tables
    calls, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(50):
            find_case_numbers(text)
        calls += 50
    rnd = random.Random(7)
    alphabet = "（）()0123456789京民初终号字第之沪刑执 最高法" + "".join(chr(0x4E00 + i * 97) for i in range(40))
    big = "".join(rnd.choice(alphabet) for _ in range(1_000_000))
    t0 = time.perf_counter()
    find_case_numbers(big)
    big_s = time.perf_counter() - t0
    return {
        "text_chars": len(text), "numbers_in_text": found,
        "calls_per_second": round(calls / elapsed, 1), "ms_per_call": round(1000 * elapsed / calls, 4),
        "random_1mb_seconds": round(big_s, 4),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    result = {"accuracy": accuracy(), "speed": speed(),
              "python": platform.python_version(), "machine": platform.machine()}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        a, s = result["accuracy"], result["speed"]
        print(f"valid vectors:   {a['valid_ok']}/{a['valid_total']} parsed strictly with no error")
        print(f"invalid vectors: {a['invalid_ok']}/{a['invalid_total']} rejected with the stated reason")
        print(f"accuracy:        {a['accuracy']:.1%}")
        for f in a["failures"]:
            print(f"  FAILED: {f}")
        print(f"find_case_numbers on {s['text_chars']} chars ({s['numbers_in_text']} numbers): "
              f"{s['calls_per_second']:.0f} calls/s ({s['ms_per_call']} ms/call)")
        print(f"find_case_numbers on 1 MB random text: {s['random_1mb_seconds']} s")
    return 0 if not result["accuracy"]["failures"] else 1


if __name__ == "__main__":
    sys.exit(main())
