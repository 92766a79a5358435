"""The decision function for the third pass of issue 9: a change said with a question
carries the question (answered on the changed plan); caps and meal wishes said while
gathering are kept for the first plan; a question alone still decides ``answer``."""

from tests.conversation.test_policy_table import edit, prefs
from tests.language.plans import gathering, planned
from wayfarer.conversation.policy import decide
from wayfarer.domain import (
    AskCost,
    AskSchedule,
    ChangePace,
    LimitPerDay,
    MealWish,
)


def test_a_replan_with_a_question_carries_it() -> None:
    decision = decide([prefs(days=4), AskSchedule(day=4)], planned())
    assert decision.kind == "replan" and decision.questions == (AskSchedule(day=4),)


def test_an_edit_with_a_question_carries_it() -> None:
    decision = decide([edit(ChangePace(step="more_relaxed")), AskCost()], planned())
    assert decision.kind == "edit" and decision.questions == (AskCost(),)


def test_a_question_alone_is_answered_and_changes_nothing() -> None:
    decision = decide([AskCost()], planned())
    assert decision.kind == "answer" and not decision.edits and decision.changes.is_empty()


def test_rules_said_while_gathering_are_kept_for_the_plan() -> None:
    rules = [edit(LimitPerDay(category="museum", limit=1)), edit(MealWish(wish="vegetarian"))]
    decision = decide([prefs(city="Rome"), *rules], gathering())
    assert decision.kind == "gather" and list(decision.edits) == rules


def test_a_rule_alone_while_gathering_still_gathers() -> None:
    decision = decide([edit(MealWish(wish="vegetarian"))], gathering())
    assert decision.kind == "gather" and len(decision.edits) == 1
