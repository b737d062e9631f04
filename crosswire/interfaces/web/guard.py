"""What every request goes through before and after its route, as one ASGI middleware.

- Security headers on every response it sends, whatever produced it (a route, an error handler,
  the Host check).
- The read-only rule: a method but GET and HEAD is refused unless the path accepts it.
- HEAD answered wherever GET is: routed as GET, sent without its body.
- Bounded reading requests: a GET or HEAD gets `time_limit` seconds, and stops as soon as its client
  goes. Both set the request's `Cancellation`, which the store lent to the request watches, so that
  its running statement is interrupted (and the route answers 503 for a time-out).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crosswire.config import REQUEST_TIME_LIMIT

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
}
READ_METHODS = frozenset({"GET", "HEAD"})
CANCELLATION = "crosswire.cancellation"  # the scope key of a reading request's Cancellation


def secure(headers: MutableHeaders) -> None:
    """Add the security headers a response does not set itself (the docs page sets its own policy)."""
    for name, value in SECURITY_HEADERS.items():
        headers.setdefault(name, value)


class Cancellation:
    """Why a request's work should stop (its time ran out, its client went), and who to tell."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self._on_cancel: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def requested(self) -> bool:
        return self.reason is not None

    def cancel(self, reason: str) -> None:
        with self._lock:  # a callback removed is never called after `on_cancel`'s remover returns
            if self.reason is None:
                self.reason = reason
                for callback in self._on_cancel:
                    callback()

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` when the request is cancelled; returns what stops that."""
        with self._lock:
            self._on_cancel.append(callback)

        def remove() -> None:
            with self._lock:
                self._on_cancel.remove(callback)

        return remove


def cancellation_of(request: Request) -> Cancellation | None:
    return request.scope.get(CANCELLATION)


class RequestGuard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        accepts_writes: Callable[[str], bool],
        refuse: Callable[[Request], Response],
        time_limit: float = REQUEST_TIME_LIMIT,
    ) -> None:
        self.app, self.accepts_writes, self.refuse, self.time_limit = app, accepts_writes, refuse, time_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        head = scope["method"] == "HEAD"

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                secure(headers)
                headers["Server-Timing"] = f"app;dur={1000 * (time.perf_counter() - started):.2f}"
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        if scope["method"] in READ_METHODS:
            await self._read(scope, receive, send_secured)
        elif self.accepts_writes(scope["path"]):
            await self.app(scope, receive, send_secured)
        else:
            await self.refuse(Request(scope))(scope, receive, send_secured)

    async def _read(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run a GET (or a HEAD as a GET) under its time limit, watching for its client to go."""
        cancellation = Cancellation()
        loop = asyncio.get_running_loop()

        def cancel(reason: str) -> None:  # off the event loop: cancelling a server's statement waits for it
            loop.run_in_executor(None, cancellation.cancel, reason)

        timer = loop.call_later(self.time_limit, cancel, "time")
        listener = _Listener(receive, lambda: cancel("client"))
        try:
            await self.app({**scope, "method": "GET", CANCELLATION: cancellation}, listener.receive, send)
        finally:
            timer.cancel()
            listener.stop()


class _Listener:
    """Reads the client's messages for the whole request, so that its going is noticed while the route
    runs; the route reads them from here (a GET's one empty body, then its disconnect)."""

    def __init__(self, receive: Receive, on_disconnect: Callable[[], None]) -> None:
        self.messages: asyncio.Queue[Message] = asyncio.Queue()
        self.task = asyncio.ensure_future(self._listen(receive, on_disconnect))

    async def _listen(self, receive: Receive, on_disconnect: Callable[[], None]) -> None:
        while True:
            message = await receive()
            await self.messages.put(message)
            if message["type"] == "http.disconnect":
                on_disconnect()
                return

    async def receive(self) -> Message:
        return await self.messages.get()

    def stop(self) -> None:
        self.task.cancel()
