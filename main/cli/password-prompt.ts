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
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    let value = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new CliFailure('cancelled', EXIT.failure));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
