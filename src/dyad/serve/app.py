"""The HTTP API over the store, and the dashboard's static files.

Every error, whatever raised it (a bad parameter, an unknown route, a
wrong token, a crash), has one JSON shape: {"error": {"status", "message"}},
with no stack trace. SQL is built by store/query.py with parameters only.
The server is the store's one writer while it runs (handoff.py: `dyad
ingest` on the same file hands its documents over); reads go through cursors
of their own, run SELECTs only, and never see half an article (an article and
its events are written in one transaction).
"""

import asyncio
import datetime as dt
import hmac
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from dyad import __version__
from dyad.serve.handoff import announce, withdraw
from dyad.store import query
from dyad.store.query import EventFilter, checked_filter

log = logging.getLogger(__name__)

MAX_PAGE = 1000
MAX_BODY_BYTES = 2_000_000
MAX_CODE_CHARS = 100_000
MAX_INGEST_DOCUMENTS = 100
CODE_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class ServeSettings:
    db: str
    ingest_token: str | None = None  # POST /ingest is off for other clients without one
    max_body_bytes: int = MAX_BODY_BYTES
    url: str = "http://127.0.0.1:8000"  # where it listens: announced to `dyad ingest`
    code_timeout_s: float = CODE_TIMEOUT_S


Json = dict[str, Any]


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


class Document(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_CODE_CHARS)
    id: str | None = Field(default=None, max_length=200)
    date: dt.date | None = None  # (the field's name hides the type in this class)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)
    origin: str | None = Field(default=None, max_length=2000)


class Rejected(BaseModel):
    where: str = Field(max_length=2000)
    problem: str = Field(max_length=2000)


class IngestRequest(BaseModel):
    documents: list[Document] = Field(max_length=MAX_INGEST_DOCUMENTS)
    # Inputs the sender could not read, recorded with the store's rejects.
    rejected: list[Rejected] = Field(default=[], max_length=1000)


