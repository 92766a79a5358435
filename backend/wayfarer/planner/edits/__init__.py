"""Applying typed edits (``domain/edits.py``) to an itinerary, with locality.

Every edit rebuilds only the days it must: untouched days are returned as the very same
objects. A rebuilt day keeps its restaurants when they still fit. The result is verified
like a fresh plan; an edit that cannot be done raises :class:`EditRejected` with a plain
reason, and an edit that would need to break a rule is refused rather than applied.

An edit that removes the last place showing a stated interest (the traveller asked for
it) drops that interest from the preferences and says so in the notes; edits the
traveller did not aim at an interest (dropping a day, a new budget or pace) first try to
keep it by swapping a place in.

Layout: :mod:`.state` (the working state, finished into an
:class:`~wayfarer.planner.base.EditResult`), :mod:`.places`
(replace, remove, add a place), :mod:`.days` (swap, add, drop a day), :mod:`.levels`
(pace, budget) and :mod:`.dispatch` (:func:`apply_edit`, the entry point).
"""

from wayfarer.planner.edits.dispatch import apply_edit

__all__ = ["apply_edit"]
