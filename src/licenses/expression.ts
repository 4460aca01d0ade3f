/**
 * SPDX license expressions: parsed with spdx-expression-parse; declarations that are not valid expressions
 * ("Apache 2.0", "BSD", "GPLv2+", "mit") are repaired with spdx-correct, one operand at a time, the way npm
 * reads package.json `license` fields.
 */
import { createRequire } from 'node:module';
import correct from 'spdx-correct';

const require = createRequire(import.meta.url);
// spdx-expression-parse 4 is CommonJS; its typings are those of 3.x, which the 4.x API keeps.
const parse = require('spdx-expression-parse') as (source: string) => RawNode;

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

/** Operators between operands of free-text declarations ("MIT/Apache-2.0", "MIT or Apache 2.0"). */
const OPERATOR = /(\s+(?:AND|OR|WITH)\s+|\s*\/\s*)/i;

/**
 * The expression a declaration stands for, or null when it names no known license. Accepts valid SPDX
 * expressions, case variants ("mit", "apache-2.0"), and common free-text names that spdx-correct knows.
 */
export function parseLicenseExpression(declared: string): LicenseNode | null {
  if (declared.trim() === '' || declared.length > 500) return null;
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
