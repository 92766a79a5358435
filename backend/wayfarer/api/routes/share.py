"""Share links (docs/spec.md, "Share links"): make and revoke one for a session, and open
a shared trip read-only by its token, as JSON, as files, and as the page ``/share/{token}``.

A share page for a token that no longer opens a trip is still the share page (so the
traveller reads a plain sentence), served with status 404.
"""

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse

from wayfarer.api.deps import RateLimitDep, ReadLimitDep, SharingDep
from wayfarer.api.routes.messages import FormatQuery, file_response
from wayfarer.errors import ShareNotFound, StoreUnavailable

router = APIRouter(tags=["sharing"])

_OWNER_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "unknown or expired session, or no itinerary yet"},
    409: {"description": "another turn on this session did not finish in time"},
    503: {"description": "session store unavailable"},
}
_SHARED_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "unknown, revoked or expired share link (share_not_found)"},
    503: {"description": "session store unavailable"},
}
_NO_STORE = {"Cache-Control": "no-store"}


@router.post("/api/sessions/{session_id}/share", responses=_OWNER_ERRORS)
async def create_share(session_id: str, sharing: SharingDep, _: RateLimitDep) -> Any:
    """Make (or return the current) read-only link; the SessionView's ``share`` holds its
    token, and the link is ``/share/{token}``."""
    return (await sharing.share(session_id)).view()


@router.delete("/api/sessions/{session_id}/share", responses=_OWNER_ERRORS)
async def revoke_share(session_id: str, sharing: SharingDep, _: ReadLimitDep) -> Any:
    """Turn the link off (no error when there is none); returns the SessionView."""
    return (await sharing.revoke(session_id)).view()


@router.get("/api/shared/{token}", responses=_SHARED_ERRORS)
async def read_shared(
    token: str, sharing: SharingDep, response: Response, _: ReadLimitDep
) -> Any:
    """The shared trip: ``{itinerary, preferences, details, expires_at}`` (nothing else)."""
    response.headers.update(_NO_STORE)
    return await sharing.view(token)


@router.get(
    "/api/shared/{token}/itinerary",
    response_class=Response,
    responses={
        200: {"content": {"application/json": {}, "text/markdown": {}, "text/calendar": {}}},
        **_SHARED_ERRORS,
    },
)
async def export_shared(
    token: str,
    sharing: SharingDep,
    _: ReadLimitDep,
    export_format: FormatQuery = "json",
) -> Response:
    """The shared itinerary as a file, as the owner's export gives it."""
    return file_response(await sharing.export(token, export_format))


@router.get("/share/{token}", response_class=FileResponse, include_in_schema=False)
async def share_page(
    token: str, sharing: SharingDep, request: Request, _: ReadLimitDep
) -> FileResponse:
    """The read-only page (``web/share.html``); 404 with the same page when the link no
    longer opens a trip (503 when the store is down), whose script then says so plainly."""
    web: Path = request.app.state.web_dir
    try:
        await sharing.open(token)
        status = 200
    except (ShareNotFound, StoreUnavailable) as exc:
        status = exc.status
    return FileResponse(web / "share.html", status_code=status, headers=_NO_STORE)
