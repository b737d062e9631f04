"""The upload form of `crosswire serve --allow-ingest`: files through the normal ingest pipeline.

Caps on the request, the file count and each file's size keep one upload from filling the disk;
a token in the form keeps other web sites from posting to it; a bad file is reported, not fatal.
An upload is stored whole or not at all: its files are written to a folder of their own, which
takes its place only once every file is in it, and a refused upload leaves nothing behind. Uploaded
files are kept beside the store (`STORE-uploads/`), so each article's recorded source is a file that
still exists; a file that gave no article is removed once ingested.
"""

from __future__ import annotations

import re
import secrets
import shutil
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from crosswire import pipeline
from crosswire.config import Settings
from crosswire.ingest.sources import EXTENSIONS
from crosswire.interfaces.web.pages import page
from crosswire.store.dialect import is_postgresql

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
UPLOADS = "crosswire-uploads"  # beside no file when the store is a PostgreSQL server's
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")
MAX_NAME_BYTES = 120  # well under every file system's 255, with room for what a copy adds
_ingesting = threading.Lock()  # one ingest at a time: the store takes one writer anyway


@dataclass(frozen=True)
class UploadLimits:
    max_files: int = 20
    max_file_bytes: int = 10 * 1024 * 1024
    max_total_bytes: int = 50 * 1024 * 1024


def new_token() -> str:
    return secrets.token_urlsafe(32)


@router.get("/ingest")
def form(request: Request) -> HTMLResponse:
    return _form_page(request)


def _form_page(request: Request, status_code: int = 200, **context: Any) -> HTMLResponse:
    state = request.app.state
    context = {"results": [], "stories": [], **context}
    return page(request, "ingest.html", status_code, limits=state.upload_limits, token=state.upload_token, **context)


@router.post("/ingest")
async def upload(request: Request) -> HTMLResponse:
    limits: UploadLimits = request.app.state.upload_limits
    _check_length(request, limits)
    try:
        form_data = await request.form(max_files=limits.max_files, max_fields=5)
    except MultiPartException as error:
        raise HTTPException(status_code=400, detail=f"Unreadable upload: {error.message}") from error
    token = form_data.get("token")
    if not isinstance(token, str) or not secrets.compare_digest(token, request.app.state.upload_token):
        raise HTTPException(status_code=403, detail="The form has expired: reload the page and try again.")
    files = [item for item in form_data.getlist("files") if isinstance(item, UploadFile) and item.filename]
    if not files:
        return _form_page(request, 400, results=[_refusal("—", "no file chosen")])
    folder = upload_folder(request.app.state.db_path)
    try:
        saved, refused = await _save(files, folder, limits)
    finally:
        await form_data.close()
    if refused:
        return _form_page(request, 413 if any(r["too_large"] for r in refused) else 400, results=refused)
    report = await run_in_threadpool(_ingest, saved, request.app.state.db_path, limits)
    _remove_unused(saved, report)
    results = [_outcome(outcome, folder) for outcome in report.outcomes]
    return _form_page(request, results=results, stories=report.stories)


def upload_folder(db_path: str | Path) -> Path:
    """Where one upload's files are kept, beside an SQLite store (in the working directory for a server's):
    the articles' sources stay readable."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    folder = Path(UPLOADS) if is_postgresql(db_path) else Path(db_path).with_name(f"{Path(db_path).name}-uploads")
    return folder / f"{stamp}-{secrets.token_hex(4)}"


def _check_length(request: Request, limits: UploadLimits) -> None:
    """Refuse oversized uploads before reading them; browsers always state the length of a form."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise HTTPException(status_code=411, detail="An upload must state its length.")
    if int(length) > limits.max_total_bytes:
        raise HTTPException(status_code=413, detail=f"Uploads are limited to {limits.max_total_bytes} bytes in all.")


async def _save(files: list[UploadFile], folder: Path, limits: UploadLimits) -> tuple[list[str], list[dict[str, Any]]]:
    """Write every file under a safe, short name into `folder`, or none: when one is too large or cannot
    be written, the upload is refused with the reason for each file, and nothing stays on disk."""
    partial = folder.with_name(folder.name + ".partial")
    saved, problems = [], {}
    for number, upload_file in enumerate(files):
        content = await upload_file.read(limits.max_file_bytes + 1)
        if len(content) > limits.max_file_bytes:
            problems[number] = f"larger than {limits.max_file_bytes} bytes"
            continue
        path = partial / f"{number:03d}" / stored_name(upload_file.filename or "upload")
        try:
            path.parent.mkdir(parents=True)
            path.write_bytes(content)
        except OSError as error:
            problems[number] = f"could not be stored ({error.strerror or error})"
            break
        saved.append(str(folder / path.relative_to(partial)))
    if not problems:
        try:
            partial.rename(folder)
            return saved, []
        except OSError as error:
            problems[0] = f"could not be stored ({error.strerror or error})"
    shutil.rmtree(partial, ignore_errors=True)
    return [], [_refused(upload_file, problems.get(number)) for number, upload_file in enumerate(files)]


def stored_name(name: str) -> str:
    """A file name safe on any file system: no path, no unsafe characters, at most MAX_NAME_BYTES bytes
    in UTF-8, its extension kept (it says how the file is read)."""
    clean = _UNSAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).lstrip(".") or "upload"
    kind_extension = next((ext for ext in EXTENSIONS if clean.lower().endswith(ext)), "")
    extension = clean[len(clean) - len(kind_extension) :] if kind_extension else ""
    stem = clean[: len(clean) - len(extension)]
    budget = MAX_NAME_BYTES - len(extension.encode("utf-8"))
    return (stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore") or "upload") + extension


def _refused(upload_file: UploadFile, problem: str | None) -> dict[str, Any]:
    name = Path(upload_file.filename or "upload").name
    reason = problem or "not stored: the upload was refused whole, because of the files marked"
    return {**_refusal(name, reason), "too_large": bool(problem and problem.startswith("larger"))}


def _remove_unused(saved: list[str], report: pipeline.IngestReport) -> None:
    """Remove the files no stored article came from (each was rejected), and their folders."""
    used = {outcome.source.split("#", 1)[0] for outcome in report.outcomes if outcome.status != "rejected"}
    for path in map(Path, saved):
        if str(path) not in used:
            path.unlink(missing_ok=True)
            for folder in (path.parent, path.parent.parent):
                if folder.exists() and not any(folder.iterdir()):
                    folder.rmdir()


def _ingest(paths: list[str], db_path: str | Path, limits: UploadLimits) -> pipeline.IngestReport:
    with _ingesting:
        return pipeline.ingest(paths, db_path, Settings(max_input_bytes=limits.max_file_bytes))


def _refusal(name: str, reason: str) -> dict[str, Any]:
    return {"source": name, "status": "rejected", "article_id": None, "reason": reason}


def _outcome(outcome: pipeline.Outcome, folder: Path) -> dict[str, Any]:
    """The outcome named by the uploaded file, not by the folder it was kept in."""
    source = outcome.source.removeprefix(f"{folder}/")
    return {"source": source.split("/", 1)[-1], "status": outcome.status, "article_id": outcome.article_id,
            "reason": "; ".join(filter(None, [outcome.reason, *outcome.warnings]))}  # fmt: skip
