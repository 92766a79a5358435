"""Carrying out a policy :class:`~wayfarer.conversation.policy.Decision` (issue 9).

:func:`carry_out` changes a private copy of the state: it plans and re-plans through the
Planner (keeping every trip constraint, :mod:`constraints`), applies edits and records
them as constraints, answers questions from data (:mod:`answers`), asks one detail or one
confirming question, and returns the event to narrate with the computed difference
between the trip before and after (:mod:`diff`).

Gathering asks about one missing detail at a time, in the order that changes the plan most:
city, then days, then interests, then pace and budget folded into one question. Each asking
reply counts one clarifying question; at the cap the plan is made on defaults, except that a
missing city is still asked for (without counting past the cap). "Just plan it" plans at
once on defaults once the city is known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, TypeVar

from wayfarer.conversation import answers
from wayfarer.conversation.constraints import (
    for_city,
    may_break_rules,
    reapply,
    reapply_rules,
    record,
)
from wayfarer.conversation.diff import trip_diff
from wayfarer.domain import (
    AskTravelToCity,
    EditSummary,
    EditTrip,
    MealWish,
    PlanSnapshot,
    Preferences,
    PreferenceUpdate,
    SessionState,
    TripConstraints,
)
from wayfarer.errors import EditRejected
from wayfarer.language.events import (
    Answered,
    AskQuestion,
    Confirm,
    Declined,
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

if TYPE_CHECKING:
    from wayfarer.conversation.policy import Decision

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
    A new city clears the country unless the update names one; a country named alone
    ("morocco!") is kept while no city is known, so the next question offers its cities.
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
    elif update.country is not None and data["city"] is None:
        data["country"] = update.country
    interests = [i for i in prefs.interests if i not in update.remove_interests]
    interests += [i for i in update.add_interests if i not in interests]
    avoid = [i for i in prefs.avoid_interests if i not in update.add_interests]
    avoid += [i for i in update.remove_interests if i not in avoid]
    data["interests"], data["avoid_interests"] = interests, avoid
    return Preferences.model_validate(data)


def merge_updates(updates: Iterable[PreferenceUpdate]) -> PreferenceUpdate:
    """Several preference changes as one (later values win; interest lists join)."""
    merged = PreferenceUpdate()
    for update in updates:
        data = merged.model_dump()
        for name, value in update.model_dump(exclude_defaults=True).items():
            data[name] = data[name] + value if isinstance(value, list) else value
        merged = PreferenceUpdate.model_validate(data)
    return merged


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
    """An event of ``kind`` stamped with the session id and the session's turn counter."""
    return kind(session_id=state.session_id, turn=state.dialogue.turn, **fields)


def _snapshot(state: SessionState) -> None:
    if state.itinerary is not None:
        state.undo_stack.append(
            PlanSnapshot(
                itinerary=state.itinerary,
                preferences=state.preferences,
                assumed=list(state.assumed),
                constraints=state.constraints,
            )
        )
        del state.undo_stack[:-UNDO_DEPTH]


def carry_out(state: SessionState, decision: Decision, ctx: PolicyContext) -> Step:
    """Carry ``decision`` out on ``state`` (a private copy, changed in place)."""
    planned = state.stage == "planned" and state.itinerary is not None
    kind = decision.kind
    if kind == "gather":
        for act in decision.edits:  # caps and meal wishes said before the plan
            state.constraints = record(state.constraints, act.edit, None, None)
        step = _gather(state, decision.changes, decision.proceed, ctx)
        return _with_answers(step, decision, ctx)
    if kind == "replan":
        return _with_answers(_replan(state, decision, ctx), decision, ctx)
    if kind == "edit":
        return _with_answers(_edit(state, decision.edits, ctx), decision, ctx)
    if kind == "answer":
        replies = [answers.answer(q, state, ctx.planner) for q in decision.questions]
        waiting = None if planned else next_question(state, ctx.max_questions)
        state.dialogue.awaiting = waiting
        return Step(state, _event(Answered, state, answers=replies, planned=planned,
                                  awaiting=waiting))
    if kind == "confirm":
        return _confirm(state, decision)
    if kind == "start_over":
        _start_over(state)
        if not decision.changes.is_empty() or decision.proceed:
            return _gather(state, decision.changes, decision.proceed, ctx)
        return Step(state, _event(StartedOver, state))
    if kind == "undo":
        return _undo(state)
    if kind == "unsupported_city":
        return _unsupported(state, decision.changes, ctx)
    if kind == "export":
        fmt = decision.export_format or "ics"
        url = f"/api/sessions/{state.session_id}/itinerary?format={fmt}"
        return Step(state, _event(ExportReady, state, format=fmt, url=url))
    if kind == "small_talk":
        return Step(state, _event(SmallTalk, state, planned=planned,
                                  topic=_topic(decision.small_talk)))
    if kind == "declined":
        return Step(state, _event(Declined, state, planned=planned))
    return Step(state, _event(NotUnderstood, state, planned=planned))


