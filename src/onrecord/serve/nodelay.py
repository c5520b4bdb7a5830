"""uvicorn's HTTP/1.1 protocol with Nagle's algorithm off on every connection.

With several workers uvicorn makes the listening socket itself, without a protocol number,
and asyncio then leaves TCP_NODELAY unset on the connections it accepts: a response written
as headers then body waits for the client's delayed ACK, about 40 ms on every request of a
kept-alive connection. Setting it on each connection makes one worker and many alike."""
from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


__all__ = ["NoDelayH11Protocol"]
