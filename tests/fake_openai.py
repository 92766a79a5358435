"""A stand-in for a remote OpenAI-compatible model: a real HTTP server on loopback that
speaks the Chat Completions protocol (JSON and SSE streaming). The only fake in the suite,
for the one component we do not own and cannot run here.

Tests choose the answers with a ``responder``: a function from the request's messages to
the assistant's text. When the request offers ``tools`` (LangChain's ``function_calling``
structured output) that text is sent back as the arguments of a call to the first tool;
otherwise (plain, ``json_schema`` or ``json_mode`` response formats) as the message content.
``usage`` reports one token per whitespace-separated word in and out, also at the end of a
stream when ``stream_options.include_usage`` asks for it. ``fail_next`` makes the next N
calls answer HTTP 500; ``delay`` slows every answer (to exercise timeouts);
``chunk_delay`` paces streamed words. Every request body is kept in ``requests``.
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
            usage = _usage(body["messages"], text)
            if body.get("stream"):
                if not (body.get("stream_options") or {}).get("include_usage"):
                    usage = None
                return StreamingResponse(
                    _sse(body["model"], text, self.chunk_delay, usage),
                    media_type="text/event-stream",
                )
            return JSONResponse(_completion(body["model"], _message(body, text), usage))

        return app


def _usage(messages: list[dict[str, Any]], text: str) -> dict[str, int]:
    prompt = sum(len(str(m.get("content") or "").split()) for m in messages)
    completion = len(text.split())
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _message(body: dict[str, Any], text: str) -> dict[str, Any]:
    """The assistant message: a call to the first offered tool, else plain content."""
    tools = body.get("tools") or []
    if not tools:
        return {"role": "assistant", "content": text}
    call = {
        "id": "call_fake",
        "type": "function",
        "function": {"name": tools[0]["function"]["name"], "arguments": text},
    }
    return {"role": "assistant", "content": None, "tool_calls": [call]}


def _completion(model: str, message: dict[str, Any], usage: dict[str, int]) -> dict[str, Any]:
    finish = "tool_calls" if message.get("tool_calls") else "stop"
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": finish,
            }
        ],
        "usage": usage,
    }


def _chunk(
    model: str, delta: dict[str, Any] | None, finish: str | None,
    usage: dict[str, int] | None = None,
) -> str:
    choices = [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish}]
    payload: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": choices,
    }
    if usage is not None:
        payload["usage"] = usage
    return f"data: {json.dumps(payload)}\n\n"


async def _sse(
    model: str, text: str, chunk_delay: float = 0.0, usage: dict[str, int] | None = None
) -> Any:
    yield _chunk(model, {"role": "assistant", "content": ""}, None)
    words = text.split(" ")
    for index, word in enumerate(words):
        if index and chunk_delay:
            await asyncio.sleep(chunk_delay)
        yield _chunk(model, {"content": word + (" " if index < len(words) - 1 else "")}, None)
    yield _chunk(model, {}, "stop")
    if usage is not None:
        yield _chunk(model, None, None, usage)
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
