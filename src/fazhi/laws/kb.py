"""The statute knowledge base: laws, their versions in time, articles, successors and charges.

It lives in its own SQLite file (reference data, read far more than written): ``FAZHI_LAWS_DB``
or ``laws.db`` in the data directory. A version is in force from its ``valid_from`` until the
next version of the same law starts or the law is repealed (``repeal_date``).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fazhi.config import data_dir
from fazhi.errors import ConfigError

SCHEMA_VERSION = "5"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS laws (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE, short_title TEXT, type TEXT, issuing_body TEXT,
    department TEXT, repeal_date TEXT, status TEXT, first_effective TEXT);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY, law_id INTEGER NOT NULL REFERENCES laws(id), version_date TEXT,
    valid_from TEXT, status TEXT, source TEXT NOT NULL, source_ref TEXT,
    UNIQUE (law_id, version_date, source));
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY, version_id INTEGER NOT NULL REFERENCES versions(id), law_id INTEGER NOT NULL,
    number INTEGER NOT NULL, sub INTEGER NOT NULL DEFAULT 0, number_text TEXT, part TEXT, chapter TEXT,
    section TEXT, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_articles_law ON articles (law_id, number, sub);
CREATE INDEX IF NOT EXISTS ix_articles_version ON articles (version_id);
CREATE TABLE IF NOT EXISTS aliases (alias TEXT PRIMARY KEY, law_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS successors (
    law_id INTEGER NOT NULL, successor_id INTEGER NOT NULL, effective_date TEXT, basis TEXT,
    PRIMARY KEY (law_id, successor_id));
CREATE TABLE IF NOT EXISTS article_map (
    law_id INTEGER NOT NULL, article INTEGER NOT NULL, successor_id INTEGER NOT NULL,
    successor_article INTEGER NOT NULL, PRIMARY KEY (law_id, article, successor_article));
CREATE TABLE IF NOT EXISTS charges (
    name TEXT NOT NULL, law_id INTEGER NOT NULL, article INTEGER NOT NULL, sub INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (name, article, sub));
CREATE TABLE IF NOT EXISTS charge_definitions (name TEXT PRIMARY KEY, definition TEXT);
"""

PRC = "中华人民共和国"


@dataclass(frozen=True, slots=True)
class Law:
    """A law (any level) and what the knowledge base knows of its life."""

    id: int
    title: str
    short_title: str | None
    type: str | None
    issuing_body: str | None
    department: str | None
    repeal_date: date | None
    status: str | None
    first_effective: date | None = None  # when the law first took effect (its earliest text may be missing)


@dataclass(frozen=True, slots=True)
class Version:
    """One text of a law, in force from ``valid_from`` until ``valid_to`` (None: still, as far as known)."""

    id: int
    law_id: int
    version_date: date | None
    valid_from: date | None
    valid_to: date | None
    status: str | None
    source: str


@dataclass(frozen=True, slots=True)
class Article:
    """One article of one version of a law."""

    law: Law
    version: Version
    number: int
    sub: int  # 0, or n for 第X条之n
    number_text: str
    part: str | None
    chapter: str | None
    section: str | None
    text: str

    @property
    def label(self) -> str:
        return f"《{self.law.title}》{self.number_text}"

    def to_dict(self) -> dict:
        return {"law": self.law.title, "article": self.number, "sub": self.sub, "number_text": self.number_text,
                "text": self.text, "version": _iso(self.version.version_date),
                "valid_from": _iso(self.version.valid_from), "valid_to": _iso(self.version.valid_to),
                "chapter": self.chapter, "section": self.section, "law_type": self.law.type}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def normalise_title(title: str) -> str:
    """The key a title is looked up by: no spaces, no 《》, brackets full-width, no 中华人民共和国."""
    t = re.sub(r"[\s《》〈〉<>]", "", title).replace("(", "（").replace(")", "）")
    return t.removeprefix(PRC)


def kb_path() -> Path:
    """Where the knowledge base lives: ``FAZHI_LAWS_DB`` or ``laws.db`` in the data directory."""
    env = os.environ.get("FAZHI_LAWS_DB")
    return Path(env).expanduser() if env else data_dir() / "laws.db"


