// Exportable reports of test results, as JSON (the full TestResult values) and as Markdown for
// humans (summary table, diagnosis, WELCOME details, probe matrix, trace). Traces are already
// redacted, so a report can be shared without leaking tickets or signatures. Results already have the
// URL's password masked (see hide-url-password.ts); the URL fields are masked here once more, so a result
// from anywhere else cannot put ws://user:PASSWORD@host into a shared report.
import type { ProbeAction, ReportFile, ReportFormat, TestResult, TraceEntry } from '../../shared/api/tester-contract';
import { redactUrlPassword } from '../../shared/wamp/url-password';

export interface ReportMeta {
  version: string;
  generatedAt: string;
}

export function buildReport(all: TestResult[], format: ReportFormat, meta: ReportMeta): ReportFile {
  const results = all.map(maskUrl);
  const stamp = meta.generatedAt.replace(/[:.]/g, '-');
  if (format === 'json') {
    return {
      fileName: `authbahn-test-report-${stamp}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify({ generator: `Authbahn ${meta.version}`, generatedAt: meta.generatedAt, results }, null, 2)}\n`,
    };
  }
  return { fileName: `authbahn-test-report-${stamp}.md`, mimeType: 'text/markdown', content: markdownReport(results, meta) };
}

const OUTCOME_LABEL = { welcome: '✅ welcome', abort: '❌ abort', no_connection: '⛔ no connection' } as const;
const PROBE_LABEL = { allowed: '✅ allowed', denied: '🚫 denied', error: '⚠️ error', timeout: '⏱️ timeout' } as const;
const ACTIONS: ProbeAction[] = ['call', 'register', 'publish', 'subscribe'];

function maskUrl(r: TestResult): TestResult {
  return { ...r, details: { ...r.details, url: redactUrlPassword(r.details.url) } };
}

export function markdownReport(all: TestResult[], meta: ReportMeta): string {
  const results = all.map(maskUrl);
  const lines: string[] = [];
  lines.push('# WAMP connection test report', '', `Generated ${meta.generatedAt} by Authbahn ${meta.version}.`, '');
  if (results.length === 0) {
    lines.push('No test results.', '');
    return lines.join('\n');
  }
  lines.push('| Profile | URL | Realm | Auth | Outcome | Reason | Handshake |', '|---|---|---|---|---|---|---|');
  for (const r of results) {
    const d = r.details;
    lines.push(
      `| ${cell(r.profileName)} | ${cell(d.url)} | ${cell(d.realm)} | ${cell(d.authmethod)} | ${OUTCOME_LABEL[r.outcome]} | ${cell(r.reason)} | ${d.latency.handshakeMs === null ? '–' : `${d.latency.handshakeMs} ms`} |`,
    );
  }
  lines.push('');
  for (const r of results) lines.push(...resultSection(r));
  return lines.join('\n');
}

function resultSection(r: TestResult): string[] {
  const d = r.details;
  const out: string[] = [];
  out.push(`## ${r.profileName}`, '');
  out.push(`- **Outcome:** ${OUTCOME_LABEL[r.outcome]} (${r.reason})`);
  out.push(`- **Started:** ${r.startedAt}`);
  out.push(`- **Target:** ${d.url}, realm \`${d.realm}\`, authmethod ${d.authmethod}${d.authid ? `, authid \`${d.authid}\`` : ''}${d.authrole ? `, authrole \`${d.authrole}\`` : ''}`);
  out.push(`- **Serializer:** ${d.serializer} — negotiated subprotocol: ${d.subprotocol ?? 'none'}${d.tls ? ' (TLS)' : ''}`);
  out.push(
    `- **Latency:** connect ${ms(d.latency.connectMs)}, handshake ${ms(d.latency.handshakeMs)}, total ${ms(d.latency.totalMs)}${d.attempts > 1 ? ` (${d.attempts} connection attempts)` : ''}`,
  );
  if (d.craKey) out.push(`- **WAMP-CRA key:** ${d.craKey}`);
  out.push('', `### ${r.diagnosis.title}`, '', r.diagnosis.explanation, '', `*What to do:* ${r.diagnosis.hint}`, '');
  for (const w of r.warnings) out.push(`> **${w.severity === 'info' ? 'Note' : 'Warning'}: ${w.title}.** ${w.explanation} ${w.hint}`, '');
  if (d.welcome) {
    const w = d.welcome;
    out.push('### WELCOME details', '', '| Field | Value |', '|---|---|');
    out.push(`| session | ${w.session} |`);
    for (const key of ['authid', 'authrole', 'authmethod', 'authprovider'] as const) out.push(`| ${key} | ${cell(w[key] ?? '–')} |`);
    out.push(`| authextra | ${cell(w.authextra === null ? '–' : JSON.stringify(w.authextra))} |`);
    out.push(`| router roles | ${cell(Object.keys(w.roles).join(', ') || '–')} |`, '');
  }
  if (d.abort) {
    out.push('### ABORT', '', `- reason: \`${d.abort.reason}\``);
    if (d.abort.message) out.push(`- message: ${d.abort.message}`);
    out.push('');
  }
  if (r.probes.length > 0) {
    out.push('### Probes', '', '| Action | URI | Result | Router answer | Note |', '|---|---|---|---|---|');
    for (const action of ACTIONS) {
      for (const p of r.probes.filter((x) => x.action === action)) {
        out.push(`| ${p.action} | ${cell(p.uri)} | ${PROBE_LABEL[p.outcome]} | ${cell(p.answer)} | ${cell(p.note)} |`);
      }
    }
    out.push('');
  }
  out.push('### Trace', '', '```text', ...r.trace.map(traceLine), '```', '');
  return out;
}

export function traceLine(e: TraceEntry): string {
  const t = `${e.t.toFixed(1).padStart(8)} ms`;
  if (e.dir === 'info') return `${t}  ·· ${e.name}: ${e.text ?? ''}`;
  const arrow = e.dir === 'out' ? '→' : '←';
  return `${t}  ${arrow} ${e.name.padEnd(12)} ${JSON.stringify(e.content)}${e.bytes !== undefined ? `  (${e.bytes} B)` : ''}`;
}

function ms(value: number | null): string {
  return value === null ? '–' : `${value} ms`;
}

/** Table cells: no line breaks, escaped pipes. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
