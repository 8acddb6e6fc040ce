// Validation of a router.json text for the API: the router's own parser (parseRouterConfigText) decides,
// and its path-precise issues are passed through unchanged, so the editor and `authbahn router --config`
// report the same problem at the same JSON path.
import type { RouterConfigSummary, RouterValidation } from '../../shared/api/router-contract';
import { AUTH_METHODS } from '../router/auth/auth-config';
import { RouterConfigError } from '../router/config/config-error';
import { parseRouterConfigText } from '../router/config/load-config';
import type { RouterPlan } from '../router/config/router-plan';

export type CheckedConfig = { validation: RouterValidation; plan: RouterPlan | null };

/** baseDir: the folder of router.json (relative TLS and socket paths start there). */
export function checkConfigText(text: string, baseDir?: string): CheckedConfig {
  let plan: RouterPlan;
  try {
    plan = parseRouterConfigText(text, undefined, baseDir);
  } catch (error) {
    if (error instanceof RouterConfigError) {
      return { plan: null, validation: { valid: false, issues: error.issues, warnings: [], summary: null } };
    }
    throw error;
  }
  return { plan, validation: { valid: true, issues: [], warnings: plan.warnings, summary: summarize(plan) } };
}

export function summarize(plan: RouterPlan): RouterConfigSummary {
  return {
    realms: plan.realms.map((r) => ({ name: r.name, roles: Object.keys(r.roles) })),
    transports: plan.transports.map((t) => ({
      id: t.id,
      host: t.host,
      port: t.port,
      path: t.path ?? '/ws',
      // No auth section: everyone joins anonymously (Crossbar's default).
      authmethods: t.auth === undefined ? ['anonymous'] : AUTH_METHODS.filter((m) => t.auth?.[m] !== undefined),
    })),
  };
}
