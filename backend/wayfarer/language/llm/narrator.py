"""A Narrator backed by an OpenAI-compatible chat model, streaming its tokens.

The event's facts are the only content the model may use. The greeting is always the
offline one (creating a session never waits on the model). If the model fails, or the
turn's time budget runs out, before its first token the offline narrator phrases the reply
instead; a failure mid-stream raises
``llm_unavailable`` (the turn is then not saved, so a retry starts clean).
"""

import logging
from collections.abc import AsyncIterator

from langchain_core.language_models import BaseChatModel

from wayfarer.errors import LLMUnavailable
from wayfarer.language.base import Narrator
from wayfarer.language.budget import within_budget
from wayfarer.language.events import NarrationEvent
from wayfarer.language.llm.model import LLM_FAILURES
from wayfarer.language.llm.prompts import narrate_messages
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
        try:
            chunks = aiter(self._model.astream(narrate_messages(event)))
            while True:
                async with within_budget():  # the turn's deadline bounds every chunk
                    chunk = await anext(chunks, None)
                if chunk is None:
                    break
                text = chunk.content if isinstance(chunk.content, str) else ""
                if text:
                    started = True
                    yield text
        except LLM_FAILURES as exc:
            self._metrics.llm_calls.labels("error").inc()
            log.warning("narrator model failed", extra={"error": type(exc).__name__})
            if started:
                raise LLMUnavailable("The language model stopped mid-reply.") from exc
        else:
            if started:
                self._metrics.llm_calls.labels("ok").inc()
                return
        self._metrics.llm_calls.labels("fallback").inc()
        async for piece in self._fallback.stream(event):
            yield piece
