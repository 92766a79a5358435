"""Building the chat model and translating its failures into :class:`LLMUnavailable`."""

import asyncio

import httpx
import openai
from langchain_openai import ChatOpenAI

from wayfarer.config import Settings

#: Everything a remote model call can fail with, short of a bug in our code.
LLM_FAILURES: tuple[type[BaseException], ...] = (
    openai.OpenAIError,
    httpx.HTTPError,
    asyncio.TimeoutError,
    OSError,
)


def build_chat_model(settings: Settings, http: httpx.AsyncClient) -> ChatOpenAI:
    """A ChatOpenAI client for any OpenAI-compatible endpoint, per settings.

    ``http`` is the connection pool the model uses; its owner closes it at shut-down.
    One retry at most: the turn holds the session's lease while it waits, so a slow model
    must fail fast enough for ``WAYFARER_LLM_TIMEOUT_SECONDS`` to mean what it says.
    """
    key = settings.openai_api_key
    return ChatOpenAI(
        model=settings.openai_model,
        api_key=key.get_secret_value() if key else None,
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout_seconds,
        max_retries=1,
        temperature=0,
        stream_usage=True,  # token counts for streamed narration too
        http_async_client=http,
    )
