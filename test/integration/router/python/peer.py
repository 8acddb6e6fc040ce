"""Autobahn|Python peer for the router interop test (run with /usr/bin/python3).

usage: peer.py URL REALM SERIALIZER(json|msgpack|cbor, optionally + ".batched") PREFIX
Registers PREFIX.mul and PREFIX.quit, subscribes PREFIX.echo (re-publishing each event to
PREFIX.echoed), calls the JS procedure PREFIX.js_add, and prints one JSON line per milestone.
"""
import asyncio
import json
import sys

from autobahn.asyncio.wamp import ApplicationRunner, ApplicationSession
from autobahn.wamp.serializer import CBORSerializer, JsonSerializer, MsgPackSerializer

URL, REALM, SER, PREFIX = sys.argv[1:5]


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
ApplicationRunner(URL, REALM, serializers=[serializer]).run(Peer)
say(event="done")
