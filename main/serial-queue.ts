// Runs async tasks one after another in call order, within this process. Used wherever a clipboard write
// and its clearing timer (or a preview) must never interleave with the next one; a task that fails does
// not stop the tasks queued after it. Data files need more — another process may write them too — and
// use LockedQueue (main/fs/locked-queue.ts), which adds a cross-process lock around each task.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has settled (for shutdown). */
  async idle(): Promise<void> {
    await this.tail;
  }
}
