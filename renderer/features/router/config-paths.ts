// JSON paths of router.json, as the router's parser reports them ("workers[0].realms[1].name"), and
// the two ways the editor turns one into a place the user can see: the structured view's control that
// edits it (every control carries data-config-path), or the range of that key in the JSON text.

export type PathPart = string | number;

/** Same format as main/router/config/config-error.ts formatPath (the issue paths the editor receives). */
export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** The parts of a formatted path; null for "(file)", "(top level)" or anything not in that format. */
export function parsePath(text: string): PathPart[] | null {
  const parts: PathPart[] = [];
  const token = /(?:^|\.)([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 0;
  while (at < text.length) {
    token.lastIndex = at;
    const m = token.exec(text);
    if (!m || m.index !== at) return null;
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) parts.push(Number(m[2]));
    else parts.push(JSON.parse(m[3]!) as string);
    at = token.lastIndex;
  }
  return parts.length > 0 ? parts : null;
}

/** The path and every ancestor, deepest first (the issue's own control may not exist; a nearer one does). */
export function ancestorPaths(path: readonly PathPart[]): string[] {
  const out: string[] = [];
  for (let n = path.length; n > 0; n--) out.push(formatPath(path.slice(0, n)));
  return out;
}

export interface IssueView {
  /** Where, in words: "Draft", "router.json" or the JSON path. */
  where: string;
  message: string;
  /** 1-based, for JSON syntax errors. */
  line?: number;
  column?: number;
}

/**
 * How an issue reads in the editor. The parser names JSON syntax errors "(file)" because it reads a file;
 * in the editor the text is the user's draft (or the saved router.json when there is no draft).
 */
export function describeIssue(issue: { path: string; message: string }, isDraft: boolean): IssueView {
  if (issue.path === '(file)') {
    const where = isDraft ? 'Draft' : 'router.json';
    const m = /^not valid JSON: (.*?)\s*\(line (\d+), column (\d+)\)$/s.exec(issue.message);
    if (m) return { where, message: `not valid JSON at line ${m[2]}, column ${m[3]}: ${m[1]}`, line: Number(m[2]), column: Number(m[3]) };
    return { where, message: issue.message };
  }
  if (issue.path === '(top level)') return { where: 'Top level', message: issue.message };
  return { where: issue.path, message: issue.message };
}

/** Offset of 1-based line/column in text (clamped). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(0, column - 1), text.length);
}

/**
 * Where the value at `path` is written in the JSON text: from its key (or the value itself for array
 * items) to the end of the value. When the path does not exist, the deepest ancestor that does. Null
 * when the text is not JSON or not even the first part exists.
 */
export function locateJsonPath(text: string, path: readonly PathPart[]): { start: number; end: number } | null {
  let i = 0;
  let best: { depth: number; start: number; end: number } | null = null;
  const ws = () => {
    while (i < text.length && ' \t\r\n\uFEFF'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new SyntaxError('bad JSON');
  };
  const string = (): string => {
    const start = i;
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  // depth: how many parts of `path` this value's own path matches (-1: off the path).
  const value = (depth: number, start: number): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') i++;
      else
        for (;;) {
          ws();
          const keyStart = i;
          const key = string();
          ws();
          if (text[i] !== ':') fail();
          i++;
          const on = depth >= 0 && depth < path.length && path[depth] === key;
          value(on ? depth + 1 : -1, keyStart);
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === '}') {
            i++;
            break;
          } else fail();
        }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') i++;
      else
        for (let index = 0; ; index++) {
          ws();
          const on = depth >= 0 && depth < path.length && path[depth] === index;
          value(on ? depth + 1 : -1, i);
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === ']') {
            i++;
            break;
          } else fail();
        }
    } else if (c === '"') string();
    else {
      const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
      if (!m) fail();
      i += m![0].length;
    }
    if (depth > 0 && (best === null || depth > best.depth)) best = { depth, start, end: i };
  };
  try {
    value(0, 0);
  } catch {
    return null;
  }
  const found = best as { depth: number; start: number; end: number } | null;
  return found ? { start: found.start, end: found.end } : null;
}
