"""What the page needs to know about this deployment (docs/web.md): the map tiles, and the
typed edit operations ``POST /api/sessions/{id}/edits`` accepts (read from the domain
``Edit`` union, so a button for an operation added later appears once the server has it)."""

from typing import Any, get_args

from fastapi import APIRouter

from wayfarer.api.deps import SettingsDep
from wayfarer.domain import Edit

router = APIRouter(prefix="/api", tags=["page"])


def edit_ops() -> list[str]:
    """The ``op`` of every operation in the Edit union, sorted."""
    union = get_args(Edit)[0]
    return sorted(model.model_fields["op"].default for model in get_args(union))


@router.get("/config")
async def page_config(settings: SettingsDep) -> dict[str, Any]:
    """``{"map": {"tiles_url", "attribution"}, "edit_ops": [...]}``; an empty ``tiles_url``
    means no tiles (the page draws its own sketch)."""
    return {
        "map": {
            "tiles_url": settings.map_tiles_url,
            "attribution": settings.map_tiles_attribution if settings.map_tiles_url else "",
        },
        "edit_ops": edit_ops(),
    }
