# Autobahn|Python (asyncio) client for the router-auth integration tests. Run with Debian's
# /usr/bin/python3. argv[1] is a JSON object:
#   {url, realm, authmethods, authid?, secret?, serializer: "json"|"msgpack", call?: URI, callArgs?: []}
# Prints one JSON line: {"joined": true, authid, authrole, authmethod, authprovider[, call|callError]}
# or {"joined": false, "reason": URI, "message": text}.
import asyncio
import json
import sys
from urllib.parse import urlparse

from autobahn.asyncio.wamp import ApplicationSession
from autobahn.asyncio.websocket import WampWebSocketClientFactory
from autobahn.wamp import auth
from autobahn.wamp.exception import ApplicationError
from autobahn.wamp.serializer import JsonSerializer, MsgPackSerializer
from autobahn.wamp.types import ComponentConfig

args = json.loads(sys.argv[1])
result = {}


class Client(ApplicationSession):
    def onConnect(self):
        self.join(self.config.realm, args.get('authmethods'), args.get('authid'))

    def onChallenge(self, challenge):
        secret = args.get('secret', '')
        if challenge.method == 'ticket':
            return secret
        if challenge.method == 'wampcra':
            key = secret
            if 'salt' in challenge.extra:
                key = auth.derive_key(secret, challenge.extra['salt'], challenge.extra.get('iterations', 1000), challenge.extra.get('keylen', 32))
            return auth.compute_wcs(key, challenge.extra['challenge']).decode('ascii')
        raise Exception('unexpected authmethod ' + challenge.method)

    async def onJoin(self, details):
        result.update(joined=True, authid=details.authid, authrole=details.authrole,
                      authmethod=details.authmethod, authprovider=details.authprovider)
        if args.get('call'):
            try:
                result['call'] = await self.call(args['call'], *args.get('callArgs', []))
            except ApplicationError as e:
                result['callError'] = e.error
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
    serializer = MsgPackSerializer() if args.get('serializer') == 'msgpack' else JsonSerializer()
    url = urlparse(args['url'])
    factory = WampWebSocketClientFactory(lambda: Client(ComponentConfig(args['realm'])), url=args['url'], serializers=[serializer])
    transport, _ = await asyncio.get_running_loop().create_connection(factory, url.hostname, url.port)
    try:
        await asyncio.wait_for(done, 15)
    finally:
        transport.close()


asyncio.run(main())
print(json.dumps(result), flush=True)