def _with_answers(step: Step, decision: Decision, ctx: PolicyContext) -> Step:
    """The questions asked with a change, answered on the changed state."""
    return Step(step.state, answers.attach(step.event, decision.questions, step.state,
                                           ctx.planner))


def _topic(kind: str | None) -> str | None:
    return kind if kind in ("hello", "thanks", "bye") else None


def _plan(state: SessionState, ctx: PolicyContext, replanned: bool,
          unkept: list[str] | None = None, before_turn: SessionState | None = None) -> Step:
    """Plan from the preferences; ``before_turn`` is the state before this turn's changes
    (for the difference a re-plan reports)."""
    origin = before_turn or state
    before, prefs_before = origin.itinerary, origin.preferences
    constraints_before = origin.constraints
    planner = ctx.planner
    result = planner.plan(state.preferences, state.constraints.excluded_ids())
    itinerary, prefs, constraints, lost = reapply(
        planner, result.itinerary, state.preferences, state.constraints)
    state.itinerary, state.preferences, state.constraints = itinerary, prefs, constraints
    state.assumed = list(result.defaults)
    state.stage = "planned"
    state.last_edit = None
    diff = trip_diff(before, itinerary, prefs_before, prefs, constraints_before, constraints)
    diff.unkept = [*(unkept or []), *lost]
    event = _event(
        Planned,
        state,
        itinerary=itinerary,
        preferences=prefs,
        defaults=result.defaults,
        notes=result.notes,
        replanned=replanned,
        diff=diff if replanned else None,
    )
    return Step(state, event)


def _gather(state: SessionState, changes: PreferenceUpdate, proceed: bool,
            ctx: PolicyContext) -> Step:
    state.preferences = merge_preferences(state.preferences, changes)
    if changes.interests_any and "interests" not in state.asked:
        state.asked.append("interests")
    detail = next_question(state, ctx.max_questions)
    if proceed and state.preferences.city is not None:
        detail = None
    if detail is None:
        return _plan(state, ctx, replanned=False)
    if state.clarifying_questions_count < ctx.max_questions:
        state.clarifying_questions_count += 1
    if detail not in state.asked:
        state.asked.append(detail)
    state.dialogue.awaiting = detail
    if detail == "city" and len(changes.city_suggestions) == 1:  # "yes" takes it
        state.dialogue.offered_cities = list(changes.city_suggestions)
    event = _event(AskQuestion, state, missing=detail, preferences=state.preferences,
                   acknowledged=changed_fields(changes))
    return Step(state, event)


def _replan(state: SessionState, decision: Decision, ctx: PolicyContext) -> Step:
    assert state.itinerary is not None
    _snapshot(state)
    before_turn = state.model_copy(deep=True)
    old_city = state.preferences.city or state.itinerary.city
    state.preferences = merge_preferences(state.preferences, decision.changes)
    unkept: list[str] = []
    city = state.preferences.city
    if city and city.casefold() != old_city.casefold():
        state.constraints, unkept = for_city(state.constraints, city)
    step = _plan(state, ctx, replanned=True, unkept=unkept, before_turn=before_turn)
    if not decision.edits:
        return step
    return _edit(step.state, decision.edits, ctx, snapshot=False)


