"""Interests (SPEC §3 vocabulary) from everyday words, with negation ("no museums").

A negation cue ("no", "not into", "skip", "without", "hate"...) rules out every interest
that follows it in the same clause, through "and"/"or" lists, until "but", a full stop,
a comma followed by something that is not an interest, or a positive verb ("love").
"nightlife no" and "the kids are staying home" rule out what they follow.
"surprise me" / "anything" / "top sights" mean "any interests" (see :func:`read_any`).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from wayfarer.domain import Interest
from wayfarer.language.offline.lexicon import PhraseTable, phrase_regex
from wayfarer.language.offline.text import Text
from wayfarer.language.offline.travellers import STAYING_BEHIND
from wayfarer.language.offline.words import COMMON_WORDS

_SYNONYMS: dict[Interest, tuple[str, ...]] = {
    "art": (
        "arte", "kunst", "galerias", "galeries", "galerien", "pinturas", "peintures",
        "art", "arts", "artsy", "artistic", "gallery", "galleries", "art galleries",
        "street art", "murals", "mural", "graffiti", "paintings", "painting", "modern art",
        "contemporary art", "fine art", "sculpture", "sculptures", "design", "artists",
        "art museums",
    ),
    "architecture": (
        "arquitectura", "architektur", "architettura",
        "architecture", "architectural", "buildings", "skyscrapers", "gaudi", "modernisme",
        "modernist", "art nouveau", "art deco", "bauhaus", "facades", "cool buildings",
        "bridges",
    ),
    "beaches": (
        "beach", "beaches", "seaside", "coast", "coastal", "sand", "swimming", "swim",
        "surfing", "surf", "sunbathing", "by the sea", "the sea", "ocean", "beach time",
        "beach days", "beach day", "snorkelling", "snorkeling", "playa", "playas", "plage",
        "plages", "strand", "spiaggia",
    ),
    "culture": (
        "cultura", "kultur", "iglesias", "eglises", "kirchen", "templos", "mezquitas",
        "musica", "musique", "musik", "music",
        "culture", "cultural", "temples", "temple", "shrines", "shrine", "mosques", "mosque",
        "churches", "church", "cathedrals", "cathedral", "tea ceremony", "tea ceremonies",
        "traditions", "traditional", "local culture", "local life", "heritage", "theatre",
        "theater", "theatres", "theaters", "broadway", "opera", "ballet", "shows", "a show",
        "flamenco", "fado", "religious sites", "spiritual", "synagogues", "monasteries",
        "monastery", "festivals", "cultural sites", "geisha", "bollywood", "tango",
        "local customs", "customs", "religion", "performances", "concerts", "classical music",
    ),
    "family": (
        "family", "family friendly", "kid friendly", "kids", "children", "child", "toddler",
        "toddlers", "the little ones", "little ones", "zoo", "zoos", "aquarium", "aquariums",
        "theme park", "theme parks", "amusement park", "playgrounds", "family fun",
    ),
    "food": (
        "comida", "gastronomia", "gastronomie", "essen", "nourriture", "cibo", "asado",
        "vino", "vinos", "vin", "vins", "wein", "pasteles",
        "kaffee", "kuchen", "cake", "cakes", "kebab",
        "food", "foodie", "foodies", "eating", "eat", "cuisine", "local cuisine", "street food",
        "tacos", "cafes", "cafe", "coffee", "wine", "wine tasting", "wineries", "restaurants",
        "restaurant", "dining", "gastronomy", "culinary", "tapas", "sushi", "ramen",
        "pastries", "pastry", "brunch", "local food", "good food", "dim sum", "pizza", "pasta",
        "gelato", "cooking", "cooking class", "food tours", "food tour", "eats", "noodles",
        "dumplings", "bbq", "barbecue", "seafood", "chocolate", "cheese", "bakeries",
        "bakery", "food markets", "food market", "foodie spots", "local dishes", "curry",
        "kebabs", "meze", "mezze", "pintxos", "steak", "steakhouses", "cocktail bars and food",
        "tea", "tea houses", "teahouses", "hawker centres", "hawker centers", "hawker food",
        "korean bbq", "izakaya", "markets for food", "delicious food", "taste", "tasting",
        "dinners", "romantic dinners", "nice dinners", "fine dining", "lunches",
        "coffee houses", "coffee shops", "food courts",
    ),
    "history": (
        "historia", "histoire", "geschichte", "storia",
        "castillos", "chateaux", "chateau", "schlosser", "schloesser", "schloss", "burgen",
        "palacios", "palais", "ruinas", "ruines", "ruinen", "monumentos",
        "history", "historic", "historical", "ruins", "castles", "castle", "forts", "fort",
        "fortress", "fortresses", "palaces", "palace", "monuments", "monument", "ancient",
        "old town", "old city", "medieval", "roman", "romans", "archaeology",
        "archaeological", "pyramids", "pyramid", "ww2", "wwii", "world war", "war history",
        "historic sites", "historical sites", "landmarks", "landmark", "the past",
        "colonial", "emperors", "imperial", "royal", "tombs", "forum", "colosseum",
    ),
    "museums": (
        "museos", "musees", "museen", "musei",
        "museo", "musee",
        "museums", "museum", "exhibitions", "exhibition", "exhibits", "museum hopping",
        "science museum", "natural history",
    ),
    "nature": (
        "naturaleza", "natur", "parques", "parcs", "jardines", "jardins", "montanas",
        "montagnes", "berge",
        "nature", "parks", "park", "gardens", "garden", "hiking", "hike", "hikes", "outdoors",
        "outdoor", "outdoorsy", "the outdoors", "trails", "walks in nature", "mountains",
        "mountain", "wildlife", "greenery", "green spaces", "green space", "botanical",
        "botanical gardens", "lakes", "lake", "forest", "forests", "waterfalls", "nature walks",
        "fresh air", "bamboo", "cherry blossoms", "birdwatching", "cycling", "biking",
        "bike rides", "kayaking", "rivers", "river", "islands",
    ),
    "nightlife": (
        "vida nocturna", "vie nocturne", "nachtleben", "fiesta", "fiestas", "biergarten",
        "beer gardens", "beer garden", "brewery", "breweries", "taproom", "taprooms",
        "wine bars", "wine bar", "beer halls", "beer hall",
        "nightlife", "night life", "bars", "bar", "clubs", "club", "clubbing", "live music",
        "partying", "party", "parties", "pubs", "pub", "pub crawl", "cocktails", "cocktail",
        "cocktail bars", "jazz", "jazz bars", "drinks", "drinking", "nights out", "night out",
        "dancing", "dance", "going out", "rooftop bars", "beer", "beers", "craft beer",
        "speakeasies", "speakeasy", "karaoke", "late nights", "night markets", "nightclubs",
        "gigs", "bares", "kneipen", "boites",
    ),
    "shopping": (
        "compras", "einkaufen", "shoppen", "mercados", "mercado", "marches", "marche",
        "markte", "maerkte", "tiendas",
        "shopping", "shops", "shop", "markets", "market", "souks", "souk", "bazaars", "bazaar",
        "boutiques", "boutique", "malls", "mall", "fashion", "vintage", "vintage shops",
        "flea markets", "flea market", "antiques", "souvenirs", "crafts", "handicrafts",
        "designer stores", "department stores", "thrifting", "thrift stores", "retail",
    ),
    "viewpoints": (
        "miradores", "mirador", "aussicht", "aussichten", "vues",
        "views", "view", "viewpoints", "viewpoint", "rooftops", "rooftop", "sunsets", "sunset",
        "sunrise", "skyline", "skylines", "panoramas", "panorama", "panoramic", "lookouts",
        "lookout", "miradouros", "miradouro", "observation decks", "observation deck",
        "scenic", "scenery", "vistas", "vista", "city views", "photo spots", "photography",
        "instagrammable", "great views", "the view", "towers",
    ),
}

SYNONYMS: dict[str, list[Interest]] = {}
for _interest, _words in _SYNONYMS.items():
    for _word in (*_words, _interest):
        SYNONYMS.setdefault(_word, []).append(_interest)
# Two-interest phrases.
SYNONYMS["food markets"] = ["food", "shopping"]
SYNONYMS["night markets"] = ["shopping", "food"]
SYNONYMS["rooftop bars"] = ["nightlife", "viewpoints"]
SYNONYMS["art museums"] = ["art", "museums"]
SYNONYMS["coastal walks"] = SYNONYMS["coastal walk"] = ["beaches", "nature"]
SYNONYMS["cocktail bars and food"] = ["nightlife", "food"]

INTEREST_TABLE: PhraseTable[list[Interest]] = PhraseTable(SYNONYMS)

_NEGATION = re.compile(
    phrase_regex(
        (
            "no", "not", "nor", "without", "skip", "skipping", "avoid", "avoiding", "except",
            "hate", "hates", "dislike", "dislikes", "can't stand", "cant stand", "don't like",
            "dont like", "do not like", "don't love", "don't care for", "don't care about",
            "not into", "not big on", "not a fan of", "not a big fan of", "not a huge fan of",
            "not big fans of", "not huge fans of", "not fans of", "not interested in",
            "not much of a", "no more", "less", "fewer", "none of", "nothing", "minus",
            "rather not", "not really into", "don't want", "dont want", "do not want",
            "not keen on", "bored of", "bored by", "sick of", "tired of", "allergic to",
            "pass on", "leave out", "hate the idea of", "drop", "remove", "take out",
            "cut out", "no longer", "anything but", "anything except", "everything but",
            "everything except", "apart from", "other than",
        )
    )
)
_POSTFIX_NO = re.compile(
    r"^\s*[-:]?\s*(?:no|nope|not really|not for (?:us|me)|no thanks|no thank you)\s*"
    r"(?:$|[.,!;]|\band\b|\bbut\b)"
)
_BREAK = re.compile(
    r"\bbut\b|\bhowever\b|\bthough\b|[.!?;\n]|\b(?:love|loves|like|likes|enjoy|adore)\b"
)
_ANY_ALWAYS = re.compile(
    phrase_regex(
        (
            "surprise me", "surprise us", "anything goes", "dealer's choice",
            "no particular interests", "a bit of everything", "bit of everything",
            "a little of everything", "a mix of everything", "mix of everything",
            "the highlights", "top sights", "the top sights", "main sights", "the main sights",
            "must sees", "must see", "the must sees", "the classics", "classic sights",
            "main attractions", "top attractions", "the best bits", "the essentials",
            "the famous stuff", "famous sights", "touristy stuff", "the touristy stuff",
            "sightseeing", "all the sights", "the usual sights", "nothing in particular",
            "no specific interests", "all the highlights", "best of",
        )
    )
)
# Only an answer when we just asked about interests ("anything", "not sure").
_ANY_ANSWER = re.compile(
    phrase_regex(
        (
            "anything", "whatever", "whatever you think", "you pick", "you choose",
            "you decide", "up to you", "no preference", "no preferences", "not sure",
            "don't know", "dont know", "dunno", "no idea", "don't mind", "dont mind",
            "everything", "all of it", "all of the above", "a mix", "mix", "general",
            "highlights", "the usual", "nothing specific", "the sights", "idk", "any",
            "all", "both", "doesn't matter", "does not matter", "no", "nope", "nothing",
            "not really", "none", "nah", "i don't mind", "open", "open to anything",
        )
    )
)


@dataclass
class InterestFacts:
    """Interests added and ruled out by a message (each list without repeats)."""

    add: list[Interest] = field(default_factory=list)
    remove: list[Interest] = field(default_factory=list)


#: Words that may stand between a negation and the interests it rules out ("no big
#: museums or galleries"); any other word means the negation bound to its own phrase
#: ("not too expensive, beaches", "less than 50 euros a day, history").
_NEGATION_FILLERS = frozenset({
    "and", "or", "nor", "the", "a", "an", "any", "too", "many", "much", "big", "huge", "really",
    "very", "of", "on", "for", "with", "so", "all", "kind", "kinds", "type", "types", "sort",
    "sorts", "stuff", "things", "places", "please", "at", "in", "to", "like", "those", "these",
    "more",
})


def _negated(
    text: Text, position: int, scope_start: int, spans: list[tuple[int, int]]
) -> bool:
    """True when the text between ``scope_start`` (end of the last wanted interest) and
    ``position`` holds a negation still in force: nothing but fillers and other
    interests (``spans``) stands between it and this interest."""
    window = text.folded[scope_start:position]
    negations = list(_NEGATION.finditer(window))
    if not negations:
        return False
    start = scope_start + negations[-1].end()
    after = text.folded[start:position]
    if _BREAK.search(after) or "," in after:  # a comma ends the negated phrase
        return False
    chars = list(after)
    for s, e in spans:
        for k in range(max(s, start), min(e, position)):
            chars[k - start] = " "
    words = re.findall(r"[a-z0-9']+", "".join(chars))
    return all(word in _NEGATION_FILLERS for word in words)


def read_interests(text: Text) -> InterestFacts:
    """Interests mentioned, split into wanted and ruled out ("nightlife no" too); claims
    them."""
    facts = InterestFacts()
    matches = INTEREST_TABLE.take_all(text)
    spans = [(match.start(), match.end()) for _, match in matches]
    scope_start = 0
    for interests, match in matches:
        rest = text.folded[match.end() :]
        postfix = _POSTFIX_NO.match(rest) is not None or STAYING_BEHIND.match(rest) is not None
        if postfix or _negated(text, match.start(), scope_start, spans):
            target, other = facts.remove, facts.add
        else:
            target, other = facts.add, facts.remove
            scope_start = match.end()
        for interest in interests:
            if interest not in target:
                target.append(interest)
            if interest in other:
                other.remove(interest)
    return facts


def read_any(text: Text, asked: bool) -> bool:
    """True when the message leaves the interests to us ("surprise me", "top sights");
    vaguer answers ("anything", "not sure") count only when we just ``asked``."""
    if text.take(_ANY_ALWAYS) is not None:
        return True
    return asked and text.take(_ANY_ANSWER) is not None


#: Single-word synonyms a misspelling may be read as ("musuems", "histroy", "shoping").
_FUZZY_TARGETS = sorted(w for w in SYNONYMS if " " not in w and len(w) >= 5)
#: Real words one edit away from a synonym that must keep their own meaning.
_NOT_TYPOS = frozenset({"trains", "train", "power", "places", "prices", "nights", "sights"})


def _misspelt(word: str, stop: frozenset[str]) -> str | None:
    """The synonym ``word`` misspells: one edit (a transposition counts as one), two from
    ten letters, never on the first letter ("looking" is not "cooking"); a five-letter
    word only when it drops one letter of a six-letter synonym ("coffe") or swaps two
    letters of a five-letter one ("veiws"). None for known words."""
    if len(word) < 5 or word in stop or word.isdigit():
        return None
    allowed = 1 if len(word) < 10 else 2
    found = process.extractOne(word, _FUZZY_TARGETS, scorer=OSA.distance, score_cutoff=allowed)
    if found is None:
        return None
    target = str(found[0])
    swapped = len(target) == 5 and sorted(target) == sorted(word)
    if target[0] != word[0] or (len(word) == 5 and len(target) != 6 and not swapped):
        return None
    return target


@lru_cache(maxsize=8)
def _never_typos(known: frozenset[str]) -> frozenset[str]:
    """Words never read as a misspelt interest, with ``known`` (memoised: callers pass
    the same vocabulary every time)."""
    return COMMON_WORDS | _NOT_TYPOS | known


def read_misspelt_interests(text: Text, known: Iterable[str] = ()) -> InterestFacts:
    """Interests written with a typo, read from the words no other reader claimed (call
    it after the city, pace and budget readers); ``known`` holds other vocabulary that is
    never a typo. A misspelt interest after a negation cue is ruled out, as in
    :func:`read_interests`; each word read is claimed."""
    stop = _never_typos(frozenset(known))
    facts = InterestFacts()
    for token in text.free_tokens():
        target = _misspelt(token.text, stop)
        if target is None:
            continue
        text.claim(token.start, token.end)
        negated = _negated(text, token.start, 0, [])
        bucket = facts.remove if negated else facts.add
        bucket.extend(i for i in SYNONYMS[target] if i not in bucket)
    return facts
