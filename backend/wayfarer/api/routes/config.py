"""What the page needs to know about this deployment (docs/web.md, docs/spec.md "Page
configuration"): the map tiles, the typed edit operations ``POST /api/sessions/{id}/edits``
accepts, and the vocabulary, defaults and limits the page offers and shows.

Every value is read from the backend's own models and settings (the domain's ``Edit`` union
and vocabularies, the planner's defaults, the settings' message limit, the offline
narrator's example cities), so the page never keeps a copy that could drift: a button for an
operation added later, or a changed ``WAYFARER_MAX_MESSAGE_CHARS``, reaches the page as is.
"""

from typing import get_args

from fastapi import APIRouter
from pydantic import BaseModel

from wayfarer.api.deps import SettingsDep
from wayfarer.config import Settings
from wayfarer.domain import BUDGETS, INTERESTS, PACES, Edit
from wayfarer.domain.preferences import MAX_TRAVELERS, MAX_TRIP_DAYS
from wayfarer.language.offline.narrator import EXAMPLE_CITIES
from wayfarer.planner.request import DEFAULT_BUDGET, DEFAULT_DAYS, DEFAULT_PACE

router = APIRouter(prefix="/api", tags=["page"])


class MapTiles(BaseModel):
    """The map tiles; an empty ``tiles_url`` means none (the page draws its own sketch)."""

    tiles_url: str
    attribution: str


class Vocabulary(BaseModel):
    """The closed vocabularies of SPEC §3, in the domain's order."""

    interests: list[str]
    paces: list[str]
    budgets: list[str]


class Defaults(BaseModel):
    """What the planner assumes for a preference never given (SPEC §5)."""

    days: int
    pace: str
    budget: str


class Limits(BaseModel):
    """The largest values a request may carry: a message's characters (longer is 422), a
    trip's days, a party's travellers."""

    message_chars: int
    trip_days: int
    travelers: int


class PageConfig(BaseModel):
    """``GET /api/config``: everything the page shows that the server decides."""

    map: MapTiles
    edit_ops: list[str]
    vocabulary: Vocabulary
    defaults: Defaults
    limits: Limits
    #: The cities the offline narrator names as examples, in its order (the page offers
    #: those the catalog covers first).
    example_cities: list[str]


def edit_ops() -> list[str]:
    """The ``op`` of every operation in the Edit union, sorted."""
    union = get_args(Edit)[0]
    return sorted(model.model_fields["op"].default for model in get_args(union))


def page_config_for(settings: Settings) -> PageConfig:
    """The page configuration of a deployment with ``settings``, read from the models."""
    return PageConfig(
        map=MapTiles(
            tiles_url=settings.map_tiles_url,
            attribution=settings.map_tiles_attribution if settings.map_tiles_url else "",
        ),
        edit_ops=edit_ops(),
        vocabulary=Vocabulary(
            interests=list(INTERESTS), paces=list(PACES), budgets=list(BUDGETS)),
        defaults=Defaults(days=DEFAULT_DAYS, pace=DEFAULT_PACE, budget=DEFAULT_BUDGET),
        limits=Limits(message_chars=settings.max_message_chars, trip_days=MAX_TRIP_DAYS,
                      travelers=MAX_TRAVELERS),
        example_cities=list(EXAMPLE_CITIES),
    )


@router.get("/config")
async def page_config(settings: SettingsDep) -> PageConfig:
    """The map tiles, accepted edit operations, vocabulary, defaults, limits and example
    cities of this deployment."""
    return page_config_for(settings)
