"""A scripted stand-in model for the ``openai`` provider tests (answers by message)."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.fake_openai import FakeOpenAI
from tests.support import LiveServer, live_server
from wayfarer.config import Settings

NARRATION = "Here is a lovely plan, made just for you."


def is_interpretation(messages: list[dict[str, Any]]) -> bool:
    """True for an interpreter call (its system prompt asks for dialogue acts)."""
    return "dialogue acts" in str(messages[0]["content"])


def data_of(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON document an interpreter call sends as its human message."""
    value: dict[str, Any] = json.loads(str(messages[-1]["content"]))
    return value


class ScriptedModel:
    """Answers interpretation calls from a table keyed by the traveller's message (a dict
    is sent as JSON, a string as is); narration calls with :data:`NARRATION`."""

    def __init__(self) -> None:
        self.table: dict[str, Any] = {}

    def __call__(self, messages: list[dict[str, Any]]) -> str:
        if not is_interpretation(messages):
            return NARRATION
        answer = self.table.get(data_of(messages)["message"], {"acts": [{"act": "unclear"}]})
        return answer if isinstance(answer, str) else json.dumps(answer)


@contextmanager
def llm_app(fake: FakeOpenAI, make_settings: Any, **overrides: Any) -> Iterator[LiveServer]:
    """The app with the ``openai`` provider pointed at ``fake``."""
    settings: Settings = make_settings(**{
        "llm_provider": "openai",
        "openai_api_key": "sk-test",
        "openai_base_url": fake.base_url,
        "openai_model": "test-model",
        "llm_timeout_seconds": 1,
        **overrides,
    })
    with live_server(settings) as live:
        yield live


def metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample in a Prometheus text page (0 when absent)."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith(f"{name}{{{wanted}}} "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0
