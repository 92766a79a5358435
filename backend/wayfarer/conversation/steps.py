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
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final, TypeVar

from wayfarer.conversation import answers
from wayfarer.conversation import legs as trip_legs
from wayfarer.conversation.constraints import (
    apply_or_add,
    may_break_rules,
    reapply,
    reapply_rules,
    record,
)
from wayfarer.conversation.diff import trip_diff
from wayfarer.conversation.merge import changed_fields, merge_preferences
from wayfarer.conversation.places import resolve_in_trip
from wayfarer.domain import (
    AskTravelToCity,
    EditSummary,
    EditTrip,
    ExcludedPlace,
    Leg,
    MealWish,
    PinnedPlace,
    PinPlace,
    PlanSnapshot,
    Preferences,
    PreferenceUpdate,
    RemovePlace,
    SessionState,
    TripConstraints,
    pack_plan,
    unpack_plan,
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
    Unchanged,
    Undone,
    UnsupportedCity,
)
from wayfarer.language.offline.phrasing import join_words
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


def next_question(state: SessionState, max_questions: int) -> MissingDetail | None:
    """The one detail to ask about next, or None when it is time to plan."""
    prefs = state.preferences
    if prefs.city is None:
        return "city"
    if prefs.is_multi_city() and prefs.days is None and (
            any(leg.days is None for leg in prefs.legs)):
        return "days"  # a trip of legs needs its length, asked past the cap like the city
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
        state.undo_stack.append(pack_plan(PlanSnapshot(
            itinerary=state.itinerary,
            preferences=state.preferences,
            assumed=list(state.assumed),
            constraints=state.constraints,
        )))
        del state.undo_stack[:-UNDO_DEPTH]


def carry_out(state: SessionState, decision: Decision, ctx: PolicyContext) -> Step:
    """Carry ``decision`` out on ``state`` (a private copy, changed in place). A trip of
    legs that cannot be made (over the day limit, a city not in the trip) raises
    :class:`~wayfarer.conversation.legs.LegProblem` (see :func:`refused`)."""
    return _carry_out(state, decision, ctx)


def refused(state: SessionState, problem: trip_legs.LegProblem) -> Step:
    """The turn of a refused leg change: nothing changes, and it is said kindly."""
    reason = problem.reason[:1].upper() + problem.reason[1:]
    return Step(state, _event(Unchanged, state, reason=reason, suggestion=problem.suggestion))


def _carry_out(state: SessionState, decision: Decision, ctx: PolicyContext) -> Step:
    planned = state.stage == "planned" and state.itinerary is not None
    kind = decision.kind
    if kind == "gather":
        for act in decision.edits:  # rules and places said before the plan
            if isinstance(act.edit, PinPlace | RemovePlace):
                state.constraints = _wished(state, act.edit, decision.changes, ctx)
            else:
                state.constraints = record(state.constraints, act.edit, None, None)
        step = _gather(state, decision.changes, decision.proceed, ctx)
        return _with_answers(step, decision, ctx)
    if kind == "replan":
        return _with_answers(_replan(state, decision, ctx), decision, ctx)
    if kind == "legs":
        return _legs(state, decision, ctx)
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
        fmt = decision.export_format or "ics"  # the link is the server's (orchestrator)
        return Step(state, _event(ExportReady, state, format=fmt))
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
          unkept: list[str] | None = None, before_turn: SessionState | None = None,
          said: PreferenceUpdate | None = None, assumed: list[str] | None = None) -> Step:
    """Plan from the preferences; ``before_turn`` is the state before this turn's changes
    (for the difference a re-plan reports); ``said`` the message's changes (uncovered
    cities of a multi-city request are named in the reply); ``assumed`` the preference
    fields the conversation filled with defaults before planning (said as the planner's
    own defaults are)."""
    origin = before_turn or state
    before, prefs_before = origin.itinerary, origin.preferences
    constraints_before = origin.constraints
    planner = ctx.planner
    excluded = state.constraints.excluded_ids()
    if trip_legs.moved_only(prefs_before, state.preferences):  # unmoved legs stay as they are
        result = planner.replan(before, state.preferences, excluded)
    else:
        result = planner.plan(state.preferences, excluded)
    state.preferences = trip_legs.fitted(state.preferences, result.itinerary)
    itinerary, prefs, constraints, lost = reapply(
        planner, result.itinerary, state.preferences, state.constraints)
    state.itinerary, state.preferences, state.constraints = itinerary, prefs, constraints
    defaults = list(dict.fromkeys([*(assumed or []), *result.defaults]))
    state.assumed = defaults
    state.stage = "planned"
    state.last_edit = None
    diff = trip_diff(before, itinerary, prefs_before, prefs, constraints_before, constraints)
    diff.unkept = [*(unkept or []), *lost]
    event = _event(
        Planned,
        state,
        itinerary=itinerary,
        preferences=prefs,
        defaults=defaults,
        notes=result.notes,
        replanned=replanned,
        diff=diff if replanned else None,
        uncovered=list(said.unsupported_legs) if said else [],
        offered=list(said.city_suggestions) if said and said.unsupported_legs else [],
    )
    return Step(state, event)


