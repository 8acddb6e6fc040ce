// A transport's "serializers" list.
import type { SerializerId } from '../../../../shared/wamp/serializers';
import type { IssueCollector, JsonPath } from '../config-error';

const KNOWN_SERIALIZERS: SerializerId[] = ['json', 'msgpack', 'cbor'];

export function parseSerializers(value: unknown, path: JsonPath, issues: IssueCollector): SerializerId[] {
  if (value === undefined) return [...KNOWN_SERIALIZERS];
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) {
    issues.error(path, 'must be a list like ["json", "msgpack", "cbor"]');
    return [];
  }
  const out: SerializerId[] = [];
  (value as string[]).forEach((s, i) => {
    if ((KNOWN_SERIALIZERS as string[]).includes(s)) {
      if (!out.includes(s as SerializerId)) out.push(s as SerializerId);
    } else if (s === 'ubjson' || s === 'flatbuffers') issues.warn([...path, i], `serializer "${s}" is not supported and is skipped`);
    else issues.error([...path, i], `unknown serializer "${s}" (supported: json, msgpack, cbor)`);
  });
  if (out.length === 0 && value.length > 0) issues.error(path, 'none of the serializers is supported (supported: json, msgpack, cbor)');
  if (value.length === 0) issues.error(path, 'must name at least one serializer');
  return out;
}
