"""An Interpreter backed by an OpenAI-compatible chat model, on LangChain's structured output.

The model is asked for :class:`~wayfarer.domain.acts.MessageActs` with
``with_structured_output(acts_schema(), method=WAYFARER_LLM_STRUCTURED_METHOD,
include_raw=True)``: a strict JSON-schema response format, a forced tool call, or JSON mode
(the schema is the strict-mode form of the acts, see :mod:`.schema`). LangChain returns the
JSON; pydantic validates it into the acts. A reply that does not validate, or that carries
a key the schema lacks (an act or field outside it), is dropped whole, never trusted: the
offline interpreter answers the turn (``wayfarer_llm_calls{outcome="fallback"}``; the call
counts as ``invalid``). Cities
are then resolved against the catalog by the offline resolver, so a model can never put an
uncovered city into the plan. Without a fallback a failure raises ``llm_unavailable``.
"""

import logging
import time
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage
from pydantic import BaseModel, ValidationError

from wayfarer.domain import Interpretation, Leg, PreferenceUpdate, SessionState
from wayfarer.domain.acts import (
    ChangeLeg,
    ChangePreferences,
    DialogueAct,
    MessageActs,
    is_question,
)
from wayfarer.domain.interpretation import Intent
from wayfarer.errors import LLMUnavailable
from wayfarer.language.base import Interpreter
from wayfarer.language.budget import within_budget
from wayfarer.language.llm.context import interpret_messages
from wayfarer.language.llm.model import LLM_FAILURES
from wayfarer.language.llm.schema import acts_schema
from wayfarer.language.usage import Outcome, record_call
from wayfarer.observability import Metrics

log = logging.getLogger("wayfarer.language.llm")

StructuredMethod = Literal["json_schema", "function_calling", "json_mode"]
CityResolver = Callable[[str], PreferenceUpdate]

#: A reply outside the schema (LangChain's parsers raise ValueError subclasses for it).
_INVALID: tuple[type[BaseException], ...] = (ValidationError, ValueError)

_INTENTS: dict[str, Intent] = {
    "change_preferences": "provide_info", "edit": "edit", "undo": "edit", "export": "export",
    "start_over": "start_over", "small_talk": "greeting", "change_leg": "provide_info",
}


class InvalidReply(ValueError):
    """The model answered, but not with acts of the schema."""


