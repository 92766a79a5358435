"""A tiny map tile server on loopback for the map tests: every ``/{z}/{x}/{y}.png`` is the
same small PNG (a real image the browser decodes), and it counts the tiles it served."""

import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _png(size: int = 256, rgb: tuple[int, int, int] = (214, 226, 214)) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b""))


TILE = _png()


@dataclass
class TileServer:
    """Where the tiles are (``template`` is a WAYFARER_MAP_TILES_URL) and how many went out."""

    template: str
    served: list[str] = field(default_factory=list)


@contextmanager
def tile_server() -> Iterator[TileServer]:
    """Serve tiles on a free loopback port until the block ends."""
    record: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            record.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(TILE)))
            self.end_headers()
            self.wfile.write(TILE)

        def log_message(self, *_: object) -> None:
            return None

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        port = httpd.server_address[1]
        yield TileServer(f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png", record)
    finally:
        httpd.shutdown()
        httpd.server_close()
