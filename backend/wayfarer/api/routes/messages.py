"""Conversation turns (JSON or SSE) and itinerary exports (SPEC §4).

A streamed turn runs as its own task, so a client that disconnects mid-stream does not
cancel it: the turn is still saved, and a retry with the same ``client_message_id`` gets
the recorded reply. Errors raised before the first chunk (404, 409, 422, 503) are ordinary
JSON errors; after streaming began they arrive as an ``event: error`` frame.
"""

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from wayfarer.api.deps import OrchestratorDep, RateLimitDep, ReadLimitDep
from wayfarer.api.errors import error_body
from wayfarer.conversation.orchestrator import MAX_CLIENT_MESSAGE_ID, Orchestrator, TurnResult
from wayfarer.domain import ExportFormat, Message
from wayfarer.errors import WayfarerError
from wayfarer.planner import Export

log = logging.getLogger("wayfarer.api")

router = APIRouter(prefix="/api/sessions", tags=["conversation"])

TURN_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "unknown or expired session"},
    409: {"description": "another turn on this session did not finish in time"},
    422: {"description": "empty, too long or malformed message"},
    429: {"description": "too many messages"},
    503: {"description": "session store or language model unavailable"},
}


class MessageIn(BaseModel):
    """One user message; ``client_message_id`` makes a retried message idempotent."""

    content: str
    client_message_id: str | None = Field(
        default=None, min_length=1, max_length=MAX_CLIENT_MESSAGE_ID
    )


class TurnOut(BaseModel):
    """The reply and the whole session view after the turn."""

    reply: Message
    session: dict[str, Any]


FormatQuery = Annotated[ExportFormat, Query(alias="format")]
"""The ``?format=`` of an export: json, markdown or ics."""


def turn_json(result: TurnResult) -> bytes:
    """:class:`TurnOut` of ``result`` as JSON bytes, serialized straight by the models
    (no FastAPI validate, dump and ``json.dumps`` of it: 35 instead of about 200 µs on a
    planned session); one line, so it is also an SSE ``done`` frame's data."""
    reply = result.reply.__pydantic_serializer__.to_json(result.reply)
    return b'{"reply":%s,"session":%s}' % (reply, result.state.view_json())


def turn_response(result: TurnResult) -> Response:
    """:func:`turn_json` as a JSON response."""
    return Response(turn_json(result), media_type="application/json")


def _frame(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _stream_turn(
    orchestrator: Orchestrator, session_id: str, message: MessageIn
) -> StreamingResponse:
    chunks: asyncio.Queue[str | None] = asyncio.Queue()  # None: the turn has ended
    task = orchestrator.start_turn(
        session_id, message.content, message.client_message_id, on_chunk=chunks.put_nowait
    )
    task.add_done_callback(lambda _: chunks.put_nowait(None))
    first = await chunks.get()
    if first is None:
        task.result()  # the turn ended without a chunk: raise its error as a JSON response

    async def frames() -> AsyncIterator[str]:
        chunk = first
        while chunk is not None:
            yield _frame("token", {"text": chunk})
            chunk = await chunks.get()
        try:
            yield f"event: done\ndata: {turn_json(task.result()).decode()}\n\n"
        except Exception as exc:
            if not isinstance(exc, WayfarerError):
                log.exception("streamed turn failed", extra={"session_id": session_id})
            yield _frame("error", error_body(exc))

    return StreamingResponse(
        frames(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@router.post(
    "/{session_id}/messages",
    response_model=TurnOut,
    responses={
        **TURN_ERRORS,
        200: {"content": {"text/event-stream": {}}, "description": "reply (JSON or SSE)"},
    },
)
async def post_message(
    session_id: str,
    message: MessageIn,
    orchestrator: OrchestratorDep,
    _: RateLimitDep,
    accept: Annotated[str, Header()] = "application/json",
) -> Any:
    """One conversation turn; ``Accept: text/event-stream`` streams the reply."""
    if "text/event-stream" in accept:
        return await _stream_turn(orchestrator, session_id, message)
    return turn_response(await orchestrator.turn(
        session_id, message.content, message.client_message_id
    ))


@router.get(
    "/{session_id}/itinerary",
    response_class=Response,
    responses={
        200: {"content": {"application/json": {}, "text/markdown": {}, "text/calendar": {}}},
        404: {"description": "unknown session, or no itinerary yet"},
        429: {"description": "too many requests from this client"},
    },
)
async def export_itinerary(
    session_id: str,
    orchestrator: OrchestratorDep,
    _: ReadLimitDep,
    export_format: FormatQuery = "json",
) -> Response:
    """The itinerary as JSON, Markdown or an iCalendar file (downloaded as an attachment)."""
    return file_response(await orchestrator.export(session_id, export_format))


def export_path(session_id: str, export_format: ExportFormat) -> str:
    """The download path of a session's itinerary in ``export_format`` (this route)."""
    return f"/api/sessions/{session_id}/itinerary?format={export_format}"


def file_response(export: Export) -> Response:
    """An export as a download (``Content-Disposition: attachment`` with its file name)."""
    return Response(
        content=export.content,
        media_type=export.media_type,
        headers={"Content-Disposition": f'attachment; filename="{export.filename}"'},
    )
