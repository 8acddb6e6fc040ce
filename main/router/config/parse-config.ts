// Crossbar config.json (version 2) → RouterPlan. Walks the file by hand where Crossbar dispatches on
// "type" (workers, transports, web paths, auth methods) so unsupported features get a precise
// "not supported" message, and uses zod for the leaf objects. Every object is strict: a misspelt key
// ("principles", "permisions") is an error with its JSON path rather than a silently open door.
//
// Security-relevant features we cannot honour (scram/cookie/tls auth, TLS client certificates) are
// errors: ignoring them would run a router that is less secure than the file says. Features that only
// add functionality (mqtt transports, static web paths, components, other worker types, realm stores)
// are skipped with a warning. File paths (TLS key and certificates, Unix sockets) are relative to the
// config file's folder, as in Crossbar.
//
// This file is the entry point and the top level (version, controller, workers); the parts live in
// ./parse/: router-worker, realm, transport (websocket, rawsocket, serializers), endpoint (incl. TLS),
// auth (ticket, wampcra, cryptosign, secret refs), cross-check.
import { IssueCollector, RouterConfigError } from './config-error';
import { isObject, onlyKeys, type Obj, type ParseOptions } from './parse/common';
import { routerWorker } from './parse/router-worker';
import type { RouterPlan } from './router-plan';

export type { ParseOptions } from './parse/common';
export { DEFAULT_INTERFACE, type EndpointPlan } from './parse/endpoint';

export function parseRouterConfig(input: unknown, source?: string, options: ParseOptions = {}): RouterPlan {
  const issues = new IssueCollector();
  const plan = walk(input, issues, options);
  if (issues.errors.length > 0 || !plan) throw new RouterConfigError(issues.errors, source);
  return { ...plan, warnings: issues.warnings };
}

function walk(input: unknown, issues: IssueCollector, options: ParseOptions): Omit<RouterPlan, 'warnings'> | undefined {
  if (!isObject(input)) {
    issues.error([], 'the config must be a JSON object like {"version": 2, "workers": [...]}');
    return undefined;
  }
  onlyKeys(input, ['version', 'controller', 'workers', '$schema'], [], issues);
  if (input.version !== 2) {
    issues.error(['version'], `must be 2 (Crossbar config format version 2), got ${JSON.stringify(input.version) ?? 'nothing'}`);
  }
  if (input.controller !== undefined && !isObject(input.controller)) issues.error(['controller'], 'must be an object');
  else if (isObject(input.controller) && Object.keys(input.controller).length > 0) {
    issues.warn(['controller'], 'ignored (Authbahn runs the router in its own process)');
  }
  if (!Array.isArray(input.workers)) {
    issues.error(['workers'], 'must be a list of workers with one {"type": "router", ...}');
    return undefined;
  }
  const routers: { worker: Obj; index: number }[] = [];
  input.workers.forEach((worker, index) => {
    if (!isObject(worker)) return issues.error(['workers', index], 'must be an object');
    if (worker.type === 'router') routers.push({ worker, index });
    else issues.warn(['workers', index], `worker type ${JSON.stringify(worker.type)} is not supported and is ignored (only "router" workers run)`);
  });
  if (routers.length === 0) {
    issues.error(['workers'], 'no worker of type "router"');
    return undefined;
  }
  if (routers.length > 1) {
    issues.error(['workers', routers[1]!.index], 'only one router worker is supported; put all realms and transports in one');
    return undefined;
  }
  return routerWorker(routers[0]!.worker, ['workers', routers[0]!.index], issues, options);
}
