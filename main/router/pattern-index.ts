// Subscriptions and registrations keyed by (uri, match policy), with the lookups the broker
// (every match) and the dealer (the single best match) need.
import type { MatchPolicy } from '../../shared/wamp/uri';
import { wildcardMatches } from '../../shared/wamp/uri';

export interface PatternEntry {
  uri: string;
  match: MatchPolicy;
}

export class PatternIndex<T extends PatternEntry> {
  readonly exact = new Map<string, T>();
  readonly prefix = new Map<string, T>();
  readonly wildcard = new Map<string, T>();

  private mapFor(match: MatchPolicy): Map<string, T> {
    return match === 'exact' ? this.exact : match === 'prefix' ? this.prefix : this.wildcard;
  }

  get(uri: string, match: MatchPolicy): T | undefined {
    return this.mapFor(match).get(uri);
  }

  add(entry: T): void {
    this.mapFor(entry.match).set(entry.uri, entry);
  }

  remove(entry: T): void {
    const map = this.mapFor(entry.match);
    if (map.get(entry.uri) === entry) map.delete(entry.uri);
  }

  get size(): number {
    return this.exact.size + this.prefix.size + this.wildcard.size;
  }

  all(): T[] {
    return [...this.exact.values(), ...this.prefix.values(), ...this.wildcard.values()];
  }

  /** Every entry matching a concrete URI (broker: each matching subscription gets the event). */
  matching(uri: string, out: T[]): T[] {
    const e = this.exact.get(uri);
    if (e) out.push(e);
    if (this.prefix.size > 0) for (const p of this.prefix.values()) if (uri.startsWith(p.uri)) out.push(p);
    if (this.wildcard.size > 0) for (const w of this.wildcard.values()) if (wildcardMatches(w.uri, uri)) out.push(w);
    return out;
  }

  /**
   * The entry a call goes to (WAMP advanced profile, pattern-based registrations): an exact match
   * wins over the longest matching prefix, which wins over wildcards; among wildcards the one with
   * the longest run of literal components before its first wildcard component wins, then the one
   * with more literal components.
   */
  best(uri: string): T | undefined {
    const e = this.exact.get(uri);
    if (e) return e;
    let best: T | undefined;
    if (this.prefix.size > 0) {
      for (const p of this.prefix.values()) if (uri.startsWith(p.uri) && (!best || p.uri.length > best.uri.length)) best = p;
      if (best) return best;
    }
    if (this.wildcard.size === 0) return undefined;
    let bestScore: [number, number] = [-1, -1];
    for (const w of this.wildcard.values()) {
      if (!wildcardMatches(w.uri, uri)) continue;
      const score = wildcardScore(w.uri);
      if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
        best = w;
        bestScore = score;
      }
    }
    return best;
  }
}

function wildcardScore(pattern: string): [number, number] {
  const parts = pattern.split('.');
  let leading = 0;
  while (leading < parts.length && parts[leading] !== '') leading += 1;
  return [leading, parts.filter((p) => p !== '').length];
}
