// The serializer of a connection test. JSON (the default, and what most tests use) is at hand; the
// MessagePack and CBOR codecs (msgpackr, cbor-x and their native add-on probes) load only when a test
// asks for one, so `authbahn test` reaches its first frame sooner.
import { jsonSerializer, type SerializerId, type WampSerializer } from '../../shared/wamp/json-serializer';

export async function loadSerializer(id: SerializerId): Promise<WampSerializer> {
  if (id === 'json') return jsonSerializer;
  return (await import('../../shared/wamp/serializers')).SERIALIZERS[id];
}
