"""The page's files and headers, checked without a browser (these never skip).

Guards the security rules of the page: no HTML-parsing sinks in the scripts (all user and
model text goes in as text), nothing inline for the CSP to block, nothing loaded from
another origin, and the headers the API must send with it.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from tests.support import LiveServer

WEB = Path(__file__).resolve().parents[2] / "web"
VENDOR = WEB / "vendor"
SCRIPTS = sorted(p for p in WEB.rglob("*.js") if VENDOR not in p.parents)
HTML_SINKS = re.compile(
    r"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\s*\(|new Function\s*\("
    r"|createContextualFragment|DOMParser"
)
IMPORT = re.compile(r"""^\s*(?:import|export)\b[^'"]*?from\s+["'](\.[^"']+)["']""", re.MULTILINE)


class _Tags(HTMLParser):
    """Collects every start tag and its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _index_tags(page: str = "index.html") -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed((WEB / page).read_text(encoding="utf-8"))
    return parser.tags


def test_the_page_files_exist() -> None:
    for name in ("index.html", "app.js", "styles.css", "favicon.svg"):
        assert (WEB / name).is_file(), name
    assert SCRIPTS


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(WEB)))
def test_scripts_never_parse_strings_as_html(script: Path) -> None:
    source = script.read_text(encoding="utf-8")
    assert not HTML_SINKS.findall(source)


@pytest.mark.parametrize("page", ["index.html", "share.html"])
def test_pages_have_nothing_inline_for_the_csp_to_block(page: str) -> None:
    for tag, attrs in _index_tags(page):
        assert "style" not in attrs, f"<{tag} style=...>"
        assert not [a for a in attrs if a.startswith("on")], f"<{tag}> inline handler"
        if tag == "script":
            assert attrs.get("src"), "inline <script>"
    assert "<style" not in (WEB / page).read_text(encoding="utf-8")


def test_nothing_is_loaded_from_another_origin() -> None:
    for tag, attrs in _index_tags():
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not re.match(r"^(https?:)?//", value), f"<{tag} {name}={value}>"
    for path in [*SCRIPTS, *sorted(WEB.glob("*.css"))]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(url\(|import\s*\(|from\s+)["']?(https?:)?//""", text), path


def test_every_module_import_resolves() -> None:
    for script in SCRIPTS:
        for target in IMPORT.findall(script.read_text(encoding="utf-8")):
            assert (script.parent / target).resolve().is_file(), f"{script.name} -> {target}"


def test_the_page_is_served_with_strict_headers(server: LiveServer) -> None:
    response = httpx.get(f"{server.url}/", timeout=10)
    assert response.status_code == 200
    assert 'id="message"' in response.text
    csp = response.headers["content-security-policy"]
    directives = {
        name: value
        for name, _, value in (part.strip().partition(" ") for part in csp.split(";"))
        if name
    }
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"]


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("/app.js", "javascript"), ("/styles.css", "text/css"), ("/favicon.svg", "image/svg+xml")],
)
def test_assets_are_served_with_their_types(
    server: LiveServer, path: str, media_type: str
) -> None:
    response = httpx.get(f"{server.url}{path}", timeout=10)
    assert response.status_code == 200
    assert media_type in response.headers["content-type"]
