import { spawnSync } from 'node:child_process';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTempFiles } from '../../../main/fs/stale-temp-files';
import { tempDir } from '../accounts/fixtures';

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('removeStaleTempFiles', () => {
  it('removes temp files of dead writers and old ones, never a live writer’s fresh file or anything else', async () => {
    const dir = await tempDir();
    const dead = `.accounts.json.${deadPid()}.0123456789ab.tmp`;
    const live = `.accounts.json.${process.pid}.0123456789ab.tmp`;
    const oldLive = `.router.json.${process.ppid}.abcdefabcdef.tmp`;
    const otherFile = `.notes.txt.${deadPid()}.0123456789ab.tmp`;
    const data = 'accounts.json';
    for (const name of [dead, live, oldLive, otherFile, data]) await writeFile(join(dir, name), 'x');
    const old = new Date(Date.now() - 5 * 60_000);
    await utimes(join(dir, oldLive), old, old);

    const removed = await removeStaleTempFiles(dir, { targets: ['accounts.json', 'router.json'] });
    expect(removed.sort()).toEqual([dead, oldLive].sort());
    expect((await readdir(dir)).sort()).toEqual([live, otherFile, data].sort());
  });

  it('a missing folder is nothing to clean', async () => {
    expect(await removeStaleTempFiles(join(await tempDir(), 'absent'), { targets: ['accounts.json'] })).toEqual([]);
  });
});
