"""Autobahn|Python peer for the router interop test (run with /usr/bin/python3).

usage: peer.py URL REALM SERIALIZER(json|msgpack|cbor, optionally + ".batched") PREFIX [CAFILE]
URL is ws://, wss://, rs://, rss:// (ApplicationRunner) or unix:/path (RawSocket on a Unix socket);
CAFILE: PEM certificate(s) to trust for wss:// and rss://.
Registers PREFIX.mul and PREFIX.quit, subscribes PREFIX.echo (re-publishing each event to
PREFIX.echoed), calls the JS procedure PREFIX.js_add, and prints one JSON line per milestone.
"""
import asyncio
import json
import ssl
import sys

from autobahn.asyncio.wamp import ApplicationRunner, ApplicationSession
from autobahn.asyncio import rawsocket as _asyncio_rawsocket
from autobahn.wamp.serializer import CBORSerializer, JsonSerializer, MsgPackSerializer

# Autobahn|Python 22.7 (Debian bookworm): the asyncio RawSocket protocol stores _transport_details but
# lacks the transport_details property that ApplicationSession reads on WELCOME (the Twisted one has
# it), so every asyncio RawSocket session dies right after joining. Add the property it forgot.
if not hasattr(_asyncio_rawsocket.PrefixProtocol, "transport_details"):
    _asyncio_rawsocket.PrefixProtocol.transport_details = property(lambda self: self._transport_details)

URL, REALM, SER, PREFIX = sys.argv[1:5]
CAFILE = sys.argv[5] if len(sys.argv) > 5 else None


def say(**kw):
    print(json.dumps(kw), flush=True)


class Peer(ApplicationSession):
    async def onJoin(self, details):
        say(event="joined", session=details.session, authrole=details.authrole)

        def mul(a, b):
            return a * b

        def quit_():
            asyncio.get_event_loop().call_later(0.05, self.leave)
            return "bye"

        def on_echo(*args, **kwargs):
            self.publish(PREFIX + ".echoed", *args, **kwargs)

        await self.register(mul, PREFIX + ".mul")
        await self.register(quit_, PREFIX + ".quit")
        await self.subscribe(on_echo, PREFIX + ".echo")
        result = await self.call(PREFIX + ".js_add", 2 ** 40, 3)
        say(event="ready", add=result)

    def onDisconnect(self):
        asyncio.get_event_loop().stop()


kind, _, batched = SER.partition(".")
serializer = {"json": JsonSerializer, "msgpack": MsgPackSerializer, "cbor": CBORSerializer}[kind](batched=batched == "batched")
if URL.startswith("unix:"):
    # ApplicationRunner dials TCP only; a Unix socket takes the RawSocket factory directly.
    from autobahn.asyncio.rawsocket import WampRawSocketClientFactory
    from autobahn.wamp.types import ComponentConfig

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    factory = WampRawSocketClientFactory(lambda: Peer(ComponentConfig(REALM)), serializer=serializer)
    loop.run_until_complete(loop.create_unix_connection(factory, URL[len("unix:"):]))
    loop.run_forever()
else:
    context = ssl.create_default_context(cafile=CAFILE) if CAFILE else None
    ApplicationRunner(URL, REALM, serializers=[serializer], ssl=context).run(Peer)
say(event="done")
