"""When the traveller gets in and leaves: "we land at 2pm on day 1", "our flight home is at
6pm", "train back at 17:30 on the last day" -> :class:`~wayfarer.domain.SetTravelTimes`.

An arrival needs an arrival verb (arrive, land, get in, touch down, fly in) and a departure
a going-home phrase (fly home / out / back, flight home, train back, head home, depart,
leave for the airport): "we leave the hotel at 9" says when a day starts, not when the
trip ends, and is not read here. The clock time follows in the same sentence ("at",
"around", "by"); an hour without am/pm from 1 to 6 is the afternoon. The mode is a flight
when the sentence says fly, flight, land, plane or airport; a train when it says train.
"""

import re

from wayfarer.domain import SetTravelTimes, TravelMode

_ARRIVE = re.compile(
    r"\b(?:arriv(?:e|es|ing)|land(?:s|ing)?|get(?:ting)? in(?!to)|gets in|touch(?:es|ing)? "
    r"down|fly(?:ing)? in(?!to)|flight (?:gets|comes) in)\b"
)
_LEAVE = re.compile(
    r"\b(?:fl(?:y|ying|ies) (?:out|home|back)|flight (?:home|back|out)|(?:train|bus|ferry) "
    r"(?:home|back|out)|head(?:ing)? (?:home|back)|go(?:ing)? (?:home|back)|"
    r"depart(?:s|ing|ure)?|leav(?:e|es|ing) for (?:home|the airport|the station)|"
    r"(?:our|my|the) (?:flight|train) (?:leaves|departs|is))\b"
)
_CLOCK = re.compile(
    r"\b(?:at|around|about|by|@)\s*(?:(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?\s*"
    r"(?P<ap>am|pm|a\.m\.|p\.m\.)?(?![\d:])|(?P<noon>noon|midday))"
)
_SENTENCE = re.compile(r"[^.!?;]+")
_FLIGHT = re.compile(r"\b(?:fly|flying|flies|flight|land|lands|landing|plane|airport)\b")
_TRAIN = re.compile(r"\b(?:train|rail|station)\b")


def read_travel_times(folded: str) -> list[SetTravelTimes]:
    """The arrival and departure the folded message states (one edit each), if any."""
    found: list[SetTravelTimes] = []
    for sentence in _SENTENCE.findall(folded):
        mode = _mode(sentence)
        for pattern, field in ((_ARRIVE, "arrive"), (_LEAVE, "leave")):
            verb = pattern.search(sentence)
            if verb is None:
                continue
            clock = _CLOCK.search(sentence, verb.end())
            time = _hhmm(clock) if clock is not None else None
            if time is not None and all(getattr(e, field) is None for e in found):
                found.append(SetTravelTimes.model_validate({field: time, "mode": mode}))
    return found


def _mode(sentence: str) -> TravelMode:
    if _FLIGHT.search(sentence):
        return "flight"
    if _TRAIN.search(sentence):
        return "train"
    return "other"


def _hhmm(clock: re.Match[str]) -> str | None:
    """The clock time a match names ("2pm" -> "14:00"), None when it is no time of day."""
    if clock["noon"]:
        return "12:00"
    hour, minute = int(clock["h"]), int(clock["m"] or 0)
    marker = (clock["ap"] or "").replace(".", "")
    if marker == "pm" and hour < 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    elif not marker and 1 <= hour <= 6:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"