class LLMInterpreter:
    """Dialogue acts from a chat model, validated and normalised before use."""

    def __init__(
        self,
        model: BaseChatModel,
        resolve_city: CityResolver,
        metrics: Metrics,
        fallback: Interpreter | None = None,
        today: Callable[[], date] = date.today,
        method: StructuredMethod = "json_schema",
        context_tokens: int = 1200,
    ) -> None:
        self._structured = model.with_structured_output(
            acts_schema(), method=method, include_raw=True,
            strict=True if method == "json_schema" else None,
        )
        self._resolve_city = resolve_city
        self._metrics = metrics
        self._fallback = fallback
        self._today = today
        self._context_tokens = context_tokens

    async def interpret(self, message: str, state: SessionState) -> Interpretation:
        """Ask the model for the acts; resolve cities; fall back (or raise LLMUnavailable)
        on any failure or reply outside the schema."""
        started = time.perf_counter()
        usage: Mapping[str, Any] | None = None
        try:
            messages = interpret_messages(message, state, self._today(), self._context_tokens)
            async with within_budget():
                reply = await self._structured.ainvoke(messages)
            usage = _usage(reply)
            acts = _checked(reply)
        except (*LLM_FAILURES, *_INVALID) as exc:
            outcome: Outcome = "invalid" if isinstance(exc, _INVALID) else "error"
            record_call(self._metrics, "interpret", outcome, time.perf_counter() - started, usage)
            self._metrics.llm_calls.labels("error").inc()
            log.warning("interpreter model failed", extra={
                "error": type(exc).__name__, "outcome": outcome})
            if self._fallback is None:
                raise LLMUnavailable("The language model is unavailable right now.") from exc
            self._metrics.llm_calls.labels("fallback").inc()
            return await self._fallback.interpret(message, state)
        record_call(self._metrics, "interpret", "ok", time.perf_counter() - started, usage)
        self._metrics.llm_calls.labels("ok").inc()
        resolved = [self._with_resolved_city(act) for act in acts.acts]
        return Interpretation(intent=intent_of(resolved), acts=resolved)

    def _with_resolved_city(self, act: DialogueAct) -> DialogueAct:
        if isinstance(act, ChangeLeg):
            return self._resolved_leg_change(act)
        if not isinstance(act, ChangePreferences):
            return act
        if act.changes.legs:
            return act.model_copy(update={"changes": self._resolved_legs(act.changes)})
        changes = act.changes
        proposed = changes.city or changes.unsupported_city
        if not proposed:
            return act
        resolved = self._resolve_city(proposed)
        update = changes.model_copy(update={
            "city": resolved.city,
            "country": resolved.country,
            "unsupported_city": resolved.unsupported_city,
            "city_suggestions": resolved.city_suggestions,
        })
        return act.model_copy(update={"changes": update})


    def _resolved_legs(self, changes: PreferenceUpdate) -> PreferenceUpdate:
        """The legs' cities resolved against the catalog: uncovered ones leave the legs
        for ``unsupported_legs`` (all uncovered: the first is also the
        ``unsupported_city``), with covered cities nearby to offer."""
        legs: list[Leg] = []
        uncovered: list[str] = []
        offered: list[str] = []
        for leg in changes.legs:
            resolved = self._resolve_city(leg.city)
            if resolved.city:
                legs.append(leg.model_copy(update={"city": resolved.city,
                                                   "country": resolved.country}))
            else:
                uncovered.append(resolved.unsupported_city or leg.city)
                offered += resolved.city_suggestions
        offered = [c for c in dict.fromkeys(offered) if c not in {leg.city for leg in legs}]
        first = legs[0] if legs else None
        return changes.model_copy(update={
            "legs": legs if len(legs) >= 2 else [],
            "city": first.city if first else None,
            "country": first.country if first else None,
            "days": changes.days or (first.days if first and len(legs) == 1 else None),
            "unsupported_legs": uncovered,
            "unsupported_city": uncovered[0] if uncovered and not legs else None,
            "city_suggestions": offered[:3],
        })

    def _resolved_leg_change(self, act: ChangeLeg) -> DialogueAct:
        """A leg change's city in catalog spelling; an uncovered city is said to be so."""
        if act.city is None:
            return act
        resolved = self._resolve_city(act.city)
        if resolved.city:
            return act.model_copy(update={"city": resolved.city})
        return ChangePreferences(changes=PreferenceUpdate(
            unsupported_city=resolved.unsupported_city or act.city,
            city_suggestions=resolved.city_suggestions))


def intent_of(acts: list[DialogueAct]) -> Intent:
    """The summary intent of a list of acts (for the turn metrics): the first act's."""
    if not acts:
        return "unknown"
    if is_question(acts[0]):
        return "question"
    return _INTENTS.get(acts[0].act, "unknown")


def _usage(reply: object) -> Mapping[str, Any] | None:
    raw = reply.get("raw") if isinstance(reply, dict) else None
    return raw.usage_metadata if isinstance(raw, AIMessage) else None


def _checked(reply: object) -> MessageActs:
    """The validated acts of an ``include_raw`` reply, or InvalidReply / ValidationError."""
    if not isinstance(reply, dict):
        raise InvalidReply("no structured reply")
    log.debug("interpreter raw reply", extra={"raw_reply": _content(reply.get("raw"))})
    error = reply.get("parsing_error")
    if isinstance(error, BaseException):
        raise InvalidReply(type(error).__name__) from error
    data = reply.get("parsed")
    if not isinstance(data, dict):
        raise InvalidReply("no JSON object in the reply")
    acts = MessageActs.model_validate(data)
    if _outside_schema(data, acts):
        raise InvalidReply("keys outside the schema")
    return acts


def _content(raw: object) -> object:
    """What the model sent, for debug logs: the tool call's arguments, else the text."""
    if not isinstance(raw, AIMessage):
        return None
    return raw.tool_calls[0]["args"] if raw.tool_calls else raw.content


def _outside_schema(data: Any, model: object) -> bool:
    """True when ``data`` holds a key that validation into ``model`` silently ignored."""
    if isinstance(model, BaseModel):
        if not isinstance(data, dict):
            return False
        fields = type(model).model_fields
        return any(
            key not in fields or _outside_schema(value, getattr(model, key))
            for key, value in data.items()
        )
    if isinstance(model, list) and isinstance(data, list):
        return any(_outside_schema(d, m) for d, m in zip(data, model, strict=False))
    return False