@dataclass
class KnowledgeBase:
    """Read and write access to the knowledge base file."""

    path: Path
    con: sqlite3.Connection = field(repr=False)
    _laws: dict[int, Law] = field(default_factory=dict, repr=False)
    _versions: dict[int, list[Version]] = field(default_factory=dict, repr=False)
    _alias: dict[str, int] | None = field(default=None, repr=False)
    _charge_map: tuple[tuple[int, int], dict[str, list[tuple[int, int]]]] | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: Path | None = None, *, create: bool = True) -> KnowledgeBase:
        path = path or kb_path()
        if not create and not path.exists():
            raise ConfigError(f"法律知识库不存在：{path}", f"law knowledge base not found: {path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"无法打开法律知识库 {path}", f"cannot open law knowledge base {path}: {exc}") from exc
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA foreign_keys=ON")
        con.executescript(_SCHEMA)
        return cls(path=path, con=con)

    def close(self) -> None:
        self.con.close()

    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def is_empty(self) -> bool:
        return self.con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0

    def fingerprint(self) -> str:
        """Changes whenever articles are added: the key of derived indexes."""
        n, top = self.con.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM articles").fetchone()
        return f"{SCHEMA_VERSION}-{n}-{top}-{self.meta('revision') or 0}"

    def _invalidate(self) -> None:
        self._laws.clear()
        self._versions.clear()
        self._alias = None

    # ------------------------------------------------------------------ laws
    def _law_from_row(self, row: tuple) -> Law:
        return Law(row[0], row[1], row[2], row[3], row[4], row[5], _date(row[6]), row[7], _date(row[8]))

    def law(self, law_id: int) -> Law:
        if law_id not in self._laws:
            row = self.con.execute("SELECT id, title, short_title, type, issuing_body, department, repeal_date, status, "
                                   "first_effective FROM laws WHERE id = ?", (law_id,)).fetchone()
            self._laws[law_id] = self._law_from_row(row)
        return self._laws[law_id]

    def laws(self) -> list[Law]:
        rows = self.con.execute("SELECT id, title, short_title, type, issuing_body, department, repeal_date, status, "
                                "first_effective FROM laws ORDER BY title").fetchall()
        return [self._law_from_row(r) for r in rows]

    def _aliases(self) -> dict[str, int]:
        if self._alias is None:
            table: dict[str, int] = {}
            for law_id, title, short in self.con.execute("SELECT id, title, short_title FROM laws"):
                table.setdefault(normalise_title(title), law_id)
                if short:
                    table.setdefault(normalise_title(short), law_id)
            for alias, law_id in self.con.execute("SELECT alias, law_id FROM aliases"):
                table[normalise_title(alias)] = law_id
            self._alias = table
        return self._alias

    def find_law(self, title: str) -> Law | None:
        """The law a title (full, without 中华人民共和国, or a registered short name) names."""
        law_id = self._aliases().get(normalise_title(title))
        return self.law(law_id) if law_id is not None else None

    def upsert_law(self, title: str, *, short_title: str | None = None, type: str | None = None,
                   issuing_body: str | None = None, department: str | None = None,
                   repeal_date: str | None = None, status: str | None = None,
                   first_effective: str | None = None) -> int:
        row = self.con.execute("SELECT id FROM laws WHERE title = ?", (title,)).fetchone()
        if row:
            self.con.execute(
                "UPDATE laws SET short_title = COALESCE(short_title, ?), type = COALESCE(type, ?), "
                "issuing_body = COALESCE(issuing_body, ?), department = COALESCE(department, ?), "
                "repeal_date = COALESCE(?, repeal_date), status = COALESCE(?, status), "
                "first_effective = MIN(COALESCE(first_effective, ?), COALESCE(?, first_effective)) WHERE id = ?",
                (short_title, type, issuing_body, department, repeal_date, status, first_effective, first_effective,
                 row[0]))
            law_id = int(row[0])
        else:
            cur = self.con.execute(
                "INSERT INTO laws (title, short_title, type, issuing_body, department, repeal_date, status, first_effective) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (title, short_title, type, issuing_body, department, repeal_date, status, first_effective))
            law_id = int(cur.lastrowid or 0)
        self._invalidate()
        return law_id

    def add_alias(self, alias: str, law_id: int) -> None:
        self.con.execute("INSERT OR IGNORE INTO aliases (alias, law_id) VALUES (?, ?)", (alias, law_id))
        self._alias = None

    # ------------------------------------------------------------------ versions
    def add_version(self, law_id: int, *, version_date: str | None, valid_from: str | None, status: str | None,
                    source: str, source_ref: str | None, articles: Iterable[dict]) -> int | None:
        """Add one version with its articles; None if that (law, version date, source) is already there."""
        if self.con.execute("SELECT 1 FROM versions WHERE law_id = ? AND version_date IS ? AND source = ?",
                            (law_id, version_date, source)).fetchone():
            return None
        cur = self.con.execute(
            "INSERT INTO versions (law_id, version_date, valid_from, status, source, source_ref) VALUES (?, ?, ?, ?, ?, ?)",
            (law_id, version_date, valid_from, status, source, source_ref))
        vid = int(cur.lastrowid or 0)
        self.con.executemany(
            "INSERT INTO articles (version_id, law_id, number, sub, number_text, part, chapter, section, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(vid, law_id, a["number"], a.get("sub", 0), a.get("number_text") or f"第{a['number']}条", a.get("part"),
              a.get("chapter"), a.get("section"), a["text"]) for a in articles])
        self._versions.pop(law_id, None)
        return vid

    def versions(self, law_id: int) -> list[Version]:
        """The law's versions in time order, each with the date the next one took over."""
        if law_id not in self._versions:
            rows = self.con.execute(
                "SELECT id, version_date, valid_from, status, source FROM versions WHERE law_id = ? "
                "ORDER BY COALESCE(valid_from, version_date), version_date, id", (law_id,)).fetchall()
            law = self.law(law_id)
            out: list[Version] = []
            for i, (vid, vdate, vfrom, status, source) in enumerate(rows):
                start = _date(vfrom) or _date(vdate)
                nxt = next((_date(r[2]) or _date(r[1]) for r in rows[i + 1:]
                            if (_date(r[2]) or _date(r[1])) != start), None)
                end = nxt or law.repeal_date
                out.append(Version(vid, law_id, _date(vdate), start, end, status, source))
            self._versions[law_id] = out
        return self._versions[law_id]

    def version_at(self, law_id: int, when: date | None) -> Version | None:
        """The version in force on ``when`` (the newest when ``when`` is None); None if none was."""
        versions = self.versions(law_id)
        if not versions:
            return None
        if when is None:
            # same start date from two sources: prefer the one with more articles (the fuller text)
            return versions[-1]
        law = self.law(law_id)
        if law.repeal_date and when >= law.repeal_date:
            return None
        for v in reversed(versions):
            if v.valid_from is None or v.valid_from <= when:
                return v
        return None

    # ------------------------------------------------------------------ articles
    def _article(self, row: tuple, law: Law, version: Version) -> Article:
        return Article(law, version, row[0], row[1], row[2], row[3], row[4], row[5], row[6])

    def articles_of(self, version: Version) -> list[Article]:
        law = self.law(version.law_id)
        rows = self.con.execute("SELECT number, sub, number_text, part, chapter, section, text FROM articles "
                                "WHERE version_id = ? ORDER BY number, sub", (version.id,)).fetchall()
        return [self._article(r, law, version) for r in rows]

    def article(self, law_id: int, number: int, *, sub: int = 0, when: date | None = None) -> Article | None:
        """Article ``number`` of the version in force on ``when`` (newest if None)."""
        version = self.version_at(law_id, when)
        if version is None:
            return None
        row = self.con.execute("SELECT number, sub, number_text, part, chapter, section, text FROM articles "
                               "WHERE version_id = ? AND number = ? AND sub = ?", (version.id, number, sub)).fetchone()
        return self._article(row, self.law(law_id), version) if row else None

    def article_any_version(self, law_id: int, number: int, sub: int = 0) -> Article | None:
        """The article in the newest version that has it (for 'existed, but not then' findings)."""
        for v in reversed(self.versions(law_id)):
            row = self.con.execute("SELECT number, sub, number_text, part, chapter, section, text FROM articles "
                                   "WHERE version_id = ? AND number = ? AND sub = ?", (v.id, number, sub)).fetchone()
            if row:
                return self._article(row, self.law(law_id), v)
        return None

    def max_article(self, law_id: int) -> int:
        row = self.con.execute("SELECT MAX(number) FROM articles WHERE law_id = ?", (law_id,)).fetchone()
        return int(row[0] or 0)

    def iter_current_articles(self) -> Iterator[tuple[int, Article]]:
        """(article row id, article) for the newest version of every law still in force."""
        for law in self.laws():
            version = self.version_at(law.id, None)
            if version is None or law.repeal_date:
                continue
            rows = self.con.execute("SELECT id, number, sub, number_text, part, chapter, section, text FROM articles "
                                    "WHERE version_id = ? ORDER BY number, sub", (version.id,)).fetchall()
            for r in rows:
                yield r[0], self._article(r[1:], law, version)

    def article_by_rowid(self, rowid: int) -> Article:
        r = self.con.execute("SELECT number, sub, number_text, part, chapter, section, text, version_id, law_id "
                             "FROM articles WHERE id = ?", (rowid,)).fetchone()
        version = next(v for v in self.versions(r[8]) if v.id == r[7])
        return self._article(r[:7], self.law(r[8]), version)

    # ------------------------------------------------------------------ successors and charges
    def successor(self, law_id: int) -> tuple[Law, date | None] | None:
        row = self.con.execute("SELECT successor_id, effective_date FROM successors WHERE law_id = ?", (law_id,)).fetchone()
        return (self.law(row[0]), _date(row[1])) if row else None

    def mapped_articles(self, law_id: int, article: int) -> list[tuple[Law, int]]:
        rows = self.con.execute("SELECT successor_id, successor_article FROM article_map WHERE law_id = ? AND article = ? "
                                "ORDER BY successor_article", (law_id, article)).fetchall()
        return [(self.law(r[0]), int(r[1])) for r in rows]

    def charges_for_article(self, article: int, sub: int = 0) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT name FROM charges WHERE article = ? AND sub = ? ORDER BY name",
                                               (article, sub))]

    def charge_articles(self) -> dict[str, list[tuple[int, int]]]:
        """Charge -> 刑法 articles, the defining article first: the one whose heading names the
        fewest charges (【盗窃罪】 第二百六十四条 before 【信用卡诈骗罪;盗窃罪】 第一百九十六条)."""
        # the map is read on every law push; rebuild it only when the charges table has changed
        stamp = self.con.execute("SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM charges").fetchone()
        cached = self._charge_map
        if cached is not None and cached[0] == tuple(stamp):
            return cached[1]
        out: dict[str, list[tuple[int, int]]] = {}
        rows = self.con.execute(
            "SELECT c.name, c.article, c.sub, (SELECT COUNT(*) FROM charges d WHERE d.article = c.article "
            "AND d.sub = c.sub) AS n FROM charges c ORDER BY c.name, n, c.article, c.sub")
        for name, art, sub, _n in rows:
            out.setdefault(name, []).append((int(art), int(sub)))
        self._charge_map = (tuple(stamp), out)
        return out

    def charge_definition(self, name: str) -> str | None:
        row = self.con.execute("SELECT definition FROM charge_definitions WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def stats(self) -> dict[str, int]:
        q = self.con.execute
        return {"laws": q("SELECT COUNT(*) FROM laws").fetchone()[0],
                "versions": q("SELECT COUNT(*) FROM versions").fetchone()[0],
                "articles": q("SELECT COUNT(*) FROM articles").fetchone()[0],
                "successors": q("SELECT COUNT(*) FROM successors").fetchone()[0],
                "charges": q("SELECT COUNT(DISTINCT name) FROM charges").fetchone()[0]}


def open_kb(path: Path | None = None) -> KnowledgeBase:
    """The knowledge base, built from the data shipped in fazhi the first time it is opened.

    The first build writes to a temporary file beside the target and renames it into place, so
    two processes starting at once never see a half-built knowledge base.
    """
    from fazhi.laws.importers import build_default

    path = path or kb_path()
    if path.exists():
        kb = KnowledgeBase.open(path)
        if kb.meta("built") == SCHEMA_VERSION:
            return kb
        kb.close()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.building")
    for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        stale.unlink(missing_ok=True)
    kb = KnowledgeBase.open(tmp)
    try:
        build_default(kb)
        kb.set_meta("built", SCHEMA_VERSION)
        kb.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        kb.con.execute("PRAGMA journal_mode=DELETE")
    finally:
        kb.close()
    os.replace(tmp, path)
    return KnowledgeBase.open(path)
