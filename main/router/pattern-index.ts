// Subscriptions and registrations keyed by (uri, match policy), with the lookups the broker (every
// match) and the dealer (the best match, or every candidate in order) need.
//
// A lookup's cost depends on the URI being looked up, never on how many patterns other sessions
// hold (a session once held 20k wildcard patterns and every publish scanned them all):
//  - exact: a Map;
//  - prefix: a radix tree over the pattern's characters (a prefix pattern is a plain string prefix:
//    "com.example.sec" matches "com.example.secret"), walked once along the URI;
//  - wildcard: a trie over URI components, one child per literal component plus one for the empty
//    (wildcard) component; a lookup follows at most those two children per component.
// Adding and removing an entry costs the length of its URI, so a session that leaves with thousands
// of subscriptions does not make the router rescan the others.
import type { MatchPolicy } from '../../shared/wamp/uri';

export interface PatternEntry {
  uri: string;
  match: MatchPolicy;
}

interface RadixNode<T> {
  /** The characters this edge adds to the parent's key; "" only for the root. */
  label: string;
  entry: T | undefined;
  /** Keyed by the child's first character (UTF-16 code unit). */
  children: Map<string, RadixNode<T>> | undefined;
}

interface WildNode<T> {
  /** Keyed by component text; "" is the wildcard component. */
  children: Map<string, WildNode<T>> | undefined;
  entry: T | undefined;
  /** [literal components before the first wildcard one, literal components in all]: the dealer's ranking. */
  leading: number;
  literals: number;
  /** Insertion order: among equally ranked wildcards the one added first wins (as the old scan did). */
  seq: number;
}

function commonLength(label: string, key: string, offset: number): number {
  let n = 0;
  while (n < label.length && offset + n < key.length && label.charCodeAt(n) === key.charCodeAt(offset + n)) n += 1;
  return n;
}

const newWild = <T>(): WildNode<T> => ({ children: undefined, entry: undefined, leading: 0, literals: 0, seq: 0 });

export class PatternIndex<T extends PatternEntry> {
  readonly exact = new Map<string, T>();
  readonly prefix = new Map<string, T>();
  readonly wildcard = new Map<string, T>();
  /**
   * Trie/tree nodes visited by lookups so far. Tests read it to show a lookup's work does not grow
   * with the number of patterns held; it costs one increment per node.
   */
  nodesVisited = 0;
  private readonly radix: RadixNode<T> = { label: '', entry: undefined, children: undefined };
  private readonly wild: WildNode<T> = newWild<T>();
  private seq = 0;

  private mapFor(match: MatchPolicy): Map<string, T> {
    return match === 'exact' ? this.exact : match === 'prefix' ? this.prefix : this.wildcard;
  }

  get(uri: string, match: MatchPolicy): T | undefined {
    return this.mapFor(match).get(uri);
  }

  add(entry: T): void {
    const map = this.mapFor(entry.match);
    const old = map.get(entry.uri);
    map.set(entry.uri, entry);
    if (entry.match === 'prefix') this.radixInsert(entry.uri, entry);
    else if (entry.match === 'wildcard') this.wildInsert(entry.uri, entry, old !== undefined);
  }

  remove(entry: T): void {
    const map = this.mapFor(entry.match);
    if (map.get(entry.uri) !== entry) return;
    map.delete(entry.uri);
    if (entry.match === 'prefix') this.radixRemove(entry.uri);
    else if (entry.match === 'wildcard') this.wildRemove(entry.uri);
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
    if (this.prefix.size > 0) this.radixMatches(uri, (entry) => out.push(entry));
    if (this.wildcard.size > 0) this.wildMatches(uri, (node) => out.push(node.entry!));
    return out;
  }

  /**
   * The entry a call goes to (WAMP advanced profile, pattern-based registrations): an exact match
   * wins over the longest matching prefix, which wins over wildcards; among wildcards the one with
   * the longest run of literal components before its first wildcard component wins, then the one
   * with more literal components, then the one registered first.
   */
  best(uri: string): T | undefined {
    const e = this.exact.get(uri);
    if (e) return e;
    if (this.prefix.size > 0) {
      let longest: T | undefined;
      this.radixMatches(uri, (entry) => (longest = entry));
      if (longest) return longest;
    }
    if (this.wildcard.size === 0) return undefined;
    let best: WildNode<T> | undefined;
    this.wildMatches(uri, (node) => {
      if (!best || rankBefore(node, best)) best = node;
    });
    return best?.entry;
  }

  /** Every matching entry in the order best() ranks them (the dealer tries the next when a callee may not serve the URI). */
  candidates(uri: string): T[] {
    const out: T[] = [];
    const e = this.exact.get(uri);
    if (e) out.push(e);
    if (this.prefix.size > 0) {
      const prefixes: T[] = [];
      this.radixMatches(uri, (entry) => prefixes.push(entry));
      for (let i = prefixes.length - 1; i >= 0; i -= 1) out.push(prefixes[i]!);
    }
    if (this.wildcard.size > 0) {
      const wild: WildNode<T>[] = [];
      this.wildMatches(uri, (node) => wild.push(node));
      wild.sort((a, b) => (rankBefore(a, b) ? -1 : rankBefore(b, a) ? 1 : 0));
      for (const node of wild) out.push(node.entry!);
    }
    return out;
  }

