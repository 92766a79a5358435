"""Session endpoints (SPEC §4): create, read (refreshes the sliding TTL), forget.

Routes only translate HTTP; the store raises SessionNotFound (404 ``session_not_found``,
also for an id of the wrong shape) and StoreUnavailable (503 ``store_unavailable``).
"""

from typing import Any

from fastapi import APIRouter, Response, status

from wayfarer.api.deps import CreateLimitDep, OrchestratorDep, ReadLimitDep, StoreDep
from wayfarer.errors import SessionNotFound

router = APIRouter(prefix="/api/sessions", tags=["sessions"])

_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "unknown or expired session"},
    429: {"description": "too many requests from this client"},
    503: {"description": "session store unavailable"},
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={
        429: {"description": "too many new sessions from this client"},
        503: {"description": "session store unavailable"},
    },
)
async def create_session(
    orchestrator: OrchestratorDep, _: CreateLimitDep, response: Response
) -> dict[str, Any]:
    """Start a conversation: a new session whose history holds the greeting."""
    created = await orchestrator.start()
    response.headers["Location"] = f"/api/sessions/{created.session_id}"
    return created.view()


@router.get("/{session_id}", responses=_NOT_FOUND)
async def read_session(session_id: str, store: StoreDep, _: ReadLimitDep) -> dict[str, Any]:
    """The session (SessionView); reading it keeps it alive for another TTL."""
    return (await store.get(session_id)).view()


@router.delete(
    "/{session_id}", status_code=status.HTTP_204_NO_CONTENT, responses=_NOT_FOUND
)
async def delete_session(session_id: str, store: StoreDep, _: ReadLimitDep) -> Response:
    """Forget the session; 404 when it was unknown or already expired."""
    if not await store.delete(session_id):
        raise SessionNotFound()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{session_id}/stops", responses=_NOT_FOUND)
async def read_stop_details(
    session_id: str, orchestrator: OrchestratorDep, _: ReadLimitDep
) -> Any:
    """Per-stop details of the session's itinerary for the page (docs/spec.md, "Stop
    details"); 404 ``itinerary_not_found`` before a plan."""
    return [d.model_dump(mode="json") for d in await orchestrator.stop_details(session_id)]
