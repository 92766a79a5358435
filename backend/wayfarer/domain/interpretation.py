"""What one user message means: the single typed result every Interpreter returns.

``acts`` (:mod:`wayfarer.domain.acts`) is what the conversation policy decides from. The
older summary fields (``intent``, ``changes``, ``edits``...) are kept so interpreters that
still produce only them (and their tests) keep working: :meth:`Interpretation.dialogue_acts`
turns such a summary into acts when ``acts`` is empty.
"""

from typing import Literal

from pydantic import BaseModel, Field

from wayfarer.domain.acts import (
    AskSchedule,
    ChangePreferences,
    DialogueAct,
    EditScope,
    EditTrip,
    ExportPlan,
    StartOver,
    Unclear,
    UndoAct,
)
from wayfarer.domain.acts import SmallTalk as SmallTalkAct
from wayfarer.domain.changes import ExportFormat, PreferenceUpdate, SmallTalk
from wayfarer.domain.edits import Edit, Undo

__all__ = ["ExportFormat", "Intent", "Interpretation", "PreferenceUpdate", "SmallTalk"]

Intent = Literal[
    "provide_info",  # gives or changes preferences (also a first message)
    "edit",  # changes the current itinerary (see ``edits``)
    "export",  # asks for the plan as a file (see ``export_format``)
    "question",  # asks about the plan ("what's on day 2?")
    "start_over",  # "new trip"
    "greeting",  # hello / thanks / small talk
    "unknown",  # nothing understood
]
class Interpretation(BaseModel):
    """Intent plus everything extracted from one message."""

    intent: Intent
    changes: PreferenceUpdate = Field(default_factory=PreferenceUpdate)
    edits: list[Edit] = Field(default_factory=list)
    export_format: ExportFormat | None = None
    question_day: int | None = None
    #: "just plan it" / "up to you": plan now on defaults for whatever is still missing.
    proceed: bool = False
    #: For ``greeting``: which kind of small talk, so the reply fits ("thanks" != "hello").
    small_talk: SmallTalk | None = None
    #: The typed acts of the message; empty means "derive them from the fields above".
    acts: list[DialogueAct] = Field(default_factory=list)

    def dialogue_acts(self) -> list[DialogueAct]:
        """The message's acts: ``acts`` when set, else read from the summary fields."""
        if self.acts:
            return list(self.acts)
        found: list[DialogueAct] = []
        if self.intent == "start_over":
            found.append(StartOver())
        if not self.changes.is_empty() or self.proceed:
            found.append(ChangePreferences(changes=self.changes, proceed=self.proceed))
        for edit in self.edits:
            found.append(UndoAct() if isinstance(edit, Undo) else EditTrip(
                edit=edit, scope=scope_of(edit)))
        if self.intent == "export":
            found.append(ExportPlan(format=self.export_format))
        if self.intent == "question":
            found.append(AskSchedule(day=self.question_day))
        if self.intent == "greeting":
            found.append(SmallTalkAct(kind=self.small_talk or "other"))
        return found or [Unclear()]


def scope_of(edit: Edit) -> EditScope:
    """The scope an edit's own fields imply (a named place, a day, else the trip)."""
    target = getattr(edit, "target", None) or getattr(edit, "query", None)
    name = getattr(target, "name", None)
    day = getattr(target, "day", None) or getattr(edit, "day", None)
    if name:
        return EditScope(kind="place", place=name, day=day)
    if day is not None:
        return EditScope(kind="day", day=day)
    return EditScope()
