// Start-up check of every keychain/account reference in a plan, so "item router:joe does not exist"
// shows when the router starts rather than as a failed login later. Returns problems; does not throw.
import { normalizeBase32 } from '../../../shared/otp/base32';
import { resolveSecret, resolveTotp, type SecretResolver } from '../auth/secret-refs';
import { authParts, type RouterPlan } from './router-plan';

export async function checkSecretReferences(plan: RouterPlan, resolver: SecretResolver): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (where: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (const t of plan.transports.flatMap(authParts)) {
    const ticket = t.auth?.ticket;
    if (ticket?.type === 'static') {
      for (const [authid, p] of Object.entries(ticket.principals)) {
        const where = `transport "${t.id}" ticket principal "${authid}"`;
        const source = p.ticket;
        if (source.kind === 'secret') {
          if (source.secret.kind === 'keychain') await attempt(where, () => resolveSecret(source.secret, resolver));
        } else if (!(source.totp.kind === 'secret' && source.totp.secret.kind === 'inline')) {
          await attempt(where, async () => {
            const params = await resolveTotp(source.totp, resolver);
            const normalized = normalizeBase32(params.secret);
            if (!normalized.ok) throw new Error(`the TOTP secret is not base32: ${normalized.error.message}`);
          });
        }
      }
    }
    const cra = t.auth?.wampcra;
    if (cra?.type === 'static') {
      for (const [authid, u] of Object.entries(cra.users)) {
        if (u.secret.kind === 'keychain') await attempt(`transport "${t.id}" wampcra user "${authid}"`, () => resolveSecret(u.secret, resolver));
      }
    }
    const cryptosign = t.auth?.cryptosign;
    if (cryptosign?.type === 'static') {
      for (const [authid, p] of Object.entries(cryptosign.principals)) {
        for (const key of p.authorizedKeys) {
          if (key.kind === 'keychain-key') await attempt(`transport "${t.id}" cryptosign principal "${authid}"`, () => resolver.keyPublicKey(key.name));
        }
      }
    }
  }
  return problems;
}
