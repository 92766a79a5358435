"""A stand-in for a remote OpenAI-compatible model: a real HTTP server on loopback that
speaks the Chat Completions protocol (JSON and SSE streaming). The only fake in the suite,
for the one component we do not own and cannot run here.

Tests choose the answers with a ``responder``: a function from the request's messages to
the assistant's text. ``fail_next`` makes the next N calls answer HTTP 500; ``delay``
slows every answer (to exercise timeouts); ``chunk_delay`` paces streamed words. Every
request body is kept in ``requests``.
"""

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from tests.support import free_port

Responder = Callable[[list[dict[str, Any]]], str]


@dataclass
class FakeOpenAI:
    """Behaviour and record of the fake model server."""

    responder: Responder
    base_url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    fail_next: int = 0
    delay: float = 0.0
    chunk_delay: float = 0.0

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/v1/chat/completions")
        async def completions(request: Request) -> Response:
            body = await request.json()
            self.requests.append(body)
            if self.delay:
                await asyncio.sleep(self.delay)
            if self.fail_next > 0:
                self.fail_next -= 1
                return JSONResponse(
                    {"error": {"message": "boom", "type": "server_error"}}, status_code=500
                )
            text = self.responder(body["messages"])
            if body.get("stream"):
                return StreamingResponse(
                    _sse(body["model"], text, self.chunk_delay), media_type="text/event-stream"
                )
            return JSONResponse(_completion(body["model"], text))

        return app


def _completion(model: str, text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(model: str, delta: dict[str, Any], finish: str | None) -> str:
    payload = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(payload)}\n\n"


async def _sse(model: str, text: str, chunk_delay: float = 0.0) -> Any:
    yield _chunk(model, {"role": "assistant", "content": ""}, None)
    words = text.split(" ")
    for index, word in enumerate(words):
        if index and chunk_delay:
            await asyncio.sleep(chunk_delay)
        yield _chunk(model, {"content": word + (" " if index < len(words) - 1 else "")}, None)
    yield _chunk(model, {}, "stop")
    yield "data: [DONE]\n\n"


@contextmanager
def fake_openai(responder: Responder) -> Iterator[FakeOpenAI]:
    """Run a fake model server on a free loopback port for the block."""
    fake = FakeOpenAI(responder=responder)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(fake.app(), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    fake.base_url = f"http://127.0.0.1:{port}/v1"
    try:
        yield fake
    finally:
        server.should_exit = True
        thread.join(timeout=10)
