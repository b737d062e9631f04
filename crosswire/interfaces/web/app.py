"""The app factory: pages, API, offline API docs, security headers, the read-only guard, request limits.

Every response carries a Content-Security-Policy that allows no script at all (the API docs page
alone runs its bundled scripts, and its one inline script by hash), so even text that slipped
past escaping could not run; error pages and the Host check's refusal included. Without
`allow_ingest` the store is opened read-only and any method but GET and HEAD is refused before it
reaches a route; HEAD is answered wherever GET is. A reading request gets `time_limit` seconds and
stops as soon as its client goes: its database statements are interrupted either way.
`Server-Timing` says how long the server took, which the speed benchmark reads.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

import crosswire
from crosswire.config import REQUEST_TIME_LIMIT
from crosswire.interfaces.web import api, pages, upload
from crosswire.interfaces.web.guard import RequestGuard, cancellation_of, secure
from crosswire.interfaces.web.templating import STATIC
from crosswire.interfaces.web.views import StorePool
from crosswire.store import Store
from crosswire.store.dialect import interruptions, is_interruption, is_postgresql
from crosswire.store.full_text import QueryTooLarge

DOCS_ASSETS = "/docs-assets"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def create_app(
    db_path: str | Path,
    allow_ingest: bool = False,
    *,
    allowed_hosts: list[str] | None = None,
    upload_limits: upload.UploadLimits | None = None,
    time_limit: float = REQUEST_TIME_LIMIT,
) -> FastAPI:
    """The web app over one store; `allowed_hosts` (when given) defeats DNS-rebinding pages; a reading
    request is stopped after `time_limit` seconds."""
    db_path = db_path if is_postgresql(db_path) else Path(db_path)
    stores = StorePool(db_path)
    stores.give_back(Store(db_path, read_only=True))  # a missing or unreadable store fails here, not on first request

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        title="crosswire",
        version=getattr(crosswire, "__version__", "0.1.0"),
        description="Stories, articles, entities and full-text search over a crosswire store.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.db_path = db_path
    app.state.stores = stores
    app.state.allow_ingest = allow_ingest
    app.state.article_href = lambda article_id: "/articles/" + quote(article_id, safe="")
    app.state.upload_limits = upload_limits or upload.UploadLimits()
    app.state.upload_token = upload.new_token()
    app.state.time_limit = time_limit
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(files("fastapi_offline") / "static")), name="docs-assets")
    app.include_router(api.router)
    app.include_router(pages.router)
    if allow_ingest:
        app.include_router(upload.router)
    app.add_api_route("/docs", _docs, include_in_schema=False, response_class=HTMLResponse)
    _add_error_pages(app)

    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(
        RequestGuard,
        accepts_writes=lambda path: allow_ingest and path == "/ingest",
        refuse=_read_only_refusal,
        time_limit=time_limit,
    )  # added last: outermost, so that its headers reach every response the others send
    return app


def _read_only_refusal(request: Request) -> Response:
    response = _error(request, 405, "This server is read-only: start it with --allow-ingest.")
    response.headers["Allow"] = "GET, HEAD"
    return response


def _docs() -> HTMLResponse:
    """Swagger UI from the bundled files (no CDN), its inline start-up script allowed by hash."""
    response = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="crosswire API",
        swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
    )
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
        for script in _INLINE_SCRIPT.findall(bytes(response.body).decode("utf-8"))
    )
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
    return response


def _add_error_pages(app: FastAPI) -> None:
    """Errors as a page for people and as JSON under /api/, never a stack trace."""

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        response = _error(request, error.status_code, str(error.detail))
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    async def invalid_request(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if _wants_json(request):
            return JSONResponse({"detail": error.errors()}, status_code=422)
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in error.errors())
        return _error(request, 400, f"The address has a parameter this page cannot use ({problems}).")

    async def server_error(request: Request, error: Exception) -> Response:
        return _error(request, 500, "Something went wrong on the server; the log says what.")

    async def query_too_large(request: Request, error: Exception) -> Response:
        message = str(error)
        return _error(request, 400, f"{message[:1].upper()}{message[1:]}: keep the words that matter most.")

    async def interrupted(request: Request, error: Exception) -> Response:
        if not is_interruption(error):
            raise error  # a real database error: the server error page, and the log
        cancellation = cancellation_of(request)
        reason = "time" if cancellation is None else cancellation.reason
        message = "The request was stopped" + (
            f": it took longer than the {request.app.state.time_limit:g} seconds this server allows."
            if reason == "time" else "."
        )  # fmt: skip
        return _error(request, 503, message)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(QueryTooLarge, query_too_large)
    for database_error in interruptions():
        app.add_exception_handler(database_error, interrupted)
    app.add_exception_handler(Exception, server_error)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status_code: int, message: str) -> Response:
    """An error for people or, under /api/, as JSON; secured here too, for the server errors sent from
    outside the middleware."""
    if _wants_json(request):
        response: Response = JSONResponse({"detail": message}, status_code=status_code)
    else:
        reason = HTTPStatus(status_code).phrase
        html = pages.render("error.html", allow_ingest=request.app.state.allow_ingest, search_query="",
                            status=status_code, reason=reason, message=message)  # fmt: skip
        response = HTMLResponse(html, status_code=status_code)
    secure(response.headers)
    return response
