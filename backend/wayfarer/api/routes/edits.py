"""Typed itinerary edits from the page (docs/spec.md §4, "Typed edits").

``POST /api/sessions/{id}/edits`` takes one operation of the domain
:data:`~wayfarer.domain.Edit` union as its body; the route is generic over that union, so an
operation added to it is accepted (and documented in the OpenAPI schema) here without a
change. The edit runs as a turn (:meth:`Orchestrator.edit`): same lease, compare-and-set
and policy as a message, and a short assistant message in the history.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Body

from wayfarer.api.deps import OrchestratorDep, RateLimitDep
from wayfarer.api.routes.messages import TURN_ERRORS, TurnOut, turn_response
from wayfarer.domain import Edit

router = APIRouter(prefix="/api/sessions", tags=["conversation"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    **TURN_ERRORS,
    404: {"description": "unknown or expired session, or no itinerary yet"},
    422: {"description": "unknown operation, place or day, or an edit that cannot be done"},
}


_EXAMPLES: dict[str, Any] = {
    "remove": {"summary": "Remove a stop",
               "value": {"op": "remove", "target": {"name": "Louvre Museum", "day": 2}}},
    "replace": {"summary": "Replace a stop with something similar",
                "value": {"op": "replace", "target": {"name": "Louvre Museum", "day": 2}}},
    "move": {"summary": "Move a stop to another day",
             "value": {"op": "move", "target": {"name": "Louvre Museum", "day": 2},
                       "to_day": 3}},
    "day_pace": {"summary": "One day more relaxed",
                 "value": {"op": "change_pace", "step": "more_relaxed", "day": 1}},
    "undo": {"summary": "Undo the last change", "value": {"op": "undo"}},
}


@router.post("/{session_id}/edits", response_model=TurnOut, responses=_ERRORS)
async def post_edit(
    session_id: str,
    edit: Annotated[Edit, Body(openapi_examples=_EXAMPLES)],
    orchestrator: OrchestratorDep,
    _: RateLimitDep,
) -> Any:
    """Apply one typed edit (``{"op": "remove", "target": {"name": ..., "day": 2}}``, ...)
    and return the short reply recorded in the history with the session after it."""
    return turn_response(await orchestrator.edit(session_id, edit))
