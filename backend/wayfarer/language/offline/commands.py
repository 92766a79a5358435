"""Conversation commands: start over, export, questions about the plan, small talk,
"just plan it", and yes-answers to an offer.
"""

import re
from typing import Literal

from wayfarer.domain import ExportFormat
from wayfarer.language.offline.lexicon import phrase_regex
from wayfarer.language.offline.selectors import DAY_REF, DayIndex
from wayfarer.language.offline.text import Text

SmallTalk = Literal["hello", "thanks", "bye"]

START_OVER = re.compile(
    r"\b(?:start(?:ing)? (?:over|again|afresh|from scratch|fresh)|new trip|another trip|"
    r"different trip|from scratch|reset(?: everything| the trip| it)?|begin again|restart|"
    r"plan (?:a |another )?(?:new|different|second) trip|clear (?:everything|it all|all)|"
    r"forget (?:everything|all that|all of that|it all)|scrap (?:everything|it all|the whole "
    r"(?:thing|plan|trip))|wipe (?:it|everything))\b"
)
_EXPORT_VERB = re.compile(
    r"\b(?:export|download|send (?:it|me|the plan|the itinerary|this)|save (?:it|the plan|"
    r"the itinerary|this)|email (?:it|me)|share (?:it|the plan)|print (?:it|the plan)|"
    r"get (?:it|the plan|the itinerary) as|give (?:it|me the plan|me the itinerary) (?:to me )?as|"
    r"(?:add|put) (?:it|this|the plan|the trip|the itinerary|everything) (?:to|in|into|on) "
    r"(?:my |our |a )?(?:google |apple |outlook )?calendar)\b"
)
_ICS = re.compile(r"\b(?:ics|ical|icalendar|\.ics|calendar|google calendar|outlook|cal file)\b")
_JSON = re.compile(r"\bjson\b")
_MARKDOWN = re.compile(r"\b(?:markdown|md|text file|txt|pdf|printable|document|doc|text)\b")
_FORMAT_ALONE = re.compile(
    r"^\W*(?:(?:as |in |to |into )?(?:an? )?(?:my )?(?:ics|ical|calendar|json|markdown|md|pdf)"
    r"(?: file| format| please| pls| version)*)\W*$"
)
_FORMAT_CUED = re.compile(
    r"\b(?:as|in|to|into|an?|via) (?:an? )?(?:my |our )?(?:ics|ical|icalendar|json|markdown|md|"
    r"calendar|google calendar|outlook)(?: file| format)?\b"
)
_QUESTION_WORD = re.compile(
    r"\b(?:what(?:'s| is| are| do| does| did| will|s)?|whats|show(?: me)?|tell me(?: about)?|"
    r"remind me(?: of)?|list|where|when|which|how|can i see|let me see|see|recap|summary|"
    r"give me|display|view|go over|walk me through|"
    r"summari[sz]e|plan for|itinerary for|schedule for|what's happening|going on)\b|\?"
)
_PLAN_WORDS = re.compile(
    r"\b(?:(?:the |my |our )?(?:whole |full |entire |complete |current )?"
    r"(?:plan|itinerary|schedule|agenda|program|programme))\b|\brecap\b|"
    r"\bsummar(?:y|i[sz]e)\b|\bwhat do we have\b|\bwhat have we got\b"
)
_BARE_DAY = re.compile(r"^\W*(?:and |what about |how about )?day\s*\d{1,2}\W*$")
_HELLO = re.compile(
    r"^\W*(?:hi|hello|hey|hey there|hi there|hello there|hiya|howdy|yo|heya|good (?:morning|"
    r"afternoon|evening|day)|greetings|hola|bonjour|ciao|hallo|sup|what's up|whats up)\b[\s,!.]*"
)
_THANKS = re.compile(
    phrase_regex(
        (
            "thanks", "thank you", "thx", "ty", "cheers", "much appreciated", "appreciate it",
            "thanks a lot", "thank you so much", "thanks so much", "many thanks",
        )
    )
)
_PRAISE = re.compile(
    r"^\W*(?:(?:that's |that is |this is |it's |looks |sounds |all )?(?:great|perfect|awesome|"
    r"amazing|wonderful|nice|cool|ok|okay|brilliant|excellent|fantastic|lovely|superb|good|"
    r"love it|well done|good job|fine|neat|sweet|splendid|gorgeous|beautiful)[\s,!.]*)+$"
)
_BYE = re.compile(
    r"\b(?:bye|goodbye|good bye|see you|see ya|that's all|that is all|that's it for now|"
    r"good night|later|take care|farewell)\b"
)
_PROCEED = re.compile(
    phrase_regex(
        (
            "just plan it", "go ahead", "plan it", "make the plan", "make a plan", "build it",
            "build the plan", "that's all", "that's everything",
            "nothing else", "no preference", "no preferences", "don't care", "dont care",
            "whatever you think", "whatever you think is best", "up to you", "you decide",
            "doesn't matter", "does not matter", "don't mind", "dont mind", "either is fine",
            "whatever works", "defaults are fine", "default is fine", "use the defaults",
            "defaults", "your call", "you choose",
            "surprise me", "surprise us", "just do it", "show me the plan", "show me a plan",
            "plan away", "go for it", "anything is fine", "all good", "whatever is best",
            "not fussed", "no idea", "dunno", "don't know", "dont know", "not sure",
        )
    )
)
_AFFIRM = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|sure|ok|okay|sounds good|let's do it|let's do that|lets do it|"
    r"go for it|yes please|please|why not|perfect|great|do it|absolutely|definitely|of course|"
    r"that works|fine|alright|all right|the first one|first one|that one|the first|y)\b"
    r"[\s\w,!.]*$"
)


