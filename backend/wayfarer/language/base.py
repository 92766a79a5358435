"""The language layer's two protocols. Implementations: offline rules, LangChain/OpenAI.

The language layer only interprets and phrases; it never builds an itinerary.
"""

from collections.abc import AsyncIterator
from typing import Protocol

from wayfarer.domain import Interpretation, SessionState
from wayfarer.language.events import NarrationEvent


class Interpreter(Protocol):
    """Turns one user message into an :class:`Interpretation`."""

    async def interpret(self, message: str, state: SessionState) -> Interpretation:
        """Read ``message`` in the context of ``state`` (stage, preferences, itinerary).

        Raises LLMUnavailable when a remote model fails; never returns None.
        """
        ...


class Narrator(Protocol):
    """Phrases a :data:`NarrationEvent` as the assistant's reply."""

    async def narrate(self, event: NarrationEvent) -> str:
        """The whole reply text."""
        ...

    def stream(self, event: NarrationEvent) -> AsyncIterator[str]:
        """The reply in chunks whose concatenation equals :meth:`narrate`'s text."""
        ...
