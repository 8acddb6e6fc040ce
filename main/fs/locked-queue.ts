// The queue every data file's read-modify-write goes through: tasks of this process run one after
// another (SerialQueue), and each holds the file's cross-process lock (`<file>.lock`) while it runs, so
// the CLI and the app never interleave their changes either. Each task must re-read the file itself.
import { SerialQueue } from '../serial-queue';
import { lockPathFor, withFileLock, type FileLockOptions } from './file-lock';

export class LockedQueue {
  readonly lockPath: string;
  private readonly queue = new SerialQueue();

  constructor(
    dataFile: string,
    private readonly options: FileLockOptions = {},
  ) {
    this.lockPath = lockPathFor(dataFile);
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(() => withFileLock(this.lockPath, task, this.options));
  }

  /** Resolves once every task queued so far has settled (for shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }
}
