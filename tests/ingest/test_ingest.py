"""Ingest: every supported format, idempotence, all-or-nothing per document (even under kill -9),
and the same on real PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.helpers import GOLD, SHARED_DATA, bilingual, fazhi, out_json

from fazhi.ingest import ingest
from fazhi.ledger import verify
from fazhi.store import AuditRecord, Case, Document, Party, Sentence, StatuteCitation, open_store

CAIL = SHARED_DATA / "cases" / "cail2018_subset" / "data_train.json"
CJRC = SHARED_DATA / "cases" / "cjrc" / "dev_ground_truth.json"


def _corpus(tmp: Path, n_cail: int = 30) -> Path:
    src = tmp / "in"
    src.mkdir()
    for p in sorted(GOLD.glob("*.txt"))[:6]:
        shutil.copy(p, src / p.name)
    (src / "gbk.txt").write_bytes(sorted(GOLD.glob("*.txt"))[6].read_text(encoding="utf-8").encode("gbk"))
    import docx

    d = docx.Document()
    for line in sorted(GOLD.glob("*.txt"))[7].read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    d.save(str(src / "judgment.docx"))
    _write_pdf(sorted(GOLD.glob("*.txt"))[8], src / "judgment.pdf")
    with CAIL.open(encoding="utf-8") as fh:
        (src / "cail.json").write_text("".join(next(fh) for _ in range(n_cail)), encoding="utf-8")
    return src


def _write_pdf(source: Path, target: Path) -> None:
    """A real text-layer PDF of a judgment, hard-wrapped at 38 characters as PDF text is."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(target))
    y = 800
    for line in source.read_text(encoding="utf-8").splitlines():
        for i in range(0, max(len(line), 1), 38):
            if y < 60:
                c.showPage()
                y = 800
            c.setFont("STSong-Light", 11)
            c.drawString(40, y, line[i:i + 38])
            y -= 16
    c.save()


def _consistent(store) -> None:
    """Every stored document is whole: its parties, citations and audit record all present."""
    with store.session() as s:
        for doc in s.execute(select(Document)).scalars():
            assert s.scalar(select(func.count()).select_from(Party).where(Party.document_id == doc.id)) == doc.party_count
            assert s.scalar(select(func.count()).select_from(StatuteCitation)
                            .where(StatuteCitation.document_id == doc.id)) == doc.statute_count
            assert s.get(AuditRecord, doc.audit_id) is not None
        assert verify(s).ok


def test_ingest_formats_and_idempotence(tmp_path: Path, store_url: str) -> None:
    src = _corpus(tmp_path)
    store = open_store(store_url)
    report = ingest(store, [src, CJRC], actor="test")
    assert report.errors == []
    # txt, gbk, docx, CAIL lines, CJRC passages (CJRC repeats one passage word for word: stored once)
    assert report.stored + report.skipped == 6 + 1 + 1 + 1 + 30 + 1000
    assert report.skipped <= 2
    again = ingest(store, [src], actor="test")
    assert (again.stored, again.skipped) == (0, 39)
    _consistent(store)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == report.stored
        cail = s.execute(select(Document).where(Document.format == "cail2018").limit(1)).scalar_one()
        assert cail.record["cause"] and cail.record["statutes"][0]["law"] == "中华人民共和国刑法"
        assert s.scalar(select(func.count()).select_from(Sentence)) >= 30
        docx_doc = s.execute(select(Document).where(Document.format == "docx")).scalar_one()
        assert docx_doc.record["case_number"]
        pdf_doc = s.execute(select(Document).where(Document.format == "pdf")).scalar_one()
        gold = json.loads(sorted(GOLD.glob("*.json"))[8].read_text(encoding="utf-8"))
        assert pdf_doc.record["case_number"] == gold["case_number"]
        assert pdf_doc.record["court"] == gold["court"]
        assert s.scalar(select(func.count()).select_from(Case)) >= 39
    store.close()


def test_ingest_cli_reports_bad_files_and_continues(tmp_path: Path) -> None:
    src = tmp_path / "mixed"
    src.mkdir()
    shutil.copy(sorted(GOLD.glob("*.txt"))[0], src / "good.txt")
    (src / "garbage.txt").write_bytes(os.urandom(2048))
    (src / "empty.txt").write_bytes(b"")
    with CAIL.open(encoding="utf-8") as fh:
        (src / "cail.json").write_text(next(fh) + '{"fact": "被告人张某盗窃。", "meta": {}}\n{broken\n', encoding="utf-8")
    proc = fazhi("ingest", str(src), "--json")
    assert proc.returncode == 2
    summary = json.loads(proc.stdout)
    assert summary["stored"] == 2 and summary["failed"] == 4  # garbage, empty, CAIL line without labels, broken JSON
    assert bilingual(proc.stderr.splitlines()[0])
    proc = fazhi("ingest", str(tmp_path / "does-not-exist"))
    assert proc.returncode == 2 and bilingual(proc.stderr)


def test_ingest_survives_kill_minus_9(tmp_path: Path, fazhi_home: Path) -> None:
    """Kill the ingest process mid-way: what is stored is whole, and a rerun completes the set."""
    src = tmp_path / "many"
    src.mkdir()
    with CAIL.open(encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(1500)]
    (src / "cail.json").write_text("".join(lines), encoding="utf-8")
    unique = len({json.loads(line)["fact"] for line in lines})  # a repeated fact is stored once
    db = fazhi_home / "fazhi.db"
    proc = subprocess.Popen([sys.executable, "-m", "fazhi.cli", "ingest", str(src)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"sqlite:///{db}"
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.3)
        if db.exists():
            try:
                store = open_store(url, upgrade=False)
                with store.session() as s:
                    stored = s.scalar(select(func.count()).select_from(Document)) or 0
                store.close()
            except Exception:
                stored = 0
            if stored >= 50:
                break
    assert proc.poll() is None, "ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = open_store(url)
    _consistent(store)
    with store.session() as s:
        partial = s.scalar(select(func.count()).select_from(Document))
    assert 50 <= partial < 1500
    out = out_json(fazhi("ingest", str(src), "--json"))
    assert out["stored"] + out["skipped"] == 1500 and out["stored"] == unique - partial
    _consistent(store)
    store.close()


def test_directory_with_10000_files(tmp_path: Path) -> None:
    src = tmp_path / "tenk"
    src.mkdir()
    for i in range(10000):
        (src / f"{i:05d}.txt").write_text(f"被告人张{i}犯盗窃罪，判处有期徒刑{i % 12 + 1}个月。", encoding="utf-8")
    out = out_json(fazhi("ingest", str(src), "--json", timeout=900))
    assert out == {"stored": 10000, "skipped": 0, "failed": 0, "errors": []}


@pytest.mark.parametrize("size_mb", [50])
def test_50mb_text_is_refused_clearly(tmp_path: Path, size_mb: int) -> None:
    big = tmp_path / "big.txt"
    line = "本院认为，被告人的行为已构成盗窃罪。\n".encode()
    with big.open("wb") as fh:
        for _ in range(size_mb * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    proc = fazhi("analyze", str(big))
    assert proc.returncode == 2 and bilingual(proc.stderr)
    assert out_json(fazhi("cases", "list", "--json")) == []
