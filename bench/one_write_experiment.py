"""An experiment, not part of the gateway: uvicorn's httptools protocol writing a response's
headers and its first body part in one transport write instead of two.

    .venv/bin/python bench/cpu_per_lookup.py --tree two=. \
        --tree one=.,BENCH_APP_FACTORY=one_write_experiment:create_from_env,PYTHONPATH=.:bench

uvloop writes to the socket at once, holding the interpreter lock, so each response costs two
send() calls (and the client two wake-ups). Measured on a shared machine: 0.505 ms of CPU a
lookup against 0.598 (docs/performance.md). Done for real it would be a subclass of
uvicorn's HttpToolsProtocol passed as `--http`, not this patch of its class.
"""
from uvicorn.protocols.http import httptools_impl as h
from gateway.asgi import create_from_env as _create

class _Held:
    __slots__ = ("transport", "held")
    def __init__(self, transport): self.transport, self.held = transport, None
    def write(self, data):
        if self.held is None: self.held = data
        else: self.transport.write(self.held + data); self.held = None
    def __getattr__(self, name): return getattr(self.transport, name)

_send = h.RequestResponseCycle.send
async def send(self, message):
    if message["type"] == "http.response.start" and not self.response_started:
        real = self.transport; proxy = _Held(real); self.transport = proxy
        try: await _send(self, message)
        finally: self.transport = real
        self._held_headers = proxy.held
        return
    held = getattr(self, "_held_headers", None)
    if held is not None and message["type"] == "http.response.body":
        self._held_headers = None
        real = self.transport; proxy = _Held(real); proxy.held = held; self.transport = proxy
        try: await _send(self, message)
        finally:
            self.transport = real
            if proxy.held is not None: real.write(proxy.held)
        return
    await _send(self, message)
h.RequestResponseCycle.send = send

def create_from_env():
    return _create()
