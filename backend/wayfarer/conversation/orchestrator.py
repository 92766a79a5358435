"""The orchestrator: one conversation turn end to end, on the four protocols only.

A turn takes the session's turn lease, loads the state, asks the Interpreter what the
message means, lets :func:`~wayfarer.conversation.policy.advance` decide (planning through
the Planner), asks the Narrator for the reply (streaming its chunks to ``on_chunk``),
appends both messages, saves with the loaded version as the compare-and-set fence, and
releases the lease. Turns on one session are therefore serialized, and a retried message
with the same ``client_message_id`` returns the recorded reply without being applied twice.
An export asked for in the chat is narrated with the link ``export_link`` builds (the API
passes its own route; without one the reply names the format only).
"""

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from wayfarer.config import Settings
from wayfarer.conversation.model_cities import ModelCities
from wayfarer.conversation.policy import PolicyContext, advance
from wayfarer.domain import (
    Edit,
    ExportFormat,
    Interpretation,
    Message,
    SessionState,
    TurnRecord,
    utcnow,
)
from wayfarer.errors import EditRejected, InvalidRequest, ItineraryNotFound
from wayfarer.language import Interpreter, Narrator
from wayfarer.language.budget import turn_budget
from wayfarer.language.events import (
    Confirm,
    Edited,
    EditFailed,
    ExportReady,
    Greeting,
    NarrationEvent,
    Unchanged,
    Undone,
)
from wayfarer.language.usage import turn_usage
from wayfarer.observability import Metrics, current_request_id
from wayfarer.planner import Export, Planner
from wayfarer.planner.details import StopDetails
from wayfarer.sessions import TurnStore
from wayfarer.sessions.ids import new_session_id

log = logging.getLogger("wayfarer.conversation")

RECENT_TURNS = 20
MAX_CLIENT_MESSAGE_ID = 128

ChunkSink = Callable[[str], None]
#: The server's download link for a session's export in a format (given by the API).
ExportLink = Callable[[str, ExportFormat], str]


@dataclass(frozen=True)
class _Timings:
    """Seconds a turn spent reading the message and deciding and planning."""

    interpret: float
    plan: float


@dataclass(frozen=True)
class TurnResult:
    """The assistant's reply and the session as saved after the turn."""

    reply: Message
    state: SessionState


def _ignore(_: str) -> None:
    return None


def _click_reply(event: NarrationEvent) -> str | None:
    """The short history line for a click edit (what changed, plus the planner's notes),
    or None for an outcome without one, which the narrator then phrases. "Drop a day"
    without a number when every day was shaped by the traveller asks first, and says why:
    the answer is typed in the chat (yes / no), as for the same typed request."""
    if isinstance(event, Edited):
        return " ".join([event.summary.description, *event.notes]).strip()
    if isinstance(event, Undone):
        return "Went back to the plan as it was before the last change."
    if isinstance(event, Confirm) and event.about == "drop_day":
        return (f"Every day has something you chose (a kept place or its own pace), so I "
                f"haven't dropped one yet. Drop day {event.subject} anyway? Answer yes or no "
                "in the chat.")
    return None


