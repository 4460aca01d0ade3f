/**
 * NuGet versions (NuGet.Versioning's NuGetVersion): up to four numeric parts (missing ones are 0, so `1.0` =
 * `1.0.0.0`), an optional SemVer 2 pre-release compared case-insensitively, build metadata ignored. Small and
 * fully specified; no maintained npm package implements the four-part form, so it is written here.
 */
import type { VersionScheme } from './scheme.js';

interface NuGetVersion {
  readonly parts: readonly bigint[];
  readonly pre: readonly string[];
}

const PATTERN = /^[vV]?(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]*)?$/;

export function parseNuGet(version: string): NuGetVersion | null {
  const match = PATTERN.exec(version.trim());
  if (!match?.[1]) return null;
  const parts = match[1].split('.').map((part) => BigInt(part));
  while (parts.length < 4) parts.push(0n);
  return { parts, pre: match[2] ? match[2].split('.') : [] };
}

function compareLabel(a: string, b: string): number {
  const aNum = /^\d+$/.test(a);
  const bNum = /^\d+$/.test(b);
  if (aNum && bNum) {
    const l = BigInt(a);
    const r = BigInt(b);
    return l < r ? -1 : l > r ? 1 : 0;
  }
  if (aNum !== bNum) return aNum ? -1 : 1;
  const l = a.toLowerCase();
  const r = b.toLowerCase();
  return l < r ? -1 : l > r ? 1 : 0;
}

export function compareNuGet(a: string, b: string): number {
  const left = parseNuGet(a);
  const right = parseNuGet(b);
  if (!left || !right) throw new Error(`not a NuGet version: ${left ? b : a}`);
  for (let i = 0; i < 4; i++) {
    const l = left.parts[i] as bigint;
    const r = right.parts[i] as bigint;
    if (l !== r) return l < r ? -1 : 1;
  }
  // A release sorts after its pre-releases.
  if (left.pre.length === 0 && right.pre.length === 0) return 0;
  if (left.pre.length === 0) return 1;
  if (right.pre.length === 0) return -1;
  const length = Math.max(left.pre.length, right.pre.length);
  for (let i = 0; i < length; i++) {
    const l = left.pre[i];
    const r = right.pre[i];
    if (l === undefined) return -1;
    if (r === undefined) return 1;
    const result = compareLabel(l, r);
    if (result !== 0) return result;
  }
  return 0;
}

export const nugetScheme: VersionScheme = {
  name: 'nuget',
  valid: (version) => parseNuGet(version) !== null,
  compare: compareNuGet,
};
