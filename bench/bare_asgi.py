"""The bare baseline for bench_load: an ASGI app that answers every call with constant JSON.

No framework, no database: what the HTTP server and the load generator alone cost on this
machine, so the shop's figures can be read as a share of it.
"""

from __future__ import annotations

from typing import Any

BODY = b'{"items":[],"next_cursor":null}'


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(BODY)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": BODY})


def main() -> None:
    """`python -m bench.bare_asgi WORKERS [PORT]`: serve `app` as `python -m server serve` does."""
    import socket
    import sys

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", int(sys.argv[2]) if len(sys.argv) > 2 else 0))
    sock.set_inheritable(True)
    print(f"serving the privacy API at http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(
        "bench.bare_asgi:app", workers=workers, log_level="warning", access_log=False, lifespan="on"
    )
    if workers > 1:
        Multiprocess(config, sockets=[sock]).run()
    else:
        uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