  // ---- prefix: radix tree -----------------------------------------------------------------------

  private radixInsert(key: string, entry: T): void {
    let node = this.radix;
    let i = 0;
    for (;;) {
      if (i === key.length) {
        node.entry = entry;
        return;
      }
      const c = key[i]!;
      const child = node.children?.get(c);
      if (!child) {
        (node.children ??= new Map()).set(c, { label: key.slice(i), entry, children: undefined });
        return;
      }
      const common = commonLength(child.label, key, i);
      if (common < child.label.length) {
        // Split the edge: node → mid (the shared part) → child (the rest of its old label).
        const rest = child.label.slice(common);
        const mid: RadixNode<T> = { label: child.label.slice(0, common), entry: undefined, children: new Map([[rest[0]!, child]]) };
        child.label = rest;
        node.children!.set(c, mid);
        node = mid;
      } else {
        node = child;
      }
      i += common;
    }
  }

  private radixRemove(key: string): void {
    const path: RadixNode<T>[] = [this.radix];
    let node = this.radix;
    let i = 0;
    while (i < key.length) {
      const child = node.children?.get(key[i]!);
      if (!child || !key.startsWith(child.label, i)) return;
      i += child.label.length;
      node = child;
      path.push(node);
    }
    node.entry = undefined;
    // Drop nodes that hold nothing and merge a node left with one child into it, bottom up.
    for (let d = path.length - 1; d > 0; d -= 1) {
      const n = path[d]!;
      if (n.entry !== undefined) return;
      const count = n.children?.size ?? 0;
      if (count === 0) {
        const parent = path[d - 1]!;
        parent.children!.delete(n.label[0]!);
        if (parent.children!.size === 0) parent.children = undefined;
        continue;
      }
      if (count === 1) {
        const only = n.children!.values().next().value!;
        n.label += only.label;
        n.entry = only.entry;
        n.children = only.children;
      }
      return;
    }
  }

  /** Calls `found` for each prefix entry that is a prefix of `uri`, shortest first. */
  private radixMatches(uri: string, found: (entry: T) => void): void {
    let node = this.radix;
    this.nodesVisited += 1;
    if (node.entry !== undefined) found(node.entry);
    let i = 0;
    while (i < uri.length) {
      const child = node.children?.get(uri[i]!);
      if (!child || !uri.startsWith(child.label, i)) return;
      this.nodesVisited += 1;
      i += child.label.length;
      node = child;
      if (node.entry !== undefined) found(node.entry);
    }
  }

  // ---- wildcard: trie over components -----------------------------------------------------------

  private wildInsert(pattern: string, entry: T, replacing: boolean): void {
    const parts = pattern.split('.');
    let node = this.wild;
    for (const part of parts) {
      let child = node.children?.get(part);
      if (!child) (node.children ??= new Map()).set(part, (child = newWild<T>()));
      node = child;
    }
    let leading = 0;
    while (leading < parts.length && parts[leading] !== '') leading += 1;
    node.entry = entry;
    node.leading = leading;
    node.literals = parts.reduce((n, p) => (p === '' ? n : n + 1), 0);
    // Replacing an entry under the same key keeps its place, as Map.set does.
    if (!replacing) node.seq = this.seq++;
  }

  private wildRemove(pattern: string): void {
    const parts = pattern.split('.');
    const path: WildNode<T>[] = [this.wild];
    let node = this.wild;
    for (const part of parts) {
      const child = node.children?.get(part);
      if (!child) return;
      node = child;
      path.push(node);
    }
    node.entry = undefined;
    for (let d = path.length - 1; d > 0; d -= 1) {
      const n = path[d]!;
      if (n.entry !== undefined || n.children !== undefined) return;
      const parent = path[d - 1]!;
      parent.children!.delete(parts[d - 1]!);
      if (parent.children!.size === 0) parent.children = undefined;
    }
  }

  /**
   * Calls `found` for each wildcard node whose pattern matches `uri`: same number of components, an
   * empty pattern component matches any one component. Iterative, so a URI with very many
   * components cannot overflow the stack.
   */
  private wildMatches(uri: string, found: (node: WildNode<T>) => void): void {
    const parts = uri.split('.');
    const last = parts.length;
    const nodes: WildNode<T>[] = [this.wild];
    const depths: number[] = [0];
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const depth = depths.pop()!;
      this.nodesVisited += 1;
      if (depth === last) {
        if (node.entry !== undefined) found(node);
        continue;
      }
      const kids = node.children;
      if (!kids) continue;
      const part = parts[depth]!;
      const any = part === '' ? undefined : kids.get('');
      if (any) {
        nodes.push(any);
        depths.push(depth + 1);
      }
      const literal = kids.get(part);
      if (literal) {
        nodes.push(literal);
        depths.push(depth + 1);
      }
    }
  }
}

/** Whether wildcard `a` ranks before `b` for the dealer (see best()). */
function rankBefore<T>(a: WildNode<T>, b: WildNode<T>): boolean {
  if (a.leading !== b.leading) return a.leading > b.leading;
  if (a.literals !== b.literals) return a.literals > b.literals;
  return a.seq < b.seq;
}