def read_start_over(text: Text) -> bool:
    """True for "start over" / "new trip"; claims it."""
    return text.take(START_OVER) is not None


def read_export(text: Text) -> tuple[bool, ExportFormat | None]:
    """Whether an export is asked for, and in which format when one is named
    ("export to calendar" -> ics, "as markdown" -> markdown, "download it" -> None)."""
    verb = text.take(_EXPORT_VERB)
    cued = text.take(_FORMAT_CUED)
    alone = _FORMAT_ALONE.match(text.folded) if verb is None and cued is None else None
    if verb is None and cued is None and alone is None:
        return False, None
    if cued is None and verb is None and alone is not None:
        text.claim(alone.start(), alone.end())
    scope = text.folded
    if _JSON.search(scope):
        return True, "json"
    if _ICS.search(scope):
        return True, "ics"
    if _MARKDOWN.search(scope):
        return True, "markdown"
    return True, None


def read_question(text: Text, days: DayIndex) -> tuple[bool, int | None]:
    """(is a question about the plan, the day it asks about); claims the day reference."""
    if _BARE_DAY.match(text.folded):
        match = re.search(r"\d{1,2}", text.folded)
        assert match is not None
        text.claim(0, len(text.folded))
        return True, int(match.group())
    if not _QUESTION_WORD.search(text.folded):
        return False, None
    for match in text.find(DAY_REF):
        day = days.resolve(match)
        if day is not None:
            text.claim(match.start(), match.end())
            return True, day
    plan = text.take(_PLAN_WORDS)
    return (plan is not None), None


def read_small_talk(text: Text) -> SmallTalk | None:
    """Hello / thanks / bye phrases (claimed); the last kind said wins."""
    kind: SmallTalk | None = None
    if text.take(_HELLO) is not None:
        kind = "hello"
    if text.take_all(_THANKS):
        kind = "thanks"
    if text.take(_BYE) is not None:
        kind = "bye"
    praise = _PRAISE.match(text.folded)
    if praise is not None and text.is_free(praise.start(), praise.end()):
        text.claim(praise.start(), praise.end())
        kind = kind or "thanks"
    return kind


def read_proceed(text: Text) -> bool:
    """True for "just plan it" / "up to you": plan on defaults now."""
    return bool(text.take_all(_PROCEED))


def is_affirmation(text: Text) -> bool:
    """True for a short yes ("sure", "sounds good", "the first one")."""
    return len(text.tokens) <= 6 and _AFFIRM.match(text.folded) is not None
