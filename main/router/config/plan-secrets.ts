// Whether a plan needs the vault at all: only keychain, account and stored-key references do. A config with
// inline secrets runs without a keychain (handy on servers and in CI).
import { authParts, type RouterPlan } from './router-plan';

export function planUsesVault(plan: RouterPlan): boolean {
  return plan.transports.flatMap(authParts).some((t) => {
    const ticket = t.auth?.ticket;
    const cra = t.auth?.wampcra;
    const ticketRefs =
      ticket?.type === 'static' &&
      Object.values(ticket.principals).some((p) =>
        p.ticket.kind === 'secret' ? p.ticket.secret.kind === 'keychain' : p.ticket.totp.kind === 'account' || p.ticket.totp.secret.kind === 'keychain',
      );
    const craRefs = cra?.type === 'static' && Object.values(cra.users).some((u) => u.secret.kind === 'keychain');
    const cryptosign = t.auth?.cryptosign;
    const keyRefs = cryptosign?.type === 'static' && Object.values(cryptosign.principals).some((p) => p.authorizedKeys.some((k) => k.kind === 'keychain-key'));
    return ticketRefs || craRefs || keyRefs;
  });
}
