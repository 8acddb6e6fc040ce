// Reading a password for the CLI: from standard input (--password-stdin, first line) or, on a terminal,
// typed twice without echo. Never from an argument: those end up in shell history and `ps`.
import { CliFailure } from './errors';
import { readStdin, type CommandContext } from './command-context';
import { EXIT } from './context';

/** The first line of standard input, without its line ending. */
export async function passwordFromStdin(ctx: CommandContext): Promise<string> {
  const text = await readStdin(ctx);
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (first === '') throw new CliFailure('standard input held no password (expected it on the first line)', EXIT.usage);
  return first;
}

/** Asks twice on the terminal (no echo); without a terminal, exits 2 naming --password-stdin. */
export async function askNewPassword(ctx: CommandContext, what: string): Promise<string> {
  const prompt = ctx.deps.promptPassword ?? (process.stdin.isTTY && process.stderr.isTTY ? promptOnTerminal : undefined);
  if (!prompt) throw new CliFailure(`no terminal to ask for the ${what} on: pass it with --password-stdin`, EXIT.usage);
  const first = await prompt(`${what[0]!.toUpperCase()}${what.slice(1)}: `);
  const second = await prompt(`Repeat the ${what}: `);
  if (first !== second) throw new CliFailure('the two passwords differ; nothing was exported');
  if (first === '') throw new CliFailure('the password is empty; nothing was exported');
  return first;
}

/** Reads one line from the terminal with echo off (raw mode), writing the prompt to stderr. */
export function promptOnTerminal(prompt: string): Promise<string> {
  return promptHiddenPassword(prompt);
}

/**
 * Asking for a password on the terminal without echoing it (like ssh or gpg): raw mode, our own line
 * editing (backspace), Ctrl-C/Ctrl-D cancel. The prompt goes to standard error, so standard output
 * stays clean for --json.
 */
export function promptHiddenPassword(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) return Promise.reject(new CliFailure('cannot ask for a password: standard input is not a terminal'));
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(chars.join(''));
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new CliFailure('cancelled: no password entered'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') chars = chars.slice(0, -1);
        else if (ch >= ' ') chars.push(ch);
      }
    };
    stdin.on('data', onData);
  });
}