def _wished(state: SessionState, edit: PinPlace | RemovePlace, changes: PreferenceUpdate,
            ctx: PolicyContext) -> TripConstraints:
    """The constraints with a place named before the plan kept (a must-see) or left out
    (one to skip), when the trip's city, with this message's changes, has a place of that
    name; unchanged otherwise ("skip the museums" names no one place)."""
    name = edit.target.name
    said = state.model_copy(update={
        "preferences": merge_preferences(state.preferences, changes)})
    place = resolve_in_trip(name, said, ctx.planner).place if name else None
    if place is None:
        return state.constraints
    kept = state.constraints.model_copy(deep=True)
    kept.pinned = [p for p in kept.pinned if p.place_id != place.id]
    kept.excluded = [e for e in kept.excluded if e.place_id != place.id]
    if isinstance(edit, PinPlace):
        kept.pinned.append(PinnedPlace(place_id=place.id, name=place.name))
    else:
        kept.excluded.append(ExcludedPlace(place_id=place.id, name=place.name))
    return kept


def _gather(state: SessionState, changes: PreferenceUpdate, proceed: bool,
            ctx: PolicyContext) -> Step:
    state.preferences = merge_preferences(state.preferences, changes)
    if changes.interests_any and "interests" not in state.asked:
        state.asked.append("interests")
    if trip_legs.unsplit(state.preferences):  # how to share the days comes right after how many
        return Step(state, trip_legs.ask_split(state, state.preferences, changes))
    detail = next_question(state, ctx.max_questions)
    if proceed and state.preferences.city is not None:
        detail = None
    if detail is None:
        state.preferences, guessed = trip_legs.with_default_days(state.preferences)
        return _plan(state, ctx, replanned=False, said=changes,
                     assumed=["days"] if guessed else [])
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
    merged = merge_preferences(state.preferences, decision.changes)
    if trip_legs.unsplit(merged):
        return Step(state, trip_legs.ask_split(state, merged, decision.changes))
    _snapshot(state)
    before_turn = state.model_copy()  # shallow: the turn replaces parts, never changes them
    old_legs = state.preferences.trip_legs() or [Leg(city=state.itinerary.city)]
    state.preferences = merged
    unkept: list[str] = []
    if old_legs != merged.trip_legs():
        state.constraints, unkept = trip_legs.carried(
            state.constraints, old_legs, merged.trip_legs())
    step = _plan(state, ctx, replanned=True, unkept=unkept, before_turn=before_turn,
                 said=decision.changes)
    if not decision.edits:
        return step
    return _edit(step.state, decision.edits, ctx, snapshot=False)


def _legs(state: SessionState, decision: Decision, ctx: PolicyContext) -> Step:
    """Leg changes ("one more day in Tokyo", "drop Kyoto") as the trip's new legs, then
    a re-plan (or, while gathering, the next question) with the message's other changes."""
    countries = {c.name: c.country for c in ctx.planner.cities()}
    legs = state.preferences.trip_legs()
    if state.itinerary is not None:
        legs = trip_legs.as_planned(legs, state.itinerary)
    for act in decision.legs:
        legs = trip_legs.changed_legs(legs, act, countries)
    changes = decision.changes.model_copy(update={"legs": legs, "days": None})
    if state.stage == "planned" and state.itinerary is not None:
        replan = replace(decision, kind="replan", changes=changes, legs=())
        return _replan(state, replan, ctx)
    return _gather(state, changes, decision.proceed, ctx)


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
            result, edit = apply_or_add(ctx.planner, itinerary, prefs, edit, constraints)
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
    named = join_words(changes.unsupported_legs) or changes.unsupported_city
    event = _event(UnsupportedCity, state, city=named, suggestions=suggestions)
    return Step(state, event)


def _undo(state: SessionState) -> Step:
    if not state.undo_stack:
        return Step(state, _event(Undone, state))
    snapshot = unpack_plan(state.undo_stack.pop())
    if snapshot is None:
        return Step(state, _event(Undone, state))
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
