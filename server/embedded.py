"""Run the shop on a loopback port in a background thread: for the app's demo, tests and bench."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import replace

import uvicorn

from server.app import create_app
from server.context import ServerConfig, ShopContext
from server.processor import RequestProcessor
from server.timeutil import Clock


def listening_socket(host: str) -> socket.socket:
    """A TCP socket for serving: explicitly IPPROTO_TCP, with TCP_NODELAY.

    asyncio sets TCP_NODELAY on accepted connections only when the socket says IPPROTO_TCP (a
    socket made with protocol 0 does not), and Linux hands the listener's TCP_NODELAY on to
    every accepted socket. Without it a response written as headers + body waits ~40 ms for
    the client's delayed ACK (Nagle).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


class RunningShop:
    """A started server; `url` is its base URL, `ctx` its live context."""

    def __init__(
        self,
        config: ServerConfig,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Clock | None = None,
    ) -> None:
        self._socket = listening_socket(host)
        self._socket.bind((host, port))
        bound_port = self._socket.getsockname()[1]
        shown_host = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown_host}:{bound_port}"
        self.ctx = ShopContext(replace(config, public_url=self.url), clock=clock)
        self.app = create_app(self.ctx)
        self._server = uvicorn.Server(
            uvicorn.Config(
                self.app,
                log_level="warning",
                access_log=False,
                lifespan="on",
                # uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise
                proxy_headers=bool(config.trusted_proxies),
                forwarded_allow_ips=list(config.trusted_proxies) or None,
            )
        )
        self.processor: RequestProcessor | None = (
            RequestProcessor(self.ctx) if config.run_processor else None
        )
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            daemon=True,
            name=f"shop-{config.shop.id}",
        )

    def start(self, timeout: float = 20.0) -> RunningShop:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the shop server did not start")
            time.sleep(0.02)
        if self.processor is not None:
            self.processor.start()
        return self

    def stop(self) -> None:
        if self.processor is not None:
            self.processor.stop()
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()
        self.ctx.dispose()
