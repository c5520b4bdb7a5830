"""Connections served with several workers send each response at once (TCP_NODELAY)."""
from __future__ import annotations

import socket

import pytest
from uvicorn.config import Config
from uvicorn.server import ServerState

from onrecord.serve.nodelay import NoDelayH11Protocol


class Transport:
    """What the protocol asks of an asyncio transport, over a real accepted socket."""

    def __init__(self, sock: socket.socket):
        self.sock = sock

    def get_extra_info(self, name: str, default=None):
        return {"socket": self.sock, "peername": self.sock.getpeername(),
                "sockname": self.sock.getsockname()}.get(name, default)

    def is_closing(self) -> bool:
        return False


@pytest.fixture
def accepted():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)    # as uvicorn binds for workers: proto 0
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    conn, _ = listener.accept()
    yield conn
    for s in (conn, client, listener):
        s.close()


def test_an_accepted_connection_has_nagle_off(accepted):
    assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0     # as asyncio leaves it
    config = Config(app=lambda scope, receive, send: None)
    config.load()
    protocol = NoDelayH11Protocol(config=config, server_state=ServerState(), app_state={})
    protocol.connection_made(Transport(accepted))
    assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
