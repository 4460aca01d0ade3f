/**
 * Maven version order, following org.apache.maven.artifact.versioning.ComparableVersion (the "Version Order
 * Specification" in Maven's docs), which OSV's Maven ECOSYSTEM ranges are defined by.
 *
 * Hand-written because npm has no maintained implementation: the only candidate (`mvncmp`) is a single
 * untyped release without maintenance. The algorithm is small and fully specified; maven.test.ts checks it
 * against the examples of Maven's own ComparableVersionTest.
 *
 * A version is split into items at `.`, `-` and digit/letter transitions. A `-` (or a transition) opens a
 * nested list, so `1-1` is [1, [1]]. Items compare as: numbers numerically; qualifiers by the well-known
 * order alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp, unknown qualifiers
 * after those (alphabetically); a number beats a qualifier and a list; trailing "null" items (0, "", empty
 * lists) are dropped, so `1.0.0` = `1` = `1-ga`.
 */
import type { VersionScheme } from './scheme.js';

type Item = { kind: 'int'; value: bigint } | { kind: 'string'; value: string } | { kind: 'list'; items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

/** The sortable form of a qualifier: its index among the known ones, else after all of them. */
function comparableQualifier(qualifier: string): string {
  const index = QUALIFIERS.indexOf(qualifier);
  return index === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(index);
}

function stringItem(value: string, followedByDigit: boolean): Item {
  let text = value;
  if (followedByDigit && text.length === 1) {
    // `a1`, `b2`, `m3` are short for alpha-1, beta-2, milestone-3.
    text = text === 'a' ? 'alpha' : text === 'b' ? 'beta' : text === 'm' ? 'milestone' : text;
  }
  return { kind: 'string', value: ALIASES[text] ?? text };
}

function parseItem(isDigit: boolean, text: string): Item {
  return isDigit ? { kind: 'int', value: BigInt(text) } : stringItem(text, false);
}

function isNull(item: Item): boolean {
  if (item.kind === 'int') return item.value === 0n;
  if (item.kind === 'string') return comparableQualifier(item.value) === RELEASE_INDEX;
  return item.items.length === 0;
}

/** Drops trailing null items of a list (stopping at the first non-null non-list item), as Maven does. */
function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i] as Item;
    if (isNull(item)) list.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

export function parseMaven(version: string): Item {
  const text = version.toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let isDigit = false;
  let start = 0;
  const openList = (): void => {
    const next: Item[] = [];
    list.push({ kind: 'list', items: next });
    list = next;
    stack.push(next);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '.') {
      list.push(i === start ? { kind: 'int', value: 0n } : parseItem(isDigit, text.slice(start, i)));
      start = i + 1;
    } else if (c === '-') {
      list.push(i === start ? { kind: 'int', value: 0n } : parseItem(isDigit, text.slice(start, i)));
      start = i + 1;
      openList();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.push(stringItem(text.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, text.slice(start, i)));
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (text.length > start) list.push(parseItem(isDigit, text.slice(start)));
  while (stack.length > 0) normalize(stack.pop() as Item[]);
  return { kind: 'list', items: root };
}

/** Compares an item with another, or with "nothing" (`undefined`) when one list is longer. */
function compareItems(a: Item, b: Item | undefined): number {
  if (a.kind === 'int') {
    if (b === undefined) return a.value === 0n ? 0 : 1;
    if (b.kind === 'int') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return 1; // a number sorts after a qualifier and after a list: 1.1 > 1-1 > 1-sp
  }
  if (a.kind === 'string') {
    if (b === undefined) return compareStrings(comparableQualifier(a.value), RELEASE_INDEX);
    if (b.kind === 'string') return compareStrings(comparableQualifier(a.value), comparableQualifier(b.value));
    return -1; // a qualifier sorts before a number and before a list
  }
  if (b === undefined) {
    const first = a.items[0];
    return first === undefined ? 0 : compareItems(first, undefined);
  }
  if (b.kind === 'int') return -1;
  if (b.kind === 'string') return 1;
  const length = Math.max(a.items.length, b.items.length);
  for (let i = 0; i < length; i++) {
    const left = a.items[i];
    const right = b.items[i];
    const result = left === undefined ? (right === undefined ? 0 : -compareItems(right, undefined)) : compareItems(left, right);
    if (result !== 0) return result;
  }
  return 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareMaven(a: string, b: string): number {
  return compareItems(parseMaven(a), parseMaven(b));
}

export const mavenScheme: VersionScheme = {
  name: 'maven',
  // Maven orders any string; an empty one is the only thing that is not a version.
  valid: (version) => version.trim() !== '',
  compare: compareMaven,
};