def _edit(state: SessionState, edits: Iterable[EditTrip], ctx: PolicyContext,
          snapshot: bool = True) -> Step:
    assert state.itinerary is not None
    itinerary, prefs, constraints = state.itinerary, state.preferences, state.constraints
    summaries: list[EditSummary] = []
    notes: list[str] = []
    for act in edits:
        edit = act.edit
        if isinstance(edit, MealWish):
            constraints = record(constraints, edit, itinerary, itinerary)
        try:
            result = ctx.planner.apply_edit(itinerary, prefs, edit, constraints.excluded_ids())
        except EditRejected as exc:
            if isinstance(edit, MealWish):  # kept as a wish even when nothing can move yet
                notes.append(exc.message)
                continue
            if not summaries:
                return Step(state, _event(EditFailed, state, reason=exc.message))
            notes.append(f"I couldn't also do the rest: {exc.message}")
            break
        constraints = record(constraints, edit, itinerary, result.itinerary)
        itinerary, prefs = result.itinerary, result.preferences
        summaries.append(result.summary)
        notes += result.notes
    if summaries and constraints.pinned:  # a trim (pace, budget) must not drop a kept place
        itinerary, prefs, constraints, lost = reapply(
            ctx.planner, itinerary, prefs, constraints, only_pins=True)
        notes += [f"I couldn't keep {reason}" for reason in lost]
    if summaries and may_break_rules(edits, constraints):  # "more packed" adds museums
        itinerary, prefs, lost = reapply_rules(ctx.planner, itinerary, prefs, constraints)
        notes += [f"I couldn't keep {reason}" for reason in lost]
    diff = trip_diff(state.itinerary, itinerary, state.preferences, prefs,
                     state.constraints, constraints)
    if snapshot:
        _snapshot(state)
    changed = {f for f in ("pace", "budget", "days")
               if getattr(prefs, f) != getattr(state.preferences, f)}
    state.assumed = [name for name in state.assumed if name not in changed]
    state.itinerary, state.preferences, state.constraints = itinerary, prefs, constraints
    summary = EditSummary(
        description=" ".join(s.description for s in summaries if s.description),
        days=sorted({d for s in summaries for d in s.days}),
        place_ids=[p for s in summaries for p in s.place_ids],
    )
    if summaries:
        state.last_edit = summary
    event = _event(Edited, state, itinerary=itinerary, summary=summary, notes=notes, diff=diff)
    return Step(state, event)


def _confirm(state: SessionState, decision: Decision) -> Step:
    pending = decision.confirmation
    assert pending is not None
    current = state.preferences.city or (state.itinerary.city if state.itinerary else "")
    alternative = ""
    if pending.kind == "change_city":
        alternative = f"find out how to get from {current} to {pending.subject}"
        pending = pending.model_copy(update={"on_decline": [
            AskTravelToCity(city=pending.subject, origin=current)]})
    state.dialogue.confirmation = pending
    event = _event(Confirm, state, about=pending.kind, subject=pending.subject,
                   current=current, alternative=alternative)
    return Step(state, event)


def _unsupported(state: SessionState, changes: PreferenceUpdate, ctx: PolicyContext) -> Step:
    if state.stage == "gathering":
        # keep what else the message said ("Florence, 4 days, art") for the city chosen next
        state.preferences = merge_preferences(state.preferences, changes)
    current = state.preferences.city if state.stage == "planned" else None
    suggestions = [c for c in changes.city_suggestions if c != current] or [
        c.name for c in ctx.planner.cities() if c.name != current][:5]
    if current is None:
        state.dialogue.offered_cities = list(suggestions)
    event = _event(UnsupportedCity, state, city=changes.unsupported_city,
                   suggestions=suggestions)
    return Step(state, event)


def _undo(state: SessionState) -> Step:
    if not state.undo_stack:
        return Step(state, _event(Undone, state))
    snapshot = state.undo_stack.pop()
    state.itinerary = snapshot.itinerary
    state.preferences = snapshot.preferences
    state.assumed = snapshot.assumed
    state.constraints = snapshot.constraints
    state.last_edit = None
    return Step(state, _event(Undone, state, itinerary=snapshot.itinerary))


def _start_over(state: SessionState) -> None:
    state.stage = "gathering"
    state.preferences = Preferences()
    state.assumed, state.asked = [], []
    state.clarifying_questions_count = 0
    state.itinerary, state.last_edit = None, None
    state.constraints = TripConstraints()
    state.undo_stack = []
