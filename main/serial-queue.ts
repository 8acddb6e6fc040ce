// Runs async tasks one after another in call order. Used wherever a read-modify-write on a file (or a
// clipboard write and its clearing timer) must never interleave with the next one; a task that fails
// does not stop the tasks queued after it.
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
