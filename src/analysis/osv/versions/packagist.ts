/**
 * Packagist (Composer) versions, ordered as PHP's `version_compare` after Composer's normalisation, which is
 * what OSV's Packagist ranges mean. No maintained npm package implements it (composer's own semantics live in
 * PHP), so it is written here:
 * - a leading `v` is dropped; `-`, `_` and `+` become `.`; a `.` is put between digits and letters
 *   (`1.0rc1` → `1.0.rc.1`);
 * - parts compare numerically when both are numbers; words rank dev < alpha = a < beta = b < RC = rc <
 *   (a number) < pl = p, and any other word ranks below dev;
 * - when one version runs out, a following number makes the longer one newer, a following word is compared
 *   against "a number" (so `1.0-beta` < `1.0` < `1.0-pl1`).
 */
import type { VersionScheme } from './scheme.js';

const NUMBER = '#';

function canonical(version: string): string[] {
  return version
    .trim()
    .replace(/^[vV]/, '')
    .replace(/[-_+]/g, '.')
    .replace(/([^\d.])(\d)/g, '$1.$2')
    .replace(/(\d)([^\d.])/g, '$1.$2')
    .split('.')
    .filter((part) => part !== '');
}

function weight(part: string): number {
  if (part === NUMBER) return 4;
  const lower = part.toLowerCase();
  if (lower.startsWith('dev')) return 0;
  if (lower.startsWith('alpha') || lower === 'a') return 1;
  if (lower.startsWith('beta') || lower === 'b') return 2;
  if (lower.startsWith('rc')) return 3;
  if (lower.startsWith('pl') || lower === 'p' || lower === 'patch') return 5;
  return -1;
}

const isNumber = (part: string): boolean => /^\d+$/.test(part);

function compareParts(a: readonly string[], b: readonly string[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const left = a[i] as string;
    const right = b[i] as string;
    let result: number;
    if (isNumber(left) && isNumber(right)) {
      const l = BigInt(left);
      const r = BigInt(right);
      result = l < r ? -1 : l > r ? 1 : 0;
    } else {
      result = Math.sign(weight(isNumber(left) ? NUMBER : left) - weight(isNumber(right) ? NUMBER : right));
    }
    if (result !== 0) return result;
  }
  if (a.length > b.length) return isNumber(a[shared] as string) ? 1 : compareParts(a.slice(shared), [NUMBER]);
  if (a.length < b.length) return isNumber(b[shared] as string) ? -1 : compareParts([NUMBER], b.slice(shared));
  return 0;
}

export function comparePackagist(a: string, b: string): number {
  return compareParts(canonical(a), canonical(b));
}

export const packagistScheme: VersionScheme = {
  name: 'packagist',
  valid: (version) => canonical(version).length > 0,
  compare: comparePackagist,
};
