"""Wayfarer's one exception tree. Adapters translate third-party errors into it where they
happen (``raise StoreUnavailable(...) from exc``); ``api/errors.py`` alone maps it to HTTP.

    WayfarerError
    ├── ConfigError            bad settings: start-up stops with one line
    ├── CatalogError           bundled place data is invalid: start-up stops
    ├── InvalidRequest         422 invalid_request
    │   └── EditRejected       an itinerary edit that cannot be done (reason for the user)
    ├── SessionNotFound        404 session_not_found (unknown or expired)
    ├── ItineraryNotFound      404 itinerary_not_found (nothing planned yet)
    ├── ShareNotFound          404 share_not_found (unknown, revoked or expired share link)
    ├── TurnInProgress         409 turn_in_progress (turn lease not had in time)
    ├── VersionConflict        409 turn_in_progress (a save lost its compare-and-set)
    ├── RateLimited            429 rate_limited
    ├── StoreUnavailable       503 store_unavailable
    └── LLMUnavailable         503 llm_unavailable
"""


class WayfarerError(Exception):
    """Base of every error Wayfarer raises on purpose. ``code`` is the API error code."""

    code = "internal_error"
    status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(WayfarerError):
    """A setting is invalid; the message names the variable."""


class CatalogError(WayfarerError):
    """The bundled catalog failed validation; the message names the file and place."""


class InvalidRequest(WayfarerError):
    """The client sent something malformed (empty, too long, wrong shape)."""

    code = "invalid_request"
    status = 422


class EditRejected(InvalidRequest):
    """An itinerary edit cannot be applied; the message is a plain reason for the user."""


class SessionNotFound(WayfarerError):
    """No such session, or it expired (or its id has the wrong shape, or its stored
    document is unreadable: the client is told the same)."""

    code = "session_not_found"
    status = 404

    def __init__(self, message: str = "No such session (it may have expired).") -> None:
        super().__init__(message)


class ItineraryNotFound(WayfarerError):
    """The session has no itinerary yet."""

    code = "itinerary_not_found"
    status = 404


class ShareNotFound(WayfarerError):
    """No such share link: never made, revoked, expired, or its session is gone."""

    code = "share_not_found"
    status = 404


class TurnInProgress(WayfarerError):
    """Another turn holds the session's lease past the bounded wait."""

    code = "turn_in_progress"
    status = 409

    def __init__(
        self, message: str = "Another message on this conversation is still being answered."
    ) -> None:
        super().__init__(message)


class VersionConflict(TurnInProgress):
    """A save's expected version no longer matched: someone else saved first."""

    def __init__(self, message: str = "The session changed since it was read; try again.") -> None:
        super().__init__(message)


class RateLimited(WayfarerError):
    """The client sent too many requests; ``retry_after`` is in whole seconds."""

    code = "rate_limited"
    status = 429

    def __init__(self, message: str, retry_after: int = 60) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StoreUnavailable(WayfarerError):
    """The session store cannot be reached; ``cause`` says why in one word for the logs
    (``pool_exhausted``, ``timeout``, ``refused``, ``auth``, ``connection``, ``error``)."""

    code = "store_unavailable"
    status = 503

    def __init__(self, message: str, cause: str = "error") -> None:
        super().__init__(message)
        self.cause = cause


class LLMUnavailable(WayfarerError):
    """The language model failed or timed out."""

    code = "llm_unavailable"
    status = 503
