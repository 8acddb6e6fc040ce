// Sets the port of the first transport in a router.json text, leaving everything else as written.
// The first transport is the one the UI's port field (and `authbahn router --port`) means.
import { AppError } from '../../shared/api/errors';
import { formatConfig } from './default-config';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function withFirstTransportPort(text: string, port: number): string {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'router.json is not valid JSON; fix it in the editor before changing the port');
  }
  const worker = isObject(doc) && Array.isArray(doc.workers) ? doc.workers.find((w) => isObject(w) && w.type === 'router') : undefined;
  const transport = isObject(worker) && Array.isArray(worker.transports) ? worker.transports[0] : undefined;
  if (!isObject(transport)) throw new AppError('INVALID_ARGUMENT', 'the router config has no transport to set the port of');
  const endpoint = isObject(transport.endpoint) ? transport.endpoint : { type: 'tcp' };
  transport.endpoint = { ...endpoint, port };
  return formatConfig(doc);
}
