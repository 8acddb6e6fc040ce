import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../main/serial-queue';

describe('SerialQueue', () => {
  it('runs tasks one at a time in call order, even when earlier ones are slower', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => () =>
      new Promise<string>((resolve) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          resolve(name);
        }, ms);
      });
    const results = await Promise.all([queue.run(task('a', 30)), queue.run(task('b', 1)), queue.run(task('c', 10))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps going after a failed task and reports the failure to its caller only', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(() => Promise.reject(new Error('boom')));
    const next = queue.run(async () => 'after');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });

  it('idle() waits for everything queued so far and never rejects', async () => {
    const queue = new SerialQueue();
    let done = false;
    void queue.run(() => new Promise<void>((resolve) => setTimeout(() => ((done = true), resolve()), 20)));
    void queue.run(() => Promise.reject(new Error('ignored'))).catch(() => undefined);
    await queue.idle();
    expect(done).toBe(true);
  });
});