class Orchestrator:
    """Runs conversations; holds no per-session state of its own."""

    def __init__(
        self,
        store: TurnStore,
        interpreter: Interpreter,
        narrator: Narrator,
        planner: Planner,
        settings: Settings,
        metrics: Metrics,
        model_cities: ModelCities | None = None,
        export_link: ExportLink | None = None,
    ) -> None:
        self._store = store
        self._export_link = export_link
        self._model_cities = model_cities
        self._interpreter = interpreter
        self._narrator = narrator
        self._planner = planner
        self._settings = settings
        self._metrics = metrics
        self._policy = PolicyContext(planner, settings.max_clarifying_questions)
        self._running: set[asyncio.Task[TurnResult]] = set()

    async def start(self) -> SessionState:
        """Create a session whose history holds the greeting."""
        session_id = new_session_id()
        greeting = await self._narrator.narrate(Greeting(session_id=session_id, turn=0))
        state = SessionState(
            session_id=session_id,
            history=[Message(role="assistant", content=greeting)],
        )
        return await self._store.create(state)

    def validate(self, content: str, client_message_id: str | None) -> str:
        """The message as it will be processed; raises InvalidRequest when unusable."""
        text = content.strip()
        if not text:
            raise InvalidRequest("The message is empty.")
        if len(content) > self._settings.max_message_chars:
            raise InvalidRequest(
                f"The message is longer than {self._settings.max_message_chars} characters."
            )
        if client_message_id is not None and not (
            0 < len(client_message_id) <= MAX_CLIENT_MESSAGE_ID
        ):
            raise InvalidRequest(
                f"client_message_id must be 1 to {MAX_CLIENT_MESSAGE_ID} characters."
            )
        return text

    async def turn(
        self,
        session_id: str,
        content: str,
        client_message_id: str | None = None,
        on_chunk: ChunkSink = _ignore,
    ) -> TurnResult:
        """Process one user message; see the module docstring for the guarantees.

        Raises SessionNotFound, InvalidRequest, TurnInProgress (lease not had in time, or a
        concurrent save won), StoreUnavailable, LLMUnavailable.
        """
        text = self.validate(content, client_message_id)
        async with self._store.turn_lock(session_id):
            state = await self._store.get(session_id)
            replay = self._replay(state, client_message_id)
            if replay is not None:
                on_chunk(replay.content)
                return TurnResult(replay, state)
            with (
                turn_budget(self._settings.turn_budget_seconds),  # model calls share it
                turn_usage(session_id),  # and are totalled in one log line
            ):
                started = time.perf_counter()
                interpretation = await self._interpreter.interpret(text, state)
                if self._model_cities is not None:  # any other city, with a model
                    await self._model_cities.restore(state)
                    interpretation = await self._model_cities.admit(interpretation)
                interpreted = time.perf_counter()
                version = state.version
                step = advance(state, interpretation, self._policy, owned=True)
                took = _Timings(interpreted - started, time.perf_counter() - interpreted)
                self._metrics.interpret_latency.observe(took.interpret)
                self._metrics.plan_latency.observe(took.plan)
                self._metrics.turns.labels(interpretation.intent).inc()
                reply_text = await self._narrate(self._linked(step.event), on_chunk)
            new_state = self._record(step.state, text, reply_text, client_message_id)
            saved = await self._store.save(new_state, expected_version=version)
            self._log_turn(saved, interpretation, step.event, took)
            return TurnResult(saved.history[-1], saved)

    async def edit(self, session_id: str, edit: Edit) -> TurnResult:
        """Apply one typed edit (a click on the page) as a turn of its own.

        It runs exactly like :meth:`turn`, under the same lease and compare-and-set and
        through the same policy function (as an ``edit`` interpretation), so every rule a
        typed message obeys applies to clicks too. What changed is appended as one short
        assistant message (no user message: nothing was typed; edits and undo need no
        narration, so those clicks never wait on a language model; any other outcome a
        future operation leads to is phrased by the narrator). Raises
        ItineraryNotFound before a plan, InvalidRequest (EditRejected) when the edit cannot
        be done or there is nothing to undo, and the errors of :meth:`turn`.
        """
        async with self._store.turn_lock(session_id):
            state = await self._store.get(session_id)
            if state.itinerary is None or state.stage != "planned":
                raise ItineraryNotFound("There is no itinerary to change yet.")
            await self._restore_city(state)
            version = state.version
            step = advance(state, Interpretation(intent="edit", edits=[edit]), self._policy,
                           clicked=True, owned=True)
            if isinstance(step.event, EditFailed | Unchanged):  # Unchanged: a refused leg change
                raise EditRejected(step.event.reason)
            if isinstance(step.event, Undone) and step.event.itinerary is None:
                raise EditRejected("There is no earlier version of the plan to go back to.")
            self._metrics.turns.labels("click_edit").inc()
            reply = _click_reply(step.event) or await self._narrate(step.event, _ignore)
            new_state = self._record(step.state, None, reply, None)
            saved = await self._store.save(new_state, expected_version=version)
            log.info("edit", extra={"session_id": saved.session_id, "op": edit.op})
            return TurnResult(saved.history[-1], saved)

    def start_turn(
        self,
        session_id: str,
        content: str,
        client_message_id: str | None = None,
        on_chunk: ChunkSink = _ignore,
    ) -> "asyncio.Task[TurnResult]":
        """:meth:`turn` as a task that runs to the end even if its caller goes away (a
        streaming client that disconnects): the orchestrator keeps it alive until done."""
        task = asyncio.create_task(
            self.turn(session_id, content, client_message_id, on_chunk), name=session_id
        )
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return task

    async def drain(self, grace_seconds: float) -> None:
        """Shut-down: give running :meth:`start_turn` turns up to ``grace_seconds`` to
        finish (and save), cancel the rest (their leases are released on the way out), and
        log which sessions' turns were finished and which abandoned."""
        running = set(self._running)
        if not running:
            return
        done, pending = await asyncio.wait(running, timeout=grace_seconds)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=1)
        log.info("shutdown: running turns drained", extra={
            "finished": sorted(task.get_name() for task in done),
            "abandoned": sorted(task.get_name() for task in pending),
        })

    async def export(self, session_id: str, fmt: ExportFormat) -> Export:
        """The session's itinerary as a file; ItineraryNotFound while there is none."""
        state = await self._store.get(session_id)
        if state.itinerary is None:
            raise ItineraryNotFound("There is no itinerary yet: tell me where you'd like to go.")
        await self._restore_city(state)
        return self._planner.export(state.itinerary, state.preferences, fmt)

    async def stop_details(self, session_id: str) -> list[StopDetails]:
        """Per-stop details of the session's itinerary; ItineraryNotFound before a plan."""
        state = await self._store.get(session_id)
        if state.itinerary is None:
            raise ItineraryNotFound("There is no itinerary yet: tell me where you'd like to go.")
        await self._restore_city(state)
        return self._planner.details(state.itinerary, state.preferences)

    async def _restore_city(self, state: SessionState) -> None:
        """Bring the session's model-proposed city into this process (from the cache)."""
        if self._model_cities is not None:
            await self._model_cities.restore(state)

    def _linked(self, event: NarrationEvent) -> NarrationEvent:
        """An export event with the server's download link (the policy knows no URLs)."""
        if isinstance(event, ExportReady) and self._export_link is not None:
            return event.model_copy(update={
                "url": self._export_link(event.session_id, event.format)})
        return event

    async def _narrate(self, event: NarrationEvent, on_chunk: ChunkSink) -> str:
        parts: list[str] = []
        async for chunk in self._narrator.stream(event):
            parts.append(chunk)
            on_chunk(chunk)
        return "".join(parts)

    @staticmethod
    def _replay(state: SessionState, client_message_id: str | None) -> Message | None:
        if client_message_id is None:
            return None
        for record in state.recent_turns:
            if record.client_message_id == client_message_id:
                return record.reply
        return None

    def _record(
        self,
        state: SessionState,
        text: str | None,
        reply_text: str,
        client_message_id: str | None,
    ) -> SessionState:
        """Append the user's message (None for a click) and the reply to the history."""
        now = utcnow()
        reply = Message(role="assistant", content=reply_text, created_at=now)
        said = [] if text is None else [Message(role="user", content=text, created_at=now)]
        history = [*state.history, *said, reply]
        state.history = history[-self._settings.history_limit :]
        if client_message_id is not None:
            state.recent_turns.append(TurnRecord(client_message_id=client_message_id, reply=reply))
            del state.recent_turns[:-RECENT_TURNS]
        return state

    @staticmethod
    def _log_turn(
        state: SessionState, interp: Interpretation, event: NarrationEvent, took: _Timings
    ) -> None:
        """The turn's one log line: what was read and done, and how long reading and
        planning took apart (reading is the model's time in LLM mode)."""
        log.info(
            "turn",
            extra={
                "session_id": state.session_id,
                "request_id": current_request_id(),
                "intent": interp.intent,
                "outcome": event.kind,
                "stage": state.stage,
                "questions": state.clarifying_questions_count,
                "interpret_ms": round(took.interpret * 1000, 1),
                "plan_ms": round(took.plan * 1000, 1),
            },
        )
