"""Helpers for scripted conversations through the real HTTP API."""

from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest


@dataclass
class Chat:
    """One conversation over HTTP; ``say`` posts a message and keeps the latest view."""

    http: httpx.AsyncClient
    session_id: str
    session: dict[str, Any] = field(default_factory=dict)
    reply: str = ""

    async def say(self, text: str, **extra: Any) -> dict[str, Any]:
        response = await self.http.post(
            f"/api/sessions/{self.session_id}/messages", json={"content": text, **extra}
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        self.session, self.reply = body["session"], body["reply"]["content"]
        return body

    @property
    def prefs(self) -> dict[str, Any]:
        return dict(self.session["preferences"])

    @property
    def itinerary(self) -> dict[str, Any] | None:
        return self.session["itinerary"]

    def place_names(self) -> list[str]:
        assert self.itinerary is not None
        return [i["place"]["name"] for d in self.itinerary["days"] for i in d["items"]]


@pytest.fixture
async def chat(client: httpx.AsyncClient) -> Chat:
    """A fresh conversation on the live server."""
    response = await client.post("/api/sessions")
    assert response.status_code == 201, response.text
    body = response.json()
    return Chat(http=client, session_id=body["session_id"], session=body)
