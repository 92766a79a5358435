"""``wayfarer serve | chat | purge | eval-model``: the service, a terminal conversation, one
purge pass, the model scorecard (run from a repository checkout: it reads the test sets).

Configuration errors print one line naming the variable and exit with status 2.
"""

import argparse
import asyncio
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from wayfarer.config import Settings, load_settings
from wayfarer.domain import Itinerary
from wayfarer.errors import WayfarerError
from wayfarer.observability import Metrics
from wayfarer.sessions.factory import open_store
from wayfarer.wiring import ReferenceData, build_services


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wayfarer", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the HTTP API and the chat page")
    serve.add_argument("--host", help="bind address (default: WAYFARER_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default: WAYFARER_PORT or 8000)")
    commands.add_parser("chat", help="talk to Wayfarer in this terminal")
    commands.add_parser("purge", help="remove expired sessions once and print how many")
    scorecard = commands.add_parser(
        "eval-model", help="score the configured model next to the offline rules")
    scorecard.add_argument("--limit", type=int, help="only the first N cases of each set")
    scorecard.add_argument("--concurrency", type=int, default=4, help="calls in flight")
    scorecard.add_argument("--verbose", action="store_true", help="slot accuracy per slot")
    return parser


def eval_model(
    settings: Settings, limit: int | None, concurrency: int, verbose: bool = False
) -> int:
    """Print the scorecard of ``bench/eval_model.py``; 2 outside a checkout or without a key.
    """
    root = Path.cwd()
    if not (root / "tests" / "language" / "blind2_first.py").is_file():
        print("wayfarer: eval-model runs from the repository root (it reads tests/language)",
              file=sys.stderr)
        return 2
    if settings.openai_api_key is None:
        print("wayfarer: eval-model needs OPENAI_API_KEY (any value for servers that do "
              "not check one)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(root))
    module = importlib.import_module("bench.eval_model")
    print(asyncio.run(module.run(settings, limit, max(1, concurrency), verbose)))
    return 0


async def _preflight(settings: Settings, reference: ReferenceData) -> None:
    """Build and close every service once, so a bad set-up fails before serving (without
    the memory snapshot: that is the served store's to read and write)."""
    checked = settings.model_copy(update={"memory_snapshot_path": None})
    services = await build_services(checked, reference=reference)
    await services.close()


def serve(settings: Settings) -> None:
    """Run uvicorn on the app with ``settings``: ``WAYFARER_WORKERS`` processes (each builds
    its app from the same environment), and on SIGTERM up to ``shutdown_grace_seconds``
    for open requests, then as long again for detached turns (see the app lifespan)."""
    import uvicorn

    from wayfarer.api.app import create_app
    from wayfarer.api.serving import uvicorn_options

    reference = ReferenceData.load()
    asyncio.run(_preflight(settings, reference))
    options = uvicorn_options(settings)
    if settings.workers > 1:  # load_settings refused this for the memory backend
        uvicorn.run(
            "wayfarer.api.app:create_app", factory=True, workers=settings.workers, **options
        )
    else:
        uvicorn.run(create_app(settings, reference=reference), **options)


async def purge(settings: Settings) -> int:
    """One purge pass over the configured store; returns how many sessions it removed.
    Only the store is opened (the same factory the services use): purging needs no
    catalog or language layer."""
    store = await open_store(settings, Metrics())
    try:
        return await store.purge_expired()
    finally:
        await store.close()


def itinerary_table(itinerary: Itinerary) -> str:
    """The itinerary as a plain-text table, one block per day."""
    lines = [f"{itinerary.city}, {itinerary.country}"]
    for day in itinerary.days:
        when = f" ({day.date.isoformat()})" if day.date else ""
        lines.append(f"\nDay {day.day}{when} — {day.theme}")
        for item in day.items:
            label = "meal" if item.kind == "meal" else item.place.category
            lines.append(f"  {item.start}-{item.end}  {item.place.name:<40} {label}")
    if itinerary.assumptions:
        lines.append("\nAssumed: " + "; ".join(itinerary.assumptions))
    return "\n".join(lines)


async def chat(settings: Settings, read: Callable[[str], str] = input) -> None:
    """A terminal conversation on the same orchestrator as the API (``quit`` to leave)."""
    services = await build_services(settings)
    try:
        state = await services.orchestrator.start()
        print(f"wayfarer> {state.history[-1].content}")
        shown = None
        while True:
            try:
                text = await asyncio.to_thread(read, "you> ")
            except EOFError:
                break
            if text.strip().lower() in {"quit", "exit", "bye"}:
                break
            if not text.strip():
                continue
            try:
                result = await services.orchestrator.turn(state.session_id, text)
            except WayfarerError as exc:
                print(f"wayfarer> ({exc.message})")
                continue
            print(f"wayfarer> {result.reply.content}")
            itinerary = result.state.itinerary
            if itinerary is not None and itinerary != shown:
                print(itinerary_table(itinerary))
                shown = itinerary
    finally:
        await services.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wayfarer`` console script."""
    args = _parser().parse_args(argv)
    try:
        overrides = {}
        if getattr(args, "host", None):
            overrides["host"] = args.host
        if getattr(args, "port", None) is not None:
            overrides["port"] = args.port
        settings = load_settings(**overrides)
        if args.command == "serve":
            serve(settings)
        elif args.command == "purge":
            print(f"purged {asyncio.run(purge(settings))} expired sessions")
        elif args.command == "eval-model":
            return eval_model(settings, args.limit, args.concurrency, args.verbose)
        else:
            asyncio.run(chat(settings))
    except WayfarerError as exc:
        print(f"wayfarer: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
