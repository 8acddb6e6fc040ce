// JUnit XML for a suite run, the format CI servers (GitLab, Jenkins, GitHub test reporters) render:
// one <testcase> per case, <failure> for a result that differs from what the case expects, <error>
// for a case that could not run. The trace goes to <system-out>, already redacted by the tester.
import { traceLine } from '../report';
import type { SuiteReport } from './run-suite';

export function junitXml(report: SuiteReport): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(report.name)}" tests="${report.cases.length}" failures="${report.failed}" errors="${report.errors}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="${attr(report.name)}" tests="${report.cases.length}" failures="${report.failed}" errors="${report.errors}" skipped="0" time="${seconds(report.durationMs)}" timestamp="${attr(report.startedAt.replace(/Z$/, ''))}">`,
  ];
  for (const c of report.cases) {
    const classname = c.result ? `${c.result.details.url} ${c.result.details.realm}` : 'authbahn.suite';
    lines.push(`    <testcase name="${attr(c.name)}" classname="${attr(classname)}" time="${seconds(c.durationMs)}">`);
    if (c.status !== 'passed') {
      const tag = c.status === 'failed' ? 'failure' : 'error';
      lines.push(`      <${tag} message="${attr(c.problems[0] ?? c.status)}" type="${c.status === 'failed' ? 'expectation' : 'setup'}">${text(c.problems.join('\n'))}</${tag}>`);
    }
    if (c.result) {
      const r = c.result;
      const out = [`${r.outcome}: ${r.diagnosis.title}`, r.diagnosis.explanation, '', ...r.trace.map(traceLine)];
      lines.push(`      <system-out>${text(out.join('\n'))}</system-out>`);
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** XML 1.0 allows no C0 controls but tab, LF, CR: a router's text could contain any. */
function clean(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
