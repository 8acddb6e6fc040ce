// Which host and which network a peer ("tcp4:192.0.2.7:54321", Crossbar's format) logs in from, for
// the failed-login limiter. Counting per host alone is bypassed by spreading guesses over addresses
// one owns anyway: every 127.x.y.z is this machine, an IPv6 host usually owns its whole /64, and a
// LAN attacker can often pick addresses in its /24. So failures are also counted per network:
// IPv4 /24, IPv6 /64, and all of loopback (127.0.0.0/8 and ::1) as one network.
import { isIPv4, isIPv6 } from 'node:net';

/** "tcp4:127.0.0.1:54321" → "tcp4:127.0.0.1": the source port changes with every connection. */
export function peerHost(peer: string): string {
  const i = peer.lastIndexOf(':');
  return i > peer.indexOf(':') ? peer.slice(0, i) : peer;
}

/** The network a peer's host belongs to, as a short key: "net4:192.0.2.0/24", "net6:2001:db8:0:1::/64", "loopback". */
export function peerNetwork(peer: string): string {
  const host = peerHost(peer);
  const colon = host.indexOf(':');
  const address = colon >= 0 ? host.slice(colon + 1) : host;
  const v4 = address.toLowerCase().startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (isIPv4(v4)) {
    const [a, b, c] = v4.split('.');
    return a === '127' ? 'loopback' : `net4:${a}.${b}.${c}.0/24`;
  }
  if (isIPv6(v4)) {
    const groups = expandIPv6(v4);
    if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return 'loopback';
    return `net6:${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
  }
  // Not an IP address (a Unix socket, "unknown"): the host is the best we have.
  return `host:${host}`;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included). */
function expandIPv6(address: string): number[] {
  let text = address.replace(/%.*$/, ''); // zone id
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
