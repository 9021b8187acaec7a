"""Serve the app on a free loopback port in a background thread, for browser tests and the screenshot script.

    with serve_in_thread(create_app(settings)) as base_url:
        ...  # drive a browser against base_url

Not for production: ``krapte serve`` runs uvicorn in the foreground with its own settings.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["free_port", "serve_in_thread"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_in_thread(app: Any, *, timeout: float = 20.0) -> Iterator[str]:
    """Run ``app`` with uvicorn on loopback until the block ends; yields its base URL (``http://127.0.0.1:port``)."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError("the app did not start on loopback")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
