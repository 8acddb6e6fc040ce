// Whether a plan needs the vault at all: only keychain and account references do. A config with
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
    return ticketRefs || craRefs;
  });
}
