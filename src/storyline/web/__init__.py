"""The web explorer: server-rendered pages over a built store, with the same data as JSON.

    from storyline.web import create_app, serve
    serve("storyline.db", port=8000)   # or: uvicorn over create_app("storyline.db")

Every page has a twin under `/api/...` built from the same context dataclass
(`storyline.web.contexts`); the OpenAPI docs are at `/docs`.  The store is opened read-only,
all text is escaped, and a Content-Security-Policy allows only the app's own scripts and styles.
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager, closing
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.corpus import ArticleNotFound, EntityNotFound, StoryNotFound
from storyline.store import Store
from storyline.store.migrations import pending
from storyline.web.deps import HERE, Settings, open_corpus, render, templates, wants_json
from storyline.web.eventsearch import EventIndex
from storyline.web.routers import articles, entities, home, relations, search, stories, timeline

__all__ = ["create_app", "serve"]

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


def create_app(db: str | os.PathLike, *, readonly: bool = True) -> FastAPI:
    """The explorer over the store at `db` (which must exist: build it first)."""
    path = Path(db)
    if not path.is_file():
        raise FileNotFoundError(f"no storyline store at {path}: run `storyline build` first")
    with closing(open_corpus(Settings(os.fspath(path)))) as corpus:
        missing = pending(corpus.store.db)
    if missing:
        raise RuntimeError(
            f"the store at {path} was made by an older storyline (its schema lacks"
            f" {', '.join(missing)}): `storyline serve` brings it up to date, or run any"
            f" `storyline` command on it, e.g. `storyline articles --db {path}`"
        )

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
    app.state.event_index = EventIndex()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for area in (home, timeline, stories, entities, articles, relations, search):
        app.include_router(area.router)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request):
        return templates.TemplateResponse(request, "docs.html", {"c": None})

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

    for kind, noun in NOT_FOUND.items():

        async def missing(request: Request, exc: KeyError, noun: str = noun):
            what = exc.args[0] if exc.args else "?"
            return error(request, 404, f"No {noun} with id or name {what!r} in this store.")

        app.add_exception_handler(kind, missing)
    return app


def with_query(request: Request, **changes) -> str:
    """The current page's query string with some parameters changed (None removes one)."""
    params = dict(request.query_params)
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = str(value)
    return "?" + urlencode(params) if params else "?"


templates.env.globals["with_query"] = with_query


def serve(db: str | os.PathLike, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the explorer over `db` until interrupted, its schema first brought up to date (the
    one write the server makes; requests are served read-only)."""
    import uvicorn

    if Path(db).is_file():
        Store(os.fspath(db)).close()
    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
