// The suite file of `authbahn test --suite FILE`: a list of connection tests with what each must give,
// in JSON or YAML (Postman/newman-style collections for WAMP). Parsed strictly: an unknown key is an
// error with its path, so a typo never turns a check off. Secrets are references (an environment
// variable, a keychain item, a saved profile) — inline secrets only where the suite says it wants them.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { TESTER_AUTHMETHODS, TESTER_SERIALIZERS } from '../../../shared/api/tester-contract';

export const MAX_SUITE_CASES = 1000;
export const MAX_SUITE_BYTES = 2 * 1024 * 1024;

const uri = z.string().min(1).max(512);

/** Where a case's secret comes from. */
export const secretRefSchema = z.union([
  z.string().min(1).max(4096),
  z.strictObject({ env: z.string().min(1).max(256) }),
  z.strictObject({ keychain: z.string().min(1).max(256) }),
  z.strictObject({ profile: z.string().min(1).max(256) }),
]);
export type SecretRefSpec = z.infer<typeof secretRefSchema>;

const probeSchema = z
  .strictObject({
    call: uri.optional(),
    register: uri.optional(),
    publish: uri.optional(),
    subscribe: uri.optional(),
    expect: z.enum(['allowed', 'denied']),
  })
  .refine((p) => [p.call, p.register, p.publish, p.subscribe].filter((v) => v !== undefined).length === 1, {
    message: 'a probe names exactly one of call, register, publish, subscribe',
  });
export type ProbeSpec = z.infer<typeof probeSchema>;

const expectSchema = z.strictObject({
  outcome: z.enum(['welcome', 'abort', 'no_connection']),
  /** WELCOME's authrole. */
  role: z.string().min(1).max(256).optional(),
  /** WELCOME's authid. */
  authid: z.string().min(1).max(256).optional(),
  /** The ABORT reason URI, or the failure kind without a WAMP answer (e.g. "connection_refused"). */
  reason: z.string().min(1).max(256).optional(),
  /** The diagnosis kind, e.g. "ticket_rejected". */
  diagnosis: z.string().min(1).max(64).optional(),
});
export type ExpectSpec = z.infer<typeof expectSchema>;

const connectionFields = {
  url: z.string().min(1).max(2048).optional(),
  realm: z.string().min(1).max(255).optional(),
  serializer: z.enum(TESTER_SERIALIZERS).optional(),
  authmethod: z.enum(TESTER_AUTHMETHODS).optional(),
  authid: z.string().min(1).max(255).optional(),
  authrole: z.string().min(1).max(255).optional(),
  secret: secretRefSchema.optional(),
  /** 'totp': a stored authenticator account (id or "issuer:label") instead of a secret. */
  totpAccount: z.string().min(1).max(256).optional(),
  /** Per step, in ms. */
  timeout: z.number().int().min(100).max(120_000).optional(),
  cra: z
    .strictObject({
      salt: z.string().min(1).max(256),
      iterations: z.number().int().min(1).max(10_000_000).default(1000),
      keylen: z.number().int().min(1).max(1024).default(32),
    })
    .optional(),
};

const caseSchema = z.strictObject({
  name: z.string().min(1).max(200),
  ...connectionFields,
  probes: z.array(probeSchema).max(80).optional(),
  expect: expectSchema,
});
export type SuiteCase = z.infer<typeof caseSchema>;

const suiteSchema = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    /** Cases run at once; default 4. */
    concurrency: z.number().int().min(1).max(32).optional(),
    /** Inline secret strings are refused unless this is true (or --allow-inline-secrets is given). */
    allowInlineSecrets: z.boolean().optional(),
    /** Merged under every case. */
    defaults: z.strictObject(connectionFields).optional(),
    cases: z.array(caseSchema).min(1).max(MAX_SUITE_CASES),
  })
  .superRefine((suite, ctx) => {
    const seen = new Set<string>();
    suite.cases.forEach((c, i) => {
      if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: ['cases', i, 'name'], message: `duplicate case name "${c.name}"` });
      seen.add(c.name);
    });
  });
export type Suite = z.infer<typeof suiteSchema>;

export class SuiteFileError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length > 0 ? `${message}:\n${problems.map((p) => `  ${p}`).join('\n')}` : message);
    this.name = 'SuiteFileError';
  }
}

/** Parses a suite from JSON or YAML text (by content: JSON if it starts with "{" or "["). */
export function parseSuite(text: string, options: { allowInlineSecrets?: boolean } = {}): Suite {
  if (text.length > MAX_SUITE_BYTES) throw new SuiteFileError(`the suite file is larger than ${MAX_SUITE_BYTES / 1024 / 1024} MiB`);
  let raw: unknown;
  const trimmed = text.trimStart();
  try {
    raw = trimmed.startsWith('{') || trimmed.startsWith('[') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new SuiteFileError(`the suite file is not valid ${trimmed.startsWith('{') ? 'JSON' : 'YAML'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const parsed = suiteSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SuiteFileError(
      'the suite file is not valid',
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}`),
    );
  }
  const suite = parsed.data;
  if (!(suite.allowInlineSecrets || options.allowInlineSecrets)) {
    const inline = suite.cases.flatMap((c, i) => (typeof c.secret === 'string' ? [`cases.${i}.secret`] : []));
    if (typeof suite.defaults?.secret === 'string') inline.unshift('defaults.secret');
    if (inline.length > 0) {
      throw new SuiteFileError(
        'the suite file holds secrets in clear text; use {"env": NAME}, {"keychain": NAME} or {"profile": NAME}, or set "allowInlineSecrets": true',
        inline,
      );
    }
  }
  return suite;
}

/** A case with the suite's defaults under it. */
export function withDefaults(suite: Suite, c: SuiteCase): SuiteCase {
  return { ...(suite.defaults ?? {}), ...c };
}
