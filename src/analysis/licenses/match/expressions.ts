/**
 * ScanCode license expressions (keys joined by AND, OR, WITH) as strings: combining the expressions of several
 * matches into one, and rendering keys as SPDX ids. Expressions here come from the LicenseDB's rules and from
 * SPDX tags, so a small grammar is enough: keys, the three operators and parentheses.
 */

const OPERATOR = /^(?:and|or|with)$/i;
const TOKEN = /\(|\)|[^\s()]+/g;

/** Whether the expression needs parentheses to be one operand of AND. */
function needsParens(expression: string): boolean {
  let depth = 0;
  for (const [token] of expression.matchAll(TOKEN)) {
    if (token === '(') depth++;
    else if (token === ')') depth--;
    else if (depth === 0 && /^(?:and|or)$/i.test(token)) return true;
  }
  return false;
}

/** The AND operands at the top level of an expression (one operand when it is not an AND). */
export function andOperands(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current: string[] = [];
  let sawOr = false;
  for (const [token] of expression.matchAll(TOKEN)) {
    if (token === '(') depth++;
    if (token === ')') depth--;
    if (depth === 0 && /^or$/i.test(token)) sawOr = true;
    if (depth === 0 && /^and$/i.test(token)) {
      parts.push(current.join(' '));
      current = [];
      continue;
    }
    current.push(token);
  }
  parts.push(current.join(' '));
  if (sawOr) return [normalize(expression)];
  return parts.map((part) => normalize(stripOuterParens(part)));
}

function stripOuterParens(expression: string): string {
  let text = expression.trim();
  while (text.startsWith('(') && text.endsWith(')') && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim();
  return text;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Single spaces, operators upper-case, no space inside parentheses. */
function normalize(expression: string): string {
  return [...expression.matchAll(TOKEN)]
    .map(([token]) => (OPERATOR.test(token) ? token.toUpperCase() : token))
    .join(' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')');
}

/**
 * The expressions joined by AND, each operand once (ScanCode's combine with unique=True): ['mit', 'mit'] gives
 * 'mit'; ['mit', 'apache-2.0 OR mit'] gives 'mit AND (apache-2.0 OR mit)'. Null for an empty list.
 */
export function combineAnd(expressions: readonly string[]): string | null {
  const operands: string[] = [];
  const seen = new Set<string>();
  for (const expression of expressions) {
    for (const operand of andOperands(expression)) {
      if (!operand || seen.has(operand.toLowerCase())) continue;
      seen.add(operand.toLowerCase());
      operands.push(operand);
    }
  }
  if (operands.length === 0) return null;
  if (operands.length === 1) return operands[0] as string;
  return operands.map((operand) => (needsParens(operand) ? `(${operand})` : operand)).join(' AND ');
}

/** Whether the expression is one key (no operator). */
export function isSingleKey(expression: string): boolean {
  return /^[^\s()]+$/.test(expression.trim());
}

/** The keys of an expression, in order. */
export function keysOf(expression: string): string[] {
  return [...expression.matchAll(TOKEN)].map(([token]) => token).filter((token) => token !== '(' && token !== ')' && !OPERATOR.test(token));
}

/** The expression with each key replaced (operators and parentheses kept). */
export function mapKeys(expression: string, map: (key: string) => string): string {
  return normalize(
    [...expression.matchAll(TOKEN)]
      .map(([token]) => (token === '(' || token === ')' || OPERATOR.test(token) ? token : map(token)))
      .join(' '),
  );
}
