# Autobahn|Python (asyncio) WAMP-Cryptosign client for the router-auth integration tests, run with
# Debian's /usr/bin/python3 (python3-autobahn, python3-nacl). argv[1] is a JSON object:
#   {url, realm, seed: HEX (32-byte private key), authid?, serializer: "json"|"msgpack"|"cbor",
#    channel_binding?: "tls-unique"}
# The key is Autobahn's own CryptosignKey, and the CHALLENGE is answered by its sign_challenge(): the
# router is checked against Autobahn's signature format, not ours. Prints one JSON line:
# {"joined": true, authid, authrole, authmethod, authprovider, pubkey} or {"joined": false, reason, message}.
import asyncio
import binascii
import json
import sys
from urllib.parse import urlparse

from autobahn.asyncio.wamp import ApplicationSession
from autobahn.asyncio.websocket import WampWebSocketClientFactory
from autobahn.wamp.cryptosign import CryptosignKey
from autobahn.wamp.serializer import CBORSerializer, JsonSerializer, MsgPackSerializer
from autobahn.wamp.types import ComponentConfig

args = json.loads(sys.argv[1])
key = CryptosignKey.from_bytes(binascii.a2b_hex(args['seed']))
result = {'pubkey': key.public_key()}


class Client(ApplicationSession):
    def onConnect(self):
        authextra = {'pubkey': key.public_key(), 'channel_binding': args.get('channel_binding')}
        self.join(self.config.realm, ['cryptosign'], args.get('authid'), authextra=authextra)

    def onChallenge(self, challenge):
        if challenge.method != 'cryptosign':
            raise Exception('unexpected authmethod ' + challenge.method)
        return key.sign_challenge(challenge)

    async def onJoin(self, details):
        result.update(joined=True, authid=details.authid, authrole=details.authrole,
                      authmethod=details.authmethod, authprovider=details.authprovider)
        self.leave()

    def onLeave(self, details):
        if 'joined' not in result:
            result.update(joined=False, reason=details.reason, message=details.message)
        self.disconnect()

    def onDisconnect(self):
        if not done.done():
            done.set_result(True)


async def main():
    global done
    done = asyncio.get_running_loop().create_future()
    serializer = {'msgpack': MsgPackSerializer, 'cbor': CBORSerializer}.get(args.get('serializer'), JsonSerializer)()
    url = urlparse(args['url'])
    factory = WampWebSocketClientFactory(lambda: Client(ComponentConfig(args['realm'])), url=args['url'], serializers=[serializer])
    transport, _ = await asyncio.get_running_loop().create_connection(factory, url.hostname, url.port)
    try:
        await asyncio.wait_for(done, 15)
    finally:
        transport.close()


asyncio.run(main())
print(json.dumps(result), flush=True)
