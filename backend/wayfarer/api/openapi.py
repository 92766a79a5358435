"""The published OpenAPI document, made to say exactly what the server accepts and answers.

FastAPI's generated document is adjusted once per app:

- the message ``content`` gets ``minLength`` 1, ``maxLength`` from
  ``WAYFARER_MAX_MESSAGE_CHARS`` and a pattern requiring one non-whitespace character (the
  server strips Python whitespace, so the class lists exactly the characters
  ``str.isspace`` accepts, written so ECMA and Python regexes read it alike);
- every error response (documented codes and a ``default`` for the rest: 405, 408, 413,
  500 ...) is the SPEC's ``{"error": {"code", "message"}}`` shape, replacing FastAPI's
  ``HTTPValidationError`` which the server never sends.
"""

import sys
from typing import Any

from fastapi import FastAPI

from wayfarer.config import Settings

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}
_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_FASTAPI_ONLY = ("HTTPValidationError", "ValidationError")


def _whitespace_class() -> str:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    return "[^" + "".join(f"\\u{ord(c):04x}" for c in spaces) + "]"


NON_BLANK_PATTERN = _whitespace_class()
"""Matches a string with at least one character ``str.strip()`` would keep."""


def _error_content(response: dict[str, Any]) -> None:
    response["content"] = {"application/json": {"schema": _ERROR_REF}}


def adjust(document: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Apply the adjustments in the module docstring to ``document`` (in place)."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in _FASTAPI_ONLY:
        schemas.pop(name, None)
    schemas["Error"] = ERROR_SCHEMA
    content = schemas.get("MessageIn", {}).get("properties", {}).get("content")
    if content is not None:
        content.update(
            minLength=1, maxLength=settings.max_message_chars, pattern=NON_BLANK_PATTERN
        )
    for path in document.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, response in responses.items():
                if not str(status).startswith(("2", "3")):
                    _error_content(response)
            responses.setdefault("default", {"description": "an error in the SPEC's shape"})
            _error_content(responses["default"])
    return document


def install_openapi(app: FastAPI, settings: Settings) -> None:
    """Serve the adjusted document at ``/openapi.json`` (built once, on first request)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = adjust(build(), settings)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
