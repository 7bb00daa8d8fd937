"""The web explorer: server-rendered pages over a built store, with the same data as JSON.

    from storyline.web import create_app, serve
    serve("storyline.db", port=8000)   # or: uvicorn over create_app("storyline.db")

Every page has a twin under `/api/...` built from the same context dataclass
(`storyline.web.contexts`); the OpenAPI docs are at `/docs`.  The store is opened read-only,
all text is escaped (and stripped of bidi controls), a Content-Security-Policy allows only the
app's own scripts and styles, and only requests addressed to localhost or to the bound address
are answered, so a web page that rebinds its DNS name to 127.0.0.1 cannot read the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from storyline import ArticleNotFound, Corpus, EntityNotFound, StoryNotFound
from storyline.errors import StoreError
from storyline.web.deps import HERE, Settings, open_corpus, render, templates, wants_json
from storyline.web.eventsearch import EventIndex
from storyline.web.routers import articles, entities, home, relations, search, stories, timeline

__all__ = ["create_app", "host_header", "serve"]

CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
NOT_FOUND = {ArticleNotFound: "article", EntityNotFound: "entity", StoryNotFound: "story"}
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def create_app(
    db: str | os.PathLike, *, readonly: bool = True, hosts: Iterable[str] = ()
) -> FastAPI:
    """The explorer over the store at `db` (which must exist: build it first).

    It answers requests addressed (by their Host header) to localhost or to one of `hosts`,
    e.g. the address the server is bound to; anything else gets a 400.
    """
    path = Path(db)
    if not path.is_file():
        raise FileNotFoundError(f"no storyline store at {path}: run `storyline build` first")
    open_corpus(Settings(os.fspath(path))).close()  # an older store raises StoreTooOld here

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.event_index.close()

    app = FastAPI(
        title="storyline",
        summary="Timelines, stories, entities and relations from a corpus of news articles.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = Settings(db=os.fspath(path), readonly=readonly)
    app.add_middleware(HeadAsGet)
    app.add_middleware(
        TrustedHostMiddleware, allowed_hosts=[*LOCAL_HOSTS, *map(host_header, hosts)]
    )
    app.state.event_index = EventIndex()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for area in (home, timeline, stories, entities, articles, relations, search):
        app.include_router(area.router)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request):
        return templates.TemplateResponse(request, "docs.html", {"c": None})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def error(request: Request, status: int, message: str, details: list[str] | None = None):
        if wants_json(request) or request.url.path == "/openapi.json":
            body = {"status": status, "detail": message}
            if details:
                body["errors"] = details
            return JSONResponse(body, status_code=status)
        context = {"status": status, "message": message, "details": details or []}
        return render(request, "error.html", context, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "Error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing here: {request.url.path}"
        return error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        details = []
        for problem in exc.errors():
            where = ".".join(str(p) for p in problem.get("loc", ())[1:]) or "request"
            details.append(f"{where}: {problem.get('msg', 'invalid')}")
        return error(request, 422, "Invalid request: " + "; ".join(details), details)

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, exc: StoreError):
        return error(request, 500, f"The store cannot be read: {exc}")

    for kind, noun in NOT_FOUND.items():

        async def missing(request: Request, exc: KeyError, noun: str = noun):
            what = exc.args[0] if exc.args else "?"
            return error(request, 404, f"No {noun} with id or name {what!r} in this store.")

        app.add_exception_handler(kind, missing)
    return app


class HeadAsGet:
    """`HEAD` answered wherever `GET` is: the request is served as a GET, and the response
    sent with its headers and without its body."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message):
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def with_query(request: Request, **changes) -> str:
    """The current page's query string with some parameters changed (None removes one)."""
    params = dict(request.query_params)
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = str(value)
    return "?" + urlencode(params) if params else "?"


templates.env.globals["with_query"] = with_query


def host_header(address: str) -> str:
    """How a Host header names `address`: IPv6 literals in brackets."""
    return f"[{address}]" if ":" in address and not address.startswith("[") else address


def serve(
    db: str | os.PathLike,
    host: str = "127.0.0.1",
    port: int = 8000,
    also_allow: Iterable[str] = (),
    ready: Callable[[], None] | None = None,
) -> None:
    """Serve the explorer over `db` until interrupted, its schema first brought up to date (the
    one write the server makes; requests are served read-only).  Requests must be addressed
    to localhost, to `host`, or to one of the names in `also_allow`.  `ready()` is called once
    the store is known to be usable, just before the server starts."""
    import uvicorn

    if Path(db).is_file():
        Corpus(db).close()
    app = create_app(db, hosts=[host, *also_allow])
    if ready:
        ready()
    uvicorn.run(app, host=host, port=port, log_level="info")
