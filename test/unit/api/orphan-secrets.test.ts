import { describe, expect, it } from 'vitest';
import { isOrphanSecretsWarning, orphanSecretsWarning } from '../../../shared/api/orphan-secrets';

describe('orphan secrets warning', () => {
  it('the UI recognises exactly the warning the services build (any count), nothing else', () => {
    expect(isOrphanSecretsWarning(orphanSecretsWarning(1))).toBe(true);
    expect(isOrphanSecretsWarning(orphanSecretsWarning(12))).toBe(true);
    expect(orphanSecretsWarning(1)).toMatch(/^1 keychain secret has no account/);
    expect(isOrphanSecretsWarning('3 keychain secrets are fine')).toBe(false);
    expect(isOrphanSecretsWarning(`${orphanSecretsWarning(2)} extra`)).toBe(false);
  });
});
