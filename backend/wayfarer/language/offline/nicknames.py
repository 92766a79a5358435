"""What travellers call a few famous places, in words the catalog's names do not hold and
too short or too far from the name for a fuzzy match ("drop the met", "is the golden
pavilion included?"): each maps to the words of the place's catalog name."""

import re

NICKNAMES = {
    "met": "metropolitan museum of art",
    "v and a": "victoria and albert museum",
    "amnh": "american museum of natural history",
    "nhm": "natural history museum",
    "golden pavilion": "kinkaku ji",
    "silver pavilion": "ginkaku ji",
}
_NICKNAME = re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(k) for k in NICKNAMES)
                       + r")(?![a-z0-9])")


def nickname_in(folded: str) -> str | None:
    """The catalog-name words of the first nickname in ``folded`` (a folded phrase), or
    None."""
    found = _NICKNAME.search(folded)
    return None if found is None else NICKNAMES[found.group()]


def with_names(folded: str) -> str:
    """``folded`` with every nickname replaced by its catalog-name words."""
    return _NICKNAME.sub(lambda m: NICKNAMES[m.group()], folded)
