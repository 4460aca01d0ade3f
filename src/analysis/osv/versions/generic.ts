/**
 * A fallback order for ecosystems without a scheme of their own (CRAN `1.2-3`, Conan): numeric runs compare as
 * numbers, other runs as text, and a missing part sorts before a present one. Only versions made of digits,
 * letters and `.`/`-`/`_`/`+` separators are accepted.
 */
import type { VersionScheme } from './scheme.js';

function tokens(version: string): string[] {
  return version.trim().replace(/^[vV]/, '').match(/\d+|[A-Za-z]+/g) ?? [];
}

export function compareGeneric(a: string, b: string): number {
  const left = tokens(a);
  const right = tokens(b);
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const l = left[i];
    const r = right[i];
    if (l === undefined) return -1;
    if (r === undefined) return 1;
    const lNum = /^\d/.test(l);
    const rNum = /^\d/.test(r);
    let result: number;
    if (lNum && rNum) {
      const x = BigInt(l);
      const y = BigInt(r);
      result = x < y ? -1 : x > y ? 1 : 0;
    } else if (lNum !== rNum) {
      result = lNum ? 1 : -1;
    } else {
      result = l < r ? -1 : l > r ? 1 : 0;
    }
    if (result !== 0) return result;
  }
  return 0;
}

export const genericScheme: VersionScheme = {
  name: 'generic',
  valid: (version) => /^[vV]?\d[0-9A-Za-z.\-_+]*$/.test(version.trim()),
  compare: compareGeneric,
};
