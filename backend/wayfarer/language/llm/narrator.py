"""A Narrator backed by an OpenAI-compatible chat model, streaming its tokens.

The event's facts are the only content the model may use. The greeting is always the
offline one (creating a session never waits on the model). If the model fails, or the
turn's time budget runs out, before its first token the offline narrator phrases the reply
instead; a failure mid-stream raises
``llm_unavailable`` (the turn is then not saved, so a retry starts clean).
"""

import logging
import time
from collections.abc import AsyncIterator

from langchain_core.language_models import BaseChatModel

from wayfarer.errors import LLMUnavailable
from wayfarer.language.base import Narrator
from wayfarer.language.budget import within_budget
from wayfarer.language.events import NarrationEvent
from wayfarer.language.llm.model import LLM_FAILURES
from wayfarer.language.llm.prompts import narrate_messages
from wayfarer.language.usage import Outcome, record_call
from wayfarer.observability import Metrics

log = logging.getLogger("wayfarer.language.llm")


class LLMNarrator:
    """Phrasing by a chat model with the offline narrator as the safety net."""

    def __init__(self, model: BaseChatModel, fallback: Narrator, metrics: Metrics) -> None:
        self._model = model
        self._fallback = fallback
        self._metrics = metrics

    async def narrate(self, event: NarrationEvent) -> str:
        """The whole reply (the concatenation of :meth:`stream`)."""
        return "".join([chunk async for chunk in self.stream(event)])

    async def stream(self, event: NarrationEvent) -> AsyncIterator[str]:
        """Model tokens as they arrive; the offline text if the model fails up front."""
        started = False
        if event.kind == "greeting":  # creating a session never waits on the model
            async for piece in self._fallback.stream(event):
                yield piece
            return
        began = time.perf_counter()
        usage: dict[str, int] = {}
        try:
            chunks = aiter(self._model.astream(narrate_messages(event)))
            while True:
                async with within_budget():  # the turn's deadline bounds every chunk
                    chunk = await anext(chunks, None)
                if chunk is None:
                    break
                for key, count in (getattr(chunk, "usage_metadata", None) or {}).items():
                    if isinstance(count, int):  # the last chunk carries the call's usage
                        usage[key] = usage.get(key, 0) + count
                text = chunk.content if isinstance(chunk.content, str) else ""
                if text:
                    started = True
                    yield text
        except LLM_FAILURES as exc:
            record_call(self._metrics, "narrate", "error", time.perf_counter() - began, usage)
            self._metrics.llm_calls.labels("error").inc()
            log.warning("narrator model failed", extra={"error": type(exc).__name__})
            if started:
                raise LLMUnavailable("The language model stopped mid-reply.") from exc
        else:
            outcome: Outcome = "ok" if started else "invalid"  # empty is not a reply
            record_call(self._metrics, "narrate", outcome, time.perf_counter() - began, usage)
            if started:
                self._metrics.llm_calls.labels("ok").inc()
                return
        self._metrics.llm_calls.labels("fallback").inc()
        async for piece in self._fallback.stream(event):
            yield piece
