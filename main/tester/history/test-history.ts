// The tester's run history (tester-history.json): every run of a saved profile, from the app or the
// CLI, as a summary without secrets, with the full redacted result of the last few runs per profile.
// Runs of unsaved drafts and suite cases belong to no profile and are not recorded.
import { AppError } from '../../../shared/api/errors';
import {
  HISTORY_LIMITS,
  type StoredTestRun,
  type TestResult,
  type TestRunSource,
  type TestRunSummary,
} from '../../../shared/api/tester-contract';
import type { HistoryFile } from './history-file';
import { addRun, profileRuns, toStoredRun, withoutProfile, type HistoryLimits } from './history-model';

export class TestHistory {
  constructor(
    private readonly file: HistoryFile,
    private readonly limits: HistoryLimits = HISTORY_LIMITS,
  ) {}

  /** Records a run of a saved profile; returns false (and stores nothing) for a run without one. */
  async record(result: TestResult, source: TestRunSource): Promise<boolean> {
    if (result.profileId === null) return false;
    const run = toStoredRun({ ...result, profileId: result.profileId }, source);
    await this.file.update((data) => addRun(data, run, this.limits));
    return true;
  }

  /** A profile's runs, newest first. */
  async list(profileId: string, limit?: number): Promise<TestRunSummary[]> {
    return profileRuns(await this.file.read(), profileId, limit);
  }

  async get(runId: string): Promise<StoredTestRun> {
    const run = (await this.file.read()).runs.find((r) => r.id === runId);
    if (!run) throw new AppError('NOT_FOUND', `No recorded test run with id "${runId}"`, { id: runId });
    return run;
  }

  /** The newest recorded run of each given profile (for exporting expectations). */
  async latest(profileIds: readonly string[]): Promise<Map<string, StoredTestRun>> {
    const wanted = new Set(profileIds);
    const latest = new Map<string, StoredTestRun>();
    for (const run of (await this.file.read()).runs) if (wanted.has(run.profileId)) latest.set(run.profileId, run);
    return latest;
  }

  async clear(profileId: string): Promise<void> {
    await this.file.update((data) => withoutProfile(data, profileId));
  }

  idle(): Promise<void> {
    return this.file.idle();
  }
}
