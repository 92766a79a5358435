"""The conversation policy of SPEC §5 as a pure function: state + interpretation -> step.

:func:`advance` decides what a turn does (ask one question, plan, re-plan, edit, export,
answer, start over) and returns the new state with the :data:`NarrationEvent` to phrase.
It does no I/O: the orchestrator loads, interprets, narrates and saves around it.

Gathering asks about one missing detail at a time, in the order that changes the plan most:
city, then days, then interests, then pace and budget folded into one question. Each asking
reply counts one clarifying question; at the cap the plan is made on defaults, except that a
missing city is still asked for (without counting past the cap). "Just plan it" plans at
once on defaults once the city is known.
"""

from dataclasses import dataclass
from typing import Any, Final, TypeVar

from wayfarer.domain import (
    Interpretation,
    PlanSnapshot,
    Preferences,
    PreferenceUpdate,
    SessionState,
    Undo,
)
from wayfarer.errors import EditRejected
from wayfarer.language.events import (
    Answer,
    AskQuestion,
    Edited,
    EditFailed,
    EventBase,
    ExportReady,
    MissingDetail,
    NarrationEvent,
    NotUnderstood,
    Planned,
    SmallTalk,
    StartedOver,
    Undone,
    UnsupportedCity,
)
from wayfarer.planner import Planner

UNDO_DEPTH: Final = 10
QUESTION_ORDER: Final[tuple[MissingDetail, ...]] = ("days", "interests", "pace_budget")


@dataclass(frozen=True)
class PolicyContext:
    """What the policy needs besides the state: the planner and the question cap."""

    planner: Planner
    max_questions: int


@dataclass(frozen=True)
class Step:
    """The outcome of one turn before narration."""

    state: SessionState
    event: NarrationEvent


def merge_preferences(prefs: Preferences, update: PreferenceUpdate) -> Preferences:
    """Apply a message's changes: set fields it mentions, add and remove interests.

    A removed interest is remembered in ``avoid_interests``; adding it again lifts that.
    A new city clears the country unless the update names one.
    """
    data = prefs.model_dump()
    for name in ("days", "start_date", "pace", "budget", "budget_amount", "currency",
                 "travelers"):
        value = getattr(update, name)
        if value is not None:
            data[name] = value
    if update.city is not None:
        data["city"] = update.city
        data["country"] = update.country
    interests = [i for i in prefs.interests if i not in update.remove_interests]
    interests += [i for i in update.add_interests if i not in interests]
    avoid = [i for i in prefs.avoid_interests if i not in update.add_interests]
    avoid += [i for i in update.remove_interests if i not in avoid]
    data["interests"], data["avoid_interests"] = interests, avoid
    return Preferences.model_validate(data)


def changed_fields(update: PreferenceUpdate) -> list[str]:
    """Names of the preference fields a message set, in a stable order."""
    names = ["city", "days", "start_date", "pace", "budget", "budget_amount", "travelers"]
    fields = [n for n in names if getattr(update, n) is not None]
    if update.add_interests or update.remove_interests:
        fields.append("interests")
    return fields


def next_question(state: SessionState, max_questions: int) -> MissingDetail | None:
    """The one detail to ask about next, or None when it is time to plan."""
    prefs = state.preferences
    if prefs.city is None:
        return "city"
    if state.clarifying_questions_count >= max_questions:
        return None
    missing: dict[MissingDetail, bool] = {
        "days": prefs.days is None,
        "interests": not prefs.interests,
        "pace_budget": prefs.pace is None and prefs.budget is None,
    }
    for detail in QUESTION_ORDER:
        if missing[detail] and detail not in state.asked:
            return detail
    return None


E = TypeVar("E", bound=EventBase)


def _event(kind: type[E], state: SessionState, **fields: Any) -> E:
    """An event of ``kind`` stamped with the session id and this turn's number."""
    turn = sum(1 for m in state.history if m.role == "user") + 1
    return kind(session_id=state.session_id, turn=turn, **fields)


def _snapshot(state: SessionState) -> None:
    if state.itinerary is not None:
        state.undo_stack.append(
            PlanSnapshot(
                itinerary=state.itinerary,
                preferences=state.preferences,
                assumed=list(state.assumed),
            )
        )
        del state.undo_stack[:-UNDO_DEPTH]


def _plan(state: SessionState, ctx: PolicyContext, replanned: bool) -> Step:
    result = ctx.planner.plan(state.preferences)
    state.itinerary = result.itinerary
    state.assumed = list(result.defaults)
    state.stage = "planned"
    state.last_edit = None
    event = _event(
        Planned,
        state,
        itinerary=result.itinerary,
        preferences=state.preferences,
        defaults=result.defaults,
        notes=result.notes,
        replanned=replanned,
    )
    return Step(state, event)


