# Autobahn|Python (asyncio) WAMP-Cryptosign logins over WebSocket and RawSocket, plain or TLS, run with
# Debian's /usr/bin/python3 (python3-autobahn, python3-nacl). One process runs a list of logins one
# after another (starting Python and importing Autobahn costs more than a login). argv[1] is a JSON list
# of logins:
#   {url: ws://|wss://|rs://|rss://, realm, serializer: "json"|"msgpack"|"cbor", authid?,
#    key: {"seed": HEX} | {"ssh_file": PATH},       the private key, loaded by Autobahn itself
#    cafile?: PEM to trust (wss://, rss://), tls_max?: "1.2" (cap the TLS version),
#    channel_binding?: "tls-unique", sign_without_binding?: true (ask for the binding, then sign the
#    bare challenge: what a forwarded signature would look like)}
# Each CHALLENGE is answered by Autobahn's own CryptosignKey.sign_challenge() — with the transport's
# tls-unique channel id when the binding is asked for, as autobahn.wamp.auth.AuthCryptoSign does it.
# Prints one JSON list: per login {"joined": true, authid, authrole, authmethod, authprovider, pubkey,
# tls_version?} or {"joined": false, reason, message} or {"joined": false, error}.
import asyncio
import binascii
import json
import ssl
import sys
from urllib.parse import urlparse

from autobahn.asyncio import rawsocket as _asyncio_rawsocket
from autobahn.asyncio.rawsocket import WampRawSocketClientFactory
from autobahn.asyncio.wamp import ApplicationSession
from autobahn.asyncio.websocket import WampWebSocketClientFactory
from autobahn.wamp.cryptosign import CryptosignKey
from autobahn.wamp.serializer import CBORSerializer, JsonSerializer, MsgPackSerializer
from autobahn.wamp.types import ComponentConfig

# Autobahn|Python 22.7 (Debian bookworm): the asyncio RawSocket protocol lacks the transport_details
# property ApplicationSession reads on WELCOME (see test/integration/router/python/peer.py).
if not hasattr(_asyncio_rawsocket.PrefixProtocol, 'transport_details'):
    _asyncio_rawsocket.PrefixProtocol.transport_details = property(lambda self: self._transport_details)


def load_key(spec):
    if 'ssh_file' in spec:
        return CryptosignKey.from_ssh_file(spec['ssh_file'])
    return CryptosignKey.from_bytes(binascii.a2b_hex(spec['seed']))


async def login(args):
    key = load_key(args['key'])
    result = {'pubkey': key.public_key()}
    done = asyncio.get_running_loop().create_future()
    binding = args.get('channel_binding')

    class Client(ApplicationSession):
        def onConnect(self):
            authextra = {'pubkey': key.public_key(), 'channel_binding': binding}
            self.join(self.config.realm, ['cryptosign'], args.get('authid'), authextra=authextra)

        def onChallenge(self, challenge):
            if challenge.method != 'cryptosign':
                raise Exception('unexpected authmethod ' + challenge.method)
            if binding and not args.get('sign_without_binding'):
                channel_id = self._transport.transport_details.channel_id.get(binding)
                return key.sign_challenge(challenge, channel_id=channel_id, channel_id_type=binding)
            return key.sign_challenge(challenge)

        async def onJoin(self, details):
            result.update(joined=True, authid=details.authid, authrole=details.authrole,
                          authmethod=details.authmethod, authprovider=details.authprovider)
            ssl_object = self._transport.transport.get_extra_info('ssl_object')
            if ssl_object is not None:
                result['tls_version'] = ssl_object.version()
            self.leave()

        def onLeave(self, details):
            if 'joined' not in result:
                result.update(joined=False, reason=details.reason, message=details.message)
            self.disconnect()

        def onDisconnect(self):
            if not done.done():
                done.set_result(True)

    serializer = {'msgpack': MsgPackSerializer, 'cbor': CBORSerializer}.get(args.get('serializer'), JsonSerializer)()
    url = urlparse(args['url'])
    context = None
    if url.scheme in ('wss', 'rss'):
        context = ssl.create_default_context(cafile=args.get('cafile'))
        if args.get('tls_max') == '1.2':
            context.maximum_version = ssl.TLSVersion.TLSv1_2
    make = lambda: Client(ComponentConfig(args['realm']))
    if url.scheme in ('ws', 'wss'):
        factory = WampWebSocketClientFactory(make, url=args['url'], serializers=[serializer])
    else:
        factory = WampRawSocketClientFactory(make, serializer=serializer)
    try:
        transport, _ = await asyncio.get_running_loop().create_connection(factory, url.hostname, url.port, ssl=context)
    except Exception as e:
        return {'joined': False, 'error': repr(e)}
    try:
        await asyncio.wait_for(done, 10)
    except asyncio.TimeoutError:
        result.setdefault('joined', False)
        result.setdefault('error', 'timeout')
    finally:
        transport.close()
    return result


async def main():
    return [await login(args) for args in json.loads(sys.argv[1])]


print(json.dumps(asyncio.run(main())), flush=True)
