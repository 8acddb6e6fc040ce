// Suite files (parsing, defaults, refusals), the comparison of a result with what a case expects, and
// the JUnit writer's escaping — the parts of `authbahn test --suite` that need no router.
import { describe, expect, it } from 'vitest';
import type { TestResult } from '../../../shared/api/tester-contract';
import { junitXml } from '../../../main/tester/suite/junit';
import { compare, runSuite } from '../../../main/tester/suite/run-suite';
import { parseSuite, SuiteFileError, withDefaults } from '../../../main/tester/suite/suite-file';

const yaml = `
name: demo
defaults:
  url: ws://127.0.0.1:8080/ws
  realm: realm1
cases:
  - name: anon
    expect: { outcome: welcome, role: public }
  - name: joe
    realm: other
    authmethod: ticket
    authid: joe
    secret: { env: JOE }
    probes:
      - call: com.example.add2
        expect: allowed
    expect: { outcome: welcome }
`;

function result(over: Partial<TestResult> = {}): TestResult {
  return {
    id: 'r',
    profileId: null,
    profileName: 'x',
    startedAt: '2026-01-01T00:00:00.000Z',
    outcome: 'welcome',
    reason: 'welcome',
    diagnosis: { kind: 'ok', severity: 'ok', title: 'Connected', explanation: '', hint: '' },
    warnings: [],
    details: {
      url: 'ws://h/ws',
      realm: 'realm1',
      authmethod: 'anonymous',
      authid: null,
      authrole: null,
      serializer: 'json',
      subprotocol: 'wamp.2.json',
      tls: false,
      latency: { connectMs: 1, handshakeMs: 1, totalMs: 2 },
      welcome: { session: 1, authid: 'a', authrole: 'public', authmethod: 'anonymous', authprovider: 'static', authextra: {}, roles: {} },
      abort: null,
      craKey: null,
      attempts: 1,
    },
    trace: [],
    probes: [],
    ...over,
  };
}

describe('parseSuite', () => {
  it('reads YAML and the same suite as JSON alike, and merges defaults under each case', () => {
    const fromYaml = parseSuite(yaml);
    const fromJson = parseSuite(JSON.stringify(fromYaml));
    expect(fromJson).toEqual(fromYaml);
    expect(withDefaults(fromYaml, fromYaml.cases[1]!)).toMatchObject({ url: 'ws://127.0.0.1:8080/ws', realm: 'other', authid: 'joe' });
  });

  const problemsOf = (text: string): string => {
    try {
      parseSuite(text);
    } catch (e) {
      expect(e).toBeInstanceOf(SuiteFileError);
      return (e as SuiteFileError).problems.join('\n');
    }
    throw new Error('expected a SuiteFileError');
  };

  it('names unknown keys and probes that name two actions, with their paths', () => {
    const problems = problemsOf(`cases:
  - name: a
    expcet: { outcome: welcome }
  - name: b
    expect: { outcome: welcome }
    probes: [{ call: x, publish: y, expect: allowed }]
`);
    expect(problems).toMatch(/cases\.0.*expcet/);
    expect(problems).toMatch(/cases\.1\.probes\.0: a probe names exactly one/);
  });

  it('refuses two cases with one name (reports and JUnit tell cases apart by name)', () => {
    expect(problemsOf('cases:\n  - { name: a, expect: { outcome: welcome } }\n  - { name: a, expect: { outcome: abort } }\n')).toMatch(
      /cases\.1\.name: duplicate case name "a"/,
    );
  });

  it('refuses inline secrets unless the suite or the caller allows them', () => {
    const inline = yaml.replace('secret: { env: JOE }', "secret: 'hunter2'");
    expect(() => parseSuite(inline)).toThrow(/secrets in clear text/);
    expect(parseSuite(inline, { allowInlineSecrets: true }).cases[1]!.secret).toBe('hunter2');
    expect(parseSuite(`allowInlineSecrets: true\n${inline}`).cases[1]!.secret).toBe('hunter2');
  });

  it('says which format failed to parse', () => {
    expect(() => parseSuite('{"cases": [')).toThrow(/not valid JSON/);
    expect(() => parseSuite('cases: [\n  - : :')).toThrow(/not valid YAML/);
  });
});

describe('compare', () => {
  const suite = parseSuite(yaml);
  const joe = withDefaults(suite, suite.cases[1]!);

  it('passes a result that matches, and lists each difference otherwise', () => {
    expect(compare(withDefaults(suite, suite.cases[0]!), result())).toEqual([]);
    const problems = compare(
      { ...joe, expect: { outcome: 'welcome', role: 'frontend', authid: 'joe' } },
      result({ probes: [{ action: 'call', uri: 'com.example.add2', outcome: 'denied', answer: 'wamp.error.not_authorized', note: '', latencyMs: 1 }] }),
    );
    expect(problems).toEqual([
      'expected role "frontend", got "public"',
      'expected authid "joe", got "a"',
      'call com.example.add2: expected allowed, got denied (wamp.error.not_authorized)',
    ]);
  });

  it('an abort where a welcome was expected says what came instead', () => {
    const abort = result({ outcome: 'abort', reason: 'wamp.error.not_authorized', diagnosis: { kind: 'ticket_rejected', severity: 'error', title: 'Wrong ticket', explanation: '', hint: '' } });
    expect(compare(joe, abort)).toEqual(['expected welcome, got abort (wamp.error.not_authorized): Wrong ticket']);
  });
});

describe('runSuite', () => {
  it('runs at most `concurrency` cases at once and reports a missing secret as an error of that case', async () => {
    const suite = parseSuite(yaml.replace('name: demo', 'name: demo\nconcurrency: 1'));
    let running = 0;
    let most = 0;
    const report = await runSuite(suite, {
      secrets: { env: () => undefined, keychain: async () => '', profile: async () => '', account: async () => ({ secret: '', algorithm: 'SHA1', digits: 6, period: 30 }) },
      runTest: async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return result();
      },
    });
    expect(most).toBe(1);
    expect(report.cases.map((c) => c.status)).toEqual(['passed', 'error']);
    expect(report.cases[1]!.problems).toEqual(['environment variable JOE is not set']);
  });
});

describe('junitXml', () => {
  it('escapes names, messages and output, and replaces characters XML cannot carry', () => {
    const xml = junitXml({
      name: 'a <b> & "c"',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1500,
      passed: 0,
      failed: 1,
      errors: 0,
      cases: [
        {
          name: 'x"<y>',
          status: 'failed',
          problems: ['expected role "a&b", got \u0007bell'],
          expected: { outcome: 'welcome' },
          result: result({ trace: [{ t: 1, dir: 'info', name: 'NOTE', text: '<script>\u001b[31m' }] }),
          durationMs: 12,
        },
      ],
    });
    expect(xml).toContain('<testsuites name="a &lt;b&gt; &amp; &quot;c&quot;" tests="1" failures="1" errors="0" time="1.500">');
    expect(xml).toContain('<testcase name="x&quot;&lt;y&gt;"');
    expect(xml).toContain('<failure message="expected role &quot;a&amp;b&quot;, got \ufffdbell" type="expectation">');
    expect(xml).toContain('&lt;script&gt;\ufffd[31m');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});
