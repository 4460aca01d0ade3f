/**
 * SPDX ids <-> ScanCode license keys, and expressions in both spellings: `GPL-2.0-or-later` is `gpl-2.0-plus`,
 * `BSD-3-Clause` is `bsd-new`, `LicenseRef-scancode-foo` is `foo`. ScanCode writes keys in lower case and
 * expressions with lower-case keys and upper-case operators (`mit OR apache-2.0`).
 */
import type { LicenseNode } from './expression.js';
import { SCANCODE_KEYS } from './scancode-keys.data.js';

const keyBySpdx = new Map<string, string>();
const spdxByKey = new Map<string, string>();
for (const [key, spdx] of SCANCODE_KEYS) {
  if (!key || !spdx) continue;
  spdxByKey.set(key, spdx);
  // The key's own id wins over ids other keys answer to.
  keyBySpdx.set(spdx.toLowerCase(), key);
}
for (const [key, , ...others] of SCANCODE_KEYS) {
  for (const other of others) if (key && !keyBySpdx.has(other.toLowerCase())) keyBySpdx.set(other.toLowerCase(), key);
}

const REF_PREFIX = 'licenseref-scancode-';

/** The ScanCode key of an SPDX id (license or exception); `unknown-spdx` for ids ScanCode does not know. */
export function scancodeKey(spdxId: string): string {
  const lower = spdxId.toLowerCase();
  const known = keyBySpdx.get(lower);
  if (known) return known;
  if (lower.startsWith(REF_PREFIX)) return lower.slice(REF_PREFIX.length);
  if (lower.startsWith('licenseref-') || lower.startsWith('documentref-')) return 'unknown-license-reference';
  return 'unknown-spdx';
}

/** The SPDX id of a ScanCode key (`LicenseRef-scancode-<key>` for keys without an SPDX id of their own). */
export function spdxOfKey(key: string): string {
  return spdxByKey.get(key) ?? `LicenseRef-scancode-${key}`;
}

/** A leaf's SPDX id with its `+` folded in (`GPL-2.0+` is GPL-2.0-or-later). */
function leafSpdx(license: string, plus: boolean): string {
  if (!plus) return license;
  const orLater = license.replace(/-only$/, '') + '-or-later';
  return keyBySpdx.has(orLater.toLowerCase()) ? orLater : `${license}+`;
}

function render(node: LicenseNode, leaf: (id: string) => string, parent: 'and' | 'or' | null): string {
  if ('conjunction' in node) {
    const inner = `${render(node.left, leaf, node.conjunction)} ${node.conjunction.toUpperCase()} ${render(node.right, leaf, node.conjunction)}`;
    return parent !== null && parent !== node.conjunction ? `(${inner})` : inner;
  }
  const id = leaf(leafSpdx(node.license, node.plus));
  return node.exception ? `${id} WITH ${leaf(node.exception)}` : id;
}

/** The expression with ScanCode keys: `mit OR gpl-2.0-plus`. */
export function toScancodeExpression(node: LicenseNode): string {
  return render(node, (id) => scancodeKey(id), null);
}

/** The expression with SPDX ids as ScanCode writes them (its key's canonical SPDX id for each license). */
export function toSpdxExpression(node: LicenseNode): string {
  return render(node, (id) => spdxOfKey(scancodeKey(id)), null);
}
