"""The conversation policy: what a turn does, decided in one place from the dialogue acts.

:func:`decide` is a pure function of the message's acts and the session state (no planner,
no I/O): it returns a :class:`Decision` such as "re-plan with these changes", "apply these
edits", "answer these questions", or "ask this confirming question first". :func:`advance`
carries the decision out (planning through the Planner, in :mod:`steps`) and returns the
new state with the :data:`NarrationEvent` to phrase.

Rules (issue 9):

- A question never changes anything; it is answered from the plan and the catalog. When a
  message both changes and asks, the change is made and the question answered on the
  changed plan (one reply says both).
- A message that would discard work on weak or mixed evidence gets one short confirming
  question, and everything gathered so far is kept: a city change said tentatively or
  inside a question, a shorter trip said tentatively, "new trip" typed mid-plan (as the
  page's button confirms), and "drop a day" when every day was shaped by the traveller
  (otherwise the lightest unshaped day goes, and the reply says which).
- "yes" / "no" answer the pending confirmation; any other message drops it.
- Adding a kind of thing rather than a place ("add some nightlife", no day named) that is
  not yet among the trip's interests is an interest change: the trip is re-planned with
  the interest, keeping every constraint. More of an interest the trip already has adds
  one place, and so does a typed ``add`` edit (a click is taken literally).
- The turn's one question answered, or its one edit of a named place, is kept as
  ``dialogue.follow_up`` for the next message to repeat with a new place or day, or to
  ask about "it".
- Gathering asks about one missing detail at a time (see :func:`steps.next_question`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from wayfarer.conversation import steps
from wayfarer.conversation.constraints import shaped_days
from wayfarer.conversation.legs import LegProblem
from wayfarer.conversation.merge import merge_updates
from wayfarer.conversation.steps import PolicyContext, Step
from wayfarer.domain import (
    AddDay,
    AddPlace,
    AskSchedule,
    ChangeLeg,
    ChangePreferences,
    ConfirmationAnswer,
    DialogueAct,
    DropDay,
    EditTrip,
    ExportFormat,
    ExportPlan,
    Interpretation,
    LimitPerDay,
    MealWish,
    PendingConfirmation,
    PinPlace,
    PreferenceUpdate,
    Question,
    RemovePlace,
    SessionState,
    SetTravelTimes,
    StartOver,
    UndoAct,
)
from wayfarer.domain.acts import SmallTalk, SmallTalkKind, is_question

__all__ = ["Decision", "PolicyContext", "Step", "advance", "decide"]

DecisionKind = Literal[
    "gather",  # merge preferences while gathering, then ask the next detail or plan
    "replan",  # planned: merge preferences and plan again (constraints kept), then edits
    "edit",  # planned: apply the edits
    "answer",  # answer the questions; nothing changes
    "confirm",  # ask the confirming question in ``confirmation``; nothing changes yet
    "start_over",  # forget the trip (then gather ``changes`` if any)
    "undo",  # restore the previous plan with its preferences and constraints
    "export",  # point to the plan as a file
    "small_talk",  # hello / thanks / bye
    "declined",  # "no" to a confirming question: nothing changes
    "unsupported_city",  # a real city the catalog does not cover
    "legs",  # change the trip's legs (then re-plan, or gather), with ``changes`` and edits
    "unclear",  # nothing usable
]


@dataclass(frozen=True)
class Decision:
    """What one turn does. Only the fields its ``kind`` needs are set."""

    kind: DecisionKind
    changes: PreferenceUpdate = field(default_factory=PreferenceUpdate)
    proceed: bool = False
    edits: tuple[EditTrip, ...] = ()
    questions: tuple[Question, ...] = ()
    confirmation: PendingConfirmation | None = None
    export_format: ExportFormat | None = None
    small_talk: SmallTalkKind | None = None
    legs: tuple[ChangeLeg, ...] = ()


def decide(acts: list[DialogueAct], state: SessionState, clicked: bool = False) -> Decision:
    """The decision for a message's ``acts`` in ``state`` (pure; see the module rules);
    ``clicked``: a typed edit (``POST /edits``), taken literally (an ``add`` with an
    interest adds one place)."""
    pending = state.dialogue.confirmation
    answers = [a for a in acts if isinstance(a, ConfirmationAnswer)]
    rest = [a for a in acts if not isinstance(a, ConfirmationAnswer | SmallTalk)]
    if pending is not None and answers and not rest:
        if answers[0].accept:
            return _decide(pending.on_accept, state, confirmed=True)
        if pending.on_decline:
            return _decide(pending.on_decline, state, confirmed=True)
        return Decision("declined")
    if state.stage == "planned" and not clicked:
        acts = [_as_interest(a, state) for a in acts]
    return _decide(acts, state, confirmed=False)


def _decide(acts: Sequence[DialogueAct], state: SessionState, confirmed: bool) -> Decision:
    planned = state.stage == "planned" and state.itinerary is not None
    said = [a for a in acts if isinstance(a, ChangePreferences)]
    changes = merge_updates([a.changes for a in said])
    proceed = any(a.proceed for a in said)
    hedged = any(a.hedged for a in said)
    edits = tuple(a for a in acts if isinstance(a, EditTrip))
    questions = tuple(a for a in acts if is_question(a))
    if any(isinstance(a, StartOver) for a in acts):
        if planned and not confirmed and changes.city is None:
            return _confirm(state, "start_over", "", list(acts))
        return Decision("start_over", changes=changes, proceed=proceed)
    if any(isinstance(a, UndoAct) for a in acts):
        return Decision("undo")
    if changes.unsupported_city and changes.city is None:
        return Decision("unsupported_city", changes=changes)
    leg_changes = tuple(a for a in acts if isinstance(a, ChangeLeg)) + _added_days(edits, state)
    if leg_changes and state.preferences.city is not None:
        rest = tuple(e for e in edits if not isinstance(e.edit, AddDay)) if planned else ()
        return Decision("legs", changes=changes, proceed=proceed, edits=rest, legs=leg_changes)
    if not planned:
        if not changes.is_empty() or proceed or edits or not questions:
            return _gathering(acts, changes, proceed, questions)
        return Decision("answer", questions=questions)
    assert state.itinerary is not None
    current = state.preferences.city or state.itinerary.city
    if (hedged or questions) and not changes.legs and _is_leg(changes.city, state):
        return _leg_asked(changes.city or "", state)
    if changes.city and changes.city.casefold() != current.casefold() and not confirmed and (
        hedged or questions
    ):
        return _confirm(state, "change_city", changes.city, said)
    if (changes.days and changes.days < len(state.itinerary.days) and hedged
            and not confirmed):
        return _confirm(state, "shorten", str(changes.days), said)
    if not changes.is_empty():
        return Decision("replan", changes=changes, edits=edits, questions=questions)
    if edits:
        return _edits(edits, state, confirmed, questions)
    if questions:
        return Decision("answer", questions=questions)
    if (proceed or any(isinstance(a, ConfirmationAnswer) for a in acts)) and not any(
            isinstance(a, ExportPlan | SmallTalk) for a in acts):
        # "go ahead", "up to you", or a yes / no with nothing pending ("no" to "anything
        # else?") after a finished plan: nothing to decide, so agree
        return Decision("small_talk", small_talk="other")
    return _control(acts)


def _as_interest(act: DialogueAct, state: SessionState) -> DialogueAct:
    """"Add some nightlife" (an interest, no place, category or day named) as an interest
    change when the trip does not have that interest yet; any other act as it is."""
    if not isinstance(act, EditTrip) or not isinstance(act.edit, AddPlace):
        return act
    query = act.edit.query
    interest = query.interest
    if (interest is None or query.name or query.category or query.day
            or query.outdoor is not None or interest in state.preferences.interests):
        return act
    return ChangePreferences(changes=PreferenceUpdate(add_interests=[interest]))


def _added_days(edits: tuple[EditTrip, ...], state: SessionState) -> tuple[ChangeLeg, ...]:
    """"Add a day" on a planned multi-city trip: one more day in the last leg."""
    legs = state.preferences.trip_legs()
    if len(legs) < 2 or state.itinerary is None:
        return ()
    return tuple(ChangeLeg(op="add", city=legs[-1].city, days=1)
                 for e in edits if isinstance(e.edit, AddDay))


def _is_leg(city: str | None, state: SessionState) -> bool:
    return city is not None and state.preferences.is_multi_city() and any(
        leg.city.casefold() == city.casefold() for leg in state.preferences.legs)


def _leg_asked(city: str, state: SessionState) -> Decision:
    """"Where is Kyoto??" about a leg of the trip: its first day, or a re-plan when the
    plan lacks it."""
    assert state.itinerary is not None
    days = [d.day for d in state.itinerary.days if (d.city or "").casefold() == city.casefold()]
    if days:
        return Decision("answer", questions=(AskSchedule(day=days[0]),))
    return Decision("replan")


def _gathering(acts: Sequence[DialogueAct], changes: PreferenceUpdate, proceed: bool,
               questions: tuple[Question, ...]) -> Decision:
    """Gather; caps, meal wishes, the arrival and the departure, and places to see or
    skip said before the plan are kept for it."""
    talk = next((a for a in acts if isinstance(a, SmallTalk)), None)
    rules = tuple(a for a in acts if isinstance(a, EditTrip) and isinstance(
        a.edit, LimitPerDay | MealWish | SetTravelTimes | PinPlace | RemovePlace))
    return Decision("gather", changes=changes, proceed=proceed, questions=questions,
                    edits=rules, small_talk=talk.kind if talk else None)


def _control(acts: Sequence[DialogueAct]) -> Decision:
    for act in acts:
        if isinstance(act, ExportPlan):
            return Decision("export", export_format=act.format)
    talk = next((a for a in acts if isinstance(a, SmallTalk)), None)
    if talk is not None:
        return Decision("small_talk", small_talk=talk.kind)
    return Decision("unclear")


def _edits(edits: tuple[EditTrip, ...], state: SessionState, confirmed: bool,
           questions: tuple[Question, ...] = ()) -> Decision:
    """Edits as given, except "drop a day" without a number: the lightest day the
    traveller did not shape, or a confirming question when they shaped every day."""
    assert state.itinerary is not None
    chosen: list[EditTrip] = []
    for act in edits:
        if isinstance(act.edit, DropDay) and act.edit.day is None and len(
                state.itinerary.days) > 1:
            day, shaped = _lightest_day(state)
            act = EditTrip(edit=DropDay(day=day), scope=act.scope.model_copy(
                update={"kind": "day", "day": day}))
            if shaped and not confirmed:
                return _confirm(state, "drop_day", str(day), [act])
        chosen.append(act)
    return Decision("edit", edits=tuple(chosen), questions=questions)


def _lightest_day(state: SessionState) -> tuple[int, bool]:
    """The day to drop: the lightest (fewest activities, later first) among the days the
    traveller did not shape; ``True`` when every day was shaped."""
    assert state.itinerary is not None
    shaped = shaped_days(state.constraints, state.itinerary)
    days = state.itinerary.days
    free = [d for d in days if d.day not in shaped] or list(days)

    def load(day_number: int) -> tuple[int, int]:
        day = days[day_number - 1]
        return sum(1 for i in day.items if i.kind == "activity"), -day.day

    best = min((d.day for d in free), key=load)
    return best, best in shaped


def _confirm(
    state: SessionState, kind: str, subject: str, on_accept: Sequence[DialogueAct]
) -> Decision:
    confirmation = PendingConfirmation.model_validate(
        {"kind": kind, "subject": subject, "on_accept": on_accept}
    )
    return Decision("confirm", confirmation=confirmation)


def advance(state: SessionState, interp: Interpretation, ctx: PolicyContext,
            clicked: bool = False, *, owned: bool = False) -> Step:
    """One turn: decide from the acts (``clicked``: a typed edit, see :func:`decide`),
    carry the decision out on :func:`_begun` (a refused leg change on a fresh one), keep
    what a follow-up refers to.

    ``state`` is never modified unless ``owned``: the caller hands it over (a private copy
    it will not read again, as a store's read is), and the turn is carried out on it in
    place instead of on a copy (a turn that may refuse a leg change first takes its JSON,
    half the price of a copy, and a refusal starts again from it)."""
    decision = decide(interp.dialogue_acts(), state, clicked)
    origin = state.encoded() if owned and _may_refuse(decision) else None
    try:
        step = steps.carry_out(_begun(state if owned else state.copied()), decision, ctx)
    except LegProblem as problem:
        if owned and origin is None:
            raise  # _may_refuse is wrong: never answer from a half-changed state
        fresh = state.copied() if origin is None else SessionState.model_validate_json(origin)
        step = steps.refused(_begun(fresh), problem)
    step.state.dialogue.follow_up = _follow_up(decision)
    return step


def _may_refuse(decision: Decision) -> bool:
    """Whether carrying ``decision`` out can raise LegProblem: only a change of legs, or
    of a trip's length (legs that no longer fit), can (conversation/legs.py)."""
    changes = decision.changes
    return bool(decision.legs or changes.legs or changes.days is not None)


def _begun(state: SessionState) -> SessionState:
    """``state`` (a private copy, changed in place) with the turn counted and what the last
    reply waited for (a detail, a confirmation, offered cities, a follow-up) forgotten."""
    state.dialogue.turn += 1
    state.dialogue.awaiting = None
    state.dialogue.confirmation = None
    state.dialogue.offered_cities = []
    state.dialogue.follow_up = None
    return state


def _follow_up(decision: Decision) -> DialogueAct | None:
    """What a follow-up to this turn refers to: its one question answered, or its one
    edit of a named place ("and the tower too" repeats a removal; "is it open on
    mondays?" asks about the place just added); None otherwise."""
    if decision.kind == "answer" and len(decision.questions) == 1:
        return decision.questions[0]
    if decision.kind == "edit" and len(decision.edits) == 1 and (
            decision.edits[0].scope.place or isinstance(decision.edits[0].edit, RemovePlace)):
        return decision.edits[0]
    return None
