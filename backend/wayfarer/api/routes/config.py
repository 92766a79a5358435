"""What the page needs to know about this deployment (docs/web.md): the map tiles."""

from typing import Any

from fastapi import APIRouter

from wayfarer.api.deps import SettingsDep

router = APIRouter(prefix="/api", tags=["page"])


@router.get("/config")
async def page_config(settings: SettingsDep) -> dict[str, Any]:
    """``{"map": {"tiles_url", "attribution"}}``; an empty ``tiles_url`` means no tiles
    (the page draws its own sketch)."""
    return {
        "map": {
            "tiles_url": settings.map_tiles_url,
            "attribution": settings.map_tiles_attribution if settings.map_tiles_url else "",
        }
    }
