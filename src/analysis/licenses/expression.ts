/**
 * SPDX license expressions: parsed with spdx-expression-parse; declarations that are not valid expressions
 * ("Apache 2.0", "BSD", "GPLv2+", "mit") are repaired with spdx-correct, one operand at a time, the way npm
 * reads package.json `license` fields.
 */
import { createRequire } from 'node:module';
import type Correct from 'spdx-correct';

const require = createRequire(import.meta.url);
// Loaded on first use: spdx-correct builds its tables when loaded (~20 ms), which a process that never reads
// a malformed declaration should not pay. spdx-expression-parse 4 is CommonJS; its typings are those of 3.x,
// which the 4.x API keeps.
let correctOnce: typeof Correct | null = null;
let parseOnce: ((source: string) => RawNode) | null = null;

/** spdx-correct, loaded on first use. */
export function correct(text: string, options: { upgrade: boolean }): string | null {
  correctOnce ??= require('spdx-correct') as typeof Correct;
  return correctOnce(text, options);
}

function parse(source: string): RawNode {
  parseOnce ??= require('spdx-expression-parse') as (source: string) => RawNode;
  return parseOnce(source);
}

interface RawLeaf {
  license: string;
  plus?: boolean;
  exception?: string;
}
interface RawConjunction {
  conjunction: 'and' | 'or';
  left: RawNode;
  right: RawNode;
}
type RawNode = RawLeaf | RawConjunction;

export type LicenseLeaf = { readonly license: string; readonly plus: boolean; readonly exception: string | null };
export type LicenseConjunction = { readonly conjunction: 'and' | 'or'; readonly left: LicenseNode; readonly right: LicenseNode };
export type LicenseNode = LicenseLeaf | LicenseConjunction;

function convert(node: RawNode): LicenseNode {
  if ('conjunction' in node) return { conjunction: node.conjunction, left: convert(node.left), right: convert(node.right) };
  return { license: node.license, plus: node.plus === true, exception: node.exception ?? null };
}

function tryParse(text: string): LicenseNode | null {
  try {
    return convert(parse(text));
  } catch {
    return null;
  }
}

/** Where the address names the license: spdx.org, opensource.org, choosealicense.com, apache.org, gnu.org, mozilla.org. */
const LICENSE_URLS: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [/^(?:spdx\.org|opensource\.org|choosealicense\.com)\/licenses?\/([A-Za-z0-9.+-]+?)(?:\.html|\.php|\.json|\.txt)?\/?$/, (m) => m[1] ?? ''],
  [/^(?:www\.)?apache\.org\/licenses\/LICENSE-(\d\.\d)(?:\.txt|\.html)?\/?$/i, (m) => `Apache-${m[1] ?? ''}`],
  [/^(?:www\.)?gnu\.org\/licenses\/(a?gpl|lgpl|fdl)(?:-(\d\.\d))?(?:\.html|\.txt|\.en\.html)?\/?$/i, (m) => `${(m[1] ?? '').toUpperCase()}-${m[2] ?? ''}`],
  [/^(?:www\.)?mozilla\.org\/(?:en-US\/)?MPL\/(\d\.\d)\/?$/i, (m) => `MPL-${m[1] ?? ''}`],
];

function licenseFromUrl(url: string): LicenseNode | null {
  const address = url.replace(/^[a-z]+:\/\/(?:www\.)?/i, '').replace(/[?#].*$/, '');
  for (const [pattern, id] of LICENSE_URLS) {
    const match = pattern.exec(address);
    if (!match) continue;
    const candidate = id(match);
    const node = tryParse(candidate) ?? tryParse(correct(candidate, { upgrade: true }) ?? '');
    if (node) return node;
  }
  return null;
}

/** Operators between operands of free-text declarations ("MIT/Apache-2.0", "MIT or Apache 2.0"). */
const OPERATOR = /(\s+(?:AND|OR|WITH)\s+|\s*\/\s*)/i;

/**
 * The expression a declaration stands for, or null when it names no known license. Accepts valid SPDX
 * expressions, case variants ("mit", "apache-2.0"), and common free-text names that spdx-correct knows.
 */
export function parseLicenseExpression(declared: string): LicenseNode | null {
  if (declared.trim() === '' || declared.length > 500) return null;
  // spdx-correct guesses on any text, and on a URL its guesses are arbitrary (a custom license's page came back
  // as MPL-2.0): URLs are read only where the address itself names the license.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(declared.trim())) return licenseFromUrl(declared.trim());
  const direct = tryParse(declared.trim());
  if (direct) return direct;
  const text = declared.trim().replace(/^\(([^()]*)\)$/s, '$1').trim();
  const corrected = correct(text, { upgrade: true });
  if (corrected) {
    const node = tryParse(corrected);
    if (node) return node;
  }
  // Repair each operand on its own: "Apache 2.0 OR mit" -> "Apache-2.0 OR MIT"; "/" means OR.
  const tokens = text.split(OPERATOR);
  if (tokens.length < 3) return null;
  const rebuilt: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? '').trim();
    if (i % 2 === 1) {
      rebuilt.push(token === '/' || token === '' ? 'OR' : token.toUpperCase());
    } else if (rebuilt[rebuilt.length - 1] === 'WITH') {
      rebuilt.push(token);
    } else {
      const fixed = correct(token.replace(/^\(|\)$/g, ''), { upgrade: true });
      if (!fixed) return null;
      rebuilt.push(fixed);
    }
  }
  return tryParse(rebuilt.join(' '));
}

/** The expression in SPDX syntax, with parentheses only where precedence needs them. */
export function renderSpdx(node: LicenseNode, parent: 'and' | 'or' | null = null): string {
  if ('conjunction' in node) {
    const inner = `${renderSpdx(node.left, node.conjunction)} ${node.conjunction.toUpperCase()} ${renderSpdx(node.right, node.conjunction)}`;
    return parent === 'and' && node.conjunction === 'or' ? `(${inner})` : inner;
  }
  return `${node.license}${node.plus ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`;
}

/** Every license leaf, left to right. */
export function leaves(node: LicenseNode): LicenseLeaf[] {
  return 'conjunction' in node ? [...leaves(node.left), ...leaves(node.right)] : [node];
}

/** AND of several expressions (null when none). */
export function andAll(nodes: readonly LicenseNode[]): LicenseNode | null {
  let out: LicenseNode | null = null;
  for (const node of nodes) out = out ? { conjunction: 'and', left: out, right: node } : node;
  return out;
}