def create_app(settings: ServeSettings) -> FastAPI:
    state: dict[str, Any] = {}
    write_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        from dyad.store import open_store

        # The server is the store's one writer while it runs (see handoff.py);
        # reads take cursors of their own and run SELECTs only.
        state["store"] = open_store(settings.db)
        state["local_token"] = announce(settings.db, settings.url)
        try:
            yield
        finally:
            withdraw(settings.db, state["local_token"])
            state["store"].close()

    app = FastAPI(
        title="dyad",
        version=__version__,
        description="Political event data from news text: events, timelines, actors, "
        "dyads and quotes from a dyad store, and coding of text sent in.",
        lifespan=lifespan,
    )

    def reader() -> duckdb.DuckDBPyConnection:
        """A cursor of its own for each request: concurrent reads, no shared state."""
        return state["store"].cursor()  # type: ignore[no-any-return]

    Reader = Annotated[duckdb.DuckDBPyConnection, Depends(reader)]

    # ---- errors: one shape for all ----

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'] if p not in ('query', 'body'))}: {e['msg']}"
            for e in exc.errors()
        )
        return error_response(422, problems or "invalid request")

    @app.exception_handler(Exception)
    async def crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("request failed")
        return error_response(500, "internal error; the server log has the details")

    @app.middleware("http")
    async def limit_body(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        declared = request.headers.get("content-length")
        if declared and (not declared.isdigit() or int(declared) > settings.max_body_bytes):
            return error_response(413, f"request body over {settings.max_body_bytes} bytes")
        return await call_next(request)

    # ---- reading ----

    def event_filter(
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        dyad: Annotated[str | None, Query(description="A,B: either direction")] = None,
        since: date | None = None,
        until: date | None = None,
        root: str | None = None,
        code: str | None = None,
        quad: int | None = None,
        plover: str | None = None,
        location: Annotated[str | None, Query(description="ISO alpha-3")] = None,
        bbox: Annotated[str | None, Query(description="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")] = None,
        text: Annotated[str | None, Query(max_length=200)] = None,
        negated: bool = False,
    ) -> EventFilter:
        pair = None
        if dyad is not None:
            sides = dyad.split(",")
            if len(sides) != 2:
                raise ApiError(422, f"dyad {dyad!r}: two actor codes, A,B")
            pair = (sides[0].strip(), sides[1].strip())
        try:
            return checked_filter(
                actor=actor, source=source, target=target, dyad=pair, since=since, until=until,
                root=root, code=code, quad=quad, plover=plover, location_country=location,
                bbox=bbox, text=text, negated=negated,
            )  # fmt: skip
        except ValueError as exc:
            raise ApiError(422, str(exc)) from exc

    Filter = Annotated[EventFilter, Depends(event_filter)]
    Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
    Rank = Annotated[int, Query(ge=1, le=200)]
    Offset = Annotated[int, Query(ge=0, le=10_000_000)]

    @app.get("/events", summary="Events matching the filters, newest first")
    def events(connection: Reader, where: Filter, limit: Limit = 50, offset: Offset = 0) -> Json:
        clause, params = where.where()
        ((total,),) = connection.execute(
            f"SELECT count(*) FROM events e{clause}", params
        ).fetchall()
        rows = query.find_events(connection, where, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "events": rows}

    @app.get("/events/{event_id}", summary="One event with its mentions and article")
    def event(connection: Reader, event_id: Annotated[str, PathParam(max_length=64)]) -> Json:
        found = query.event_detail(connection, event_id)
        if found is None:
            raise ApiError(404, f"no event {event_id!r}")
        return found

    @app.get("/timeline", summary="Events per period between two actors, or of one, or all")
    def timeline(
        connection: Reader,
        where: Filter,
        a: str | None = None,
        b: str | None = None,
        by: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
        directed: bool = False,
    ) -> Json:
        for side in (a, b):
            if side is not None:
                event_filter(actor=side)  # the same check as any actor filter
        if b is not None and a is None:
            raise ApiError(422, "b needs a")
        rows = query.timeline(connection, a, b, by, where, directed)
        return {"a": a, "b": b, "by": by, "periods": rows}

    @app.get("/locations", summary="Where the events happened, with their number")
    def places(
        connection: Reader, where: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 500
    ) -> Json:
        return {"locations": query.locations(connection, where, limit)}

    @app.get("/actors", summary="Actors by their number of events")
    def actors(
        connection: Reader, where: Filter, limit: Annotated[int, Query(ge=1, le=200)] = 20
    ) -> Json:
        return {"actors": query.actor_ranking(connection, where, limit)}

    @app.get("/dyads", summary="Source-target pairs by their number of events")
    def dyads(
        connection: Reader,
        where: Filter,
        limit: Rank = 20,
        codes: bool = False,
    ) -> Json:
        return {"dyads": query.dyad_ranking(connection, where, limit, codes)}

    @app.get("/quotes", summary="Direct quotes with their speakers, newest first")
    def quotes(
        connection: Reader,
        speaker: str | None = None,
        text: Annotated[str | None, Query(max_length=200)] = None,
        since: date | None = None,
        until: date | None = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Json:
        if speaker is not None:
            event_filter(actor=speaker)
        rows = query.find_quotes(connection, speaker, text, since, until, limit, offset)
        for row in rows:
            row["date"] = row["date"].isoformat() if row["date"] else None
        return {"quotes": rows}

    # ---- coding and storing ----

    @app.post("/code", summary="Code the text sent (nothing is stored)")
    async def code(document: Document) -> Json:
        from dyad.api import code_text

        work = run_in_threadpool(code_text, document.text, document.date, document.title)
        try:
            events = await asyncio.wait_for(work, timeout=settings.code_timeout_s)
        except TimeoutError as exc:
            raise ApiError(504, f"coding took over {settings.code_timeout_s:g} s") from exc
        return {"events": [e.to_dict() for e in events]}

    @app.post("/ingest", summary="Code and store documents (needs the ingest token)")
    def ingest(
        request: IngestRequest, authorization: Annotated[str | None, Header()] = None
    ) -> Json:
        if authorization is None and not settings.ingest_token:
            raise ApiError(403, "ingest is off: start dyad serve with an ingest token")
        given = authorization.removeprefix("Bearer ").encode() if authorization else b""
        tokens = [state["local_token"], settings.ingest_token or ""]
        # Both compared, in constant time, whatever the first gives.
        matches = [hmac.compare_digest(given, t.encode()) for t in tokens if t]
        if not any(matches):
            raise ApiError(401, "a valid ingest token is needed: Authorization: Bearer TOKEN")
        from dyad.api import ingest_articles
        from dyad.read.common import content_id
        from dyad.records import Article

        articles = [
            Article(d.id or content_id(d.text), d.text, d.title, d.date, d.url, d.source,
                    d.origin or "api")
            for d in request.documents
        ]  # fmt: skip
        with write_lock:
            for problem in request.rejected:
                state["store"].reject(problem.where, problem.problem)
            report = ingest_articles(articles, state["store"])
        skipped = [{"where": s.where, "problem": s.problem} for s in report.skipped]
        return {"stored_articles": report.read, "new_events": report.events_added,
                "already_stored": report.already_stored, "duplicates": report.duplicates,
                "skipped": skipped}  # fmt: skip

    # ---- the dashboard ----

    static = resources.files("dyad.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(str(static.joinpath("index.html")))

    return app
