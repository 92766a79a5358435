"""What the assistant last asked, read from the session history, so bare answers ("4",
"food and museums", "sure") can be understood.
"""

import re
from collections.abc import Iterable
from typing import Literal

from wayfarer.domain import SessionState
from wayfarer.language.offline.text import fold, name_key

Asked = Literal["city", "days", "interests", "pace_budget"]

_PACE_BUDGET = re.compile(r"\b(?:pace|budget|relaxed|packed|splurge|mid-range)\b")
_DAYS = re.compile(r"\bhow (?:many (?:days|nights)|long)\b|\bnumber of days\b")
_INTERESTS = re.compile(
    r"\b(?:into|interests?|interested|enjoy|love to (?:see|do)|like to (?:see|do)|"
    r"kind of things|sort of things|what kind of|what sort of)\b"
)
_CITY = re.compile(r"\bwhere\b|\bwhich city\b|\bwhat city\b|\bdestination\b|\bwhich one\b")
_OFFER = re.compile(r"\b(?:shall i|should i|want me to|would you like|how about|instead)\b")


def last_assistant_message(state: SessionState) -> str:
    """The assistant's latest message ("" when there is none)."""
    for message in reversed(state.history):
        if message.role == "assistant":
            return message.content
    return ""


def last_question(message: str) -> str:
    """The last sentence of ``message`` that ends with a question mark, folded."""
    folded = fold(message)
    if "?" not in folded:
        return ""
    head = folded[: folded.rindex("?") + 1]
    sentences = re.split(r"(?<=[.!?\n])\s+", head)
    return sentences[-1] if sentences else head


def asked_detail(state: SessionState) -> Asked | None:
    """Which missing detail the assistant's last question asked for, if any."""
    if state.stage != "gathering":
        return None
    question = last_question(last_assistant_message(state))
    if not question:
        return None
    if _PACE_BUDGET.search(question):
        return "pace_budget"
    if _DAYS.search(question):
        return "days"
    if _INTERESTS.search(question):
        return "interests"
    if _CITY.search(question):
        return "city"
    return None


def offered_cities(state: SessionState, covered: Iterable[str]) -> list[str]:
    """Covered cities the assistant's last question offered, in the order offered."""
    question = last_question(last_assistant_message(state))
    if not question or (not _OFFER.search(question) and "?" not in question):
        return []
    key = f" {name_key(question)} "
    found = [(key.find(f" {name_key(c)} "), c) for c in covered]
    return [c for position, c in sorted(found) if position >= 0]
