"""An Interpreter backed by an OpenAI-compatible chat model through LangChain.

The model only proposes an :class:`Interpretation`; city names are then resolved against
the catalog by the same resolver the offline interpreter uses, so a model can never put an
uncovered city into the plan. On a model failure the offline interpreter answers instead
(``fallback``), or, without one, the turn fails with ``llm_unavailable``.
"""

import logging
from collections.abc import Callable
from datetime import date

from langchain_core.language_models import BaseChatModel
from pydantic import ValidationError

from wayfarer.domain import ConfirmationAnswer, Interpretation, PreferenceUpdate, SessionState
from wayfarer.errors import LLMUnavailable
from wayfarer.language.base import Interpreter
from wayfarer.language.budget import within_budget
from wayfarer.language.llm.model import LLM_FAILURES
from wayfarer.language.llm.prompts import interpret_messages, parse_json_object
from wayfarer.language.offline.acts import read_confirmation
from wayfarer.language.offline.text import Text
from wayfarer.observability import Metrics

log = logging.getLogger("wayfarer.language.llm")

_FAILURES: tuple[type[BaseException], ...] = (*LLM_FAILURES, ValueError, ValidationError)

CityResolver = Callable[[str], PreferenceUpdate]


class LLMInterpreter:
    """Interpretation by a chat model, checked and normalised before use."""

    def __init__(
        self,
        model: BaseChatModel,
        resolve_city: CityResolver,
        metrics: Metrics,
        fallback: Interpreter | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._model = model
        self._resolve_city = resolve_city
        self._metrics = metrics
        self._fallback = fallback
        self._today = today

    async def interpret(self, message: str, state: SessionState) -> Interpretation:
        """Ask the model; resolve its city; fall back (or raise LLMUnavailable) on failure."""
        try:
            async with within_budget():
                answer = await self._model.ainvoke(
                    interpret_messages(message, state, self._today())
                )
            data = parse_json_object(str(answer.content))
            interpretation = Interpretation.model_validate(data)
        except _FAILURES as exc:
            self._metrics.llm_calls.labels("error").inc()
            log.warning("interpreter model failed", extra={"error": type(exc).__name__})
            if self._fallback is None:
                raise LLMUnavailable("The language model is unavailable right now.") from exc
            self._metrics.llm_calls.labels("fallback").inc()
            return await self._fallback.interpret(message, state)
        self._metrics.llm_calls.labels("ok").inc()
        return _adapted(self._with_resolved_city(interpretation), message, state)

    def _with_resolved_city(self, interpretation: Interpretation) -> Interpretation:
        changes = interpretation.changes
        proposed = changes.city or changes.unsupported_city
        if not proposed:
            return interpretation
        resolved = self._resolve_city(proposed)
        update = changes.model_copy(
            update={
                "city": resolved.city,
                "country": resolved.country,
                "unsupported_city": resolved.unsupported_city,
                "city_suggestions": resolved.city_suggestions,
            }
        )
        return interpretation.model_copy(update={"changes": update})


def _adapted(interpretation: Interpretation, message: str, state: SessionState) -> Interpretation:
    """The thin adapter to dialogue acts until this interpreter asks for them directly:
    acts are derived from the summary fields (any the model sent are dropped, never
    trusted), and a short yes / no answers a pending confirming question."""
    adapted = interpretation.model_copy(update={"acts": []})
    if state.dialogue.confirmation is not None:
        answer = read_confirmation(Text.of(message))
        if answer is not None:
            return adapted.model_copy(update={"acts": [ConfirmationAnswer(accept=answer)]})
    return adapted
