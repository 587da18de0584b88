"""``POST /ingest``: upload a file (.txt .docx .pdf, or .json/.jsonl record files) and ingest it in the background.

Checked before the job starts, so the client hears at once: the type (415), the size (413) and
whether the file can be read at all (400 with the reader's bilingual message).
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import capable, get_store
from fazhi.api.schemas import HTTPStatusError, upload_limit
from fazhi.errors import BadInput

router = APIRouter(tags=["ingest"])

ALLOWED_SUFFIXES = (".txt", ".docx", ".pdf", ".json", ".jsonl")
CHUNK = 1024 * 1024


def save_upload(upload: UploadFile) -> tuple[Path, Path]:
    """(file, its private directory) of an upload saved under the data directory, type and size checked."""
    name = services.safe_filename(upload.filename)
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise HTTPStatusError(415, f"不支持的文件类型：{suffix or '（无扩展名）'}（支持 {' '.join(ALLOWED_SUFFIXES)}）",
                              f"unsupported file type: {suffix or '(none)'} (supported: {' '.join(ALLOWED_SUFFIXES)})")
    limit = upload_limit()
    workdir = services.uploads_dir() / secrets.token_hex(12)
    workdir.mkdir(mode=0o700)
    path = workdir / name
    size = 0
    try:
        with path.open("wb") as out:
            while chunk := upload.file.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise HTTPStatusError(413, f"文件过大，超过上限{limit}字节", f"file too large; the limit is {limit} bytes")
                out.write(chunk)
        if size == 0:
            raise BadInput("上传的文件是空的", "the uploaded file is empty")
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return path, workdir


def check_readable(path: Path, workdir: Path) -> str:
    """The record format of ``path``; a damaged or unreadable file → 400 with the reader's message."""
    from fazhi.documents.formats import detect_format
    from fazhi.documents.readers import read_document

    try:
        fmt = detect_format(path)
        if fmt in ("txt", "docx", "pdf"):
            read_document(path)
    except BadInput as exc:
        prefix = str(workdir) + "/"
        raise BadInput(exc.zh.replace(prefix, ""), exc.en.replace(prefix, "")) from None
    return fmt


@router.post("/ingest", status_code=202, summary="上传并入库（后台任务）/ upload and ingest in the background")
def ingest(request: Request, user: Annotated[Principal, Depends(capable("ingest"))],
           file: Annotated[UploadFile, File(description=".txt .docx .pdf .json .jsonl")],
           csrf_token: Annotated[str | None, Form(description="页面表单提交时的 CSRF 令牌")] = None) -> dict[str, Any]:
    """``{"job_id", "state", "status_url"}``; follow the job at ``GET /jobs/{job_id}``."""
    path, workdir = save_upload(file)
    try:
        fmt = check_readable(path, workdir)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    job_id = services.start_ingest(get_store(request), user, path, workdir=workdir, fmt=fmt)
    return {"job_id": job_id, "state": "queued", "status_url": f"/api/v1/jobs/{job_id}"}