def _gather(state: SessionState, interp: Interpretation, ctx: PolicyContext) -> Step:
    state.preferences = merge_preferences(state.preferences, interp.changes)
    if interp.changes.interests_any and "interests" not in state.asked:
        state.asked.append("interests")
    detail = next_question(state, ctx.max_questions)
    if interp.proceed and state.preferences.city is not None:
        detail = None
    if detail is None:
        return _plan(state, ctx, replanned=False)
    if state.clarifying_questions_count < ctx.max_questions:
        state.clarifying_questions_count += 1
    if detail not in state.asked:
        state.asked.append(detail)
    event = _event(
        AskQuestion,
        state,
        missing=detail,
        preferences=state.preferences,
        acknowledged=changed_fields(interp.changes),
    )
    return Step(state, event)


def _undo(state: SessionState) -> Step:
    if not state.undo_stack:
        return Step(state, _event(Undone, state))
    snapshot = state.undo_stack.pop()
    state.itinerary = snapshot.itinerary
    state.preferences = snapshot.preferences
    state.assumed = snapshot.assumed
    state.last_edit = None
    return Step(state, _event(Undone, state, itinerary=snapshot.itinerary))


def _edit(state: SessionState, interp: Interpretation, ctx: PolicyContext) -> Step:
    if any(isinstance(edit, Undo) for edit in interp.edits):
        return _undo(state)
    assert state.itinerary is not None
    itinerary, prefs = state.itinerary, state.preferences
    summaries, notes = [], []
    try:
        for edit in interp.edits:
            result = ctx.planner.apply_edit(itinerary, prefs, edit)
            itinerary, prefs = result.itinerary, result.preferences
            summaries.append(result.summary)
            notes += result.notes
    except EditRejected as exc:
        return Step(state, _event(EditFailed, state, reason=exc.message))
    _snapshot(state)
    changed = {f for f in ("pace", "budget", "days")
               if getattr(prefs, f) != getattr(state.preferences, f)}
    state.assumed = [name for name in state.assumed if name not in changed]
    state.itinerary, state.preferences = itinerary, prefs
    summary = summaries[0].model_copy(
        update={
            "description": "; ".join(s.description for s in summaries),
            "days": sorted({d for s in summaries for d in s.days}),
            "place_ids": [p for s in summaries for p in s.place_ids],
        }
    )
    state.last_edit = summary
    event = _event(Edited, state, itinerary=itinerary, summary=summary, notes=notes)
    return Step(state, event)


def _refine(state: SessionState, interp: Interpretation, ctx: PolicyContext) -> Step:
    assert state.itinerary is not None
    if changed_fields(interp.changes):
        _snapshot(state)
        state.preferences = merge_preferences(state.preferences, interp.changes)
        return _plan(state, ctx, replanned=True)
    if interp.intent == "edit" and interp.edits:
        return _edit(state, interp, ctx)
    if interp.intent == "export":
        fmt = interp.export_format or "ics"
        url = f"/api/sessions/{state.session_id}/itinerary?format={fmt}"
        return Step(state, _event(ExportReady, state, format=fmt, url=url))
    if interp.intent == "question":
        day = interp.question_day
        if day is not None and not 1 <= day <= len(state.itinerary.days):
            day = None
        return Step(state, _event(Answer, state, itinerary=state.itinerary, day=day))
    if interp.intent == "greeting":
        return Step(state, _event(SmallTalk, state, planned=True, topic=interp.small_talk))
    return Step(state, _event(NotUnderstood, state, planned=True))


def _start_over(state: SessionState) -> Step:
    state.stage = "gathering"
    state.preferences = Preferences()
    state.assumed, state.asked = [], []
    state.clarifying_questions_count = 0
    state.itinerary, state.last_edit = None, None
    state.undo_stack = []
    return Step(state, _event(StartedOver, state))


def advance(state: SessionState, interp: Interpretation, ctx: PolicyContext) -> Step:
    """One turn of SPEC §5 on a copy of ``state``; the input state is never modified."""
    state = state.model_copy(deep=True)
    if interp.intent == "start_over":
        return _start_over(state)
    changes = interp.changes
    if changes.unsupported_city and changes.city is None:
        if state.stage == "gathering":
            # keep what else the message said ("Florence, 4 days, art") for the city chosen next
            state.preferences = merge_preferences(state.preferences, changes)
        suggestions = changes.city_suggestions or [c.name for c in ctx.planner.cities()][:5]
        event = _event(
            UnsupportedCity,
            state,
            city=changes.unsupported_city,
            suggestions=suggestions,
        )
        return Step(state, event)
    if state.stage == "planned" and state.itinerary is not None:
        return _refine(state, interp, ctx)
    return _gather(state, interp, ctx)
