/**
 * The grammar: a cascade of chunk rules over word classes, ScanCode's approach (its grammar is applied by
 * pygmars, a regular-expression chunker). Each rule is `LABEL: pattern`, the pattern a regular expression over
 * classes written `<A|B>`, with `( ) ? * + {m,n}`. The rules run once each, in order; a rule's matches become
 * nodes labelled LABEL, which later rules see as one item of that class. The top-level COPYRIGHT and AUTHOR
 * nodes are the statements.
 *
 * The rules, bottom-up:
 *  - YRS: years, ranges and lists ("1999, 2000-2003 and 2010", "2015 - present");
 *  - ARR: "All rights reserved" and its translations, dropped from statements as ScanCode drops it;
 *  - NAME: proper nouns and company suffixes, joined by "of", "for", "van", "de" ("The Regents of the University
 *    of California", "Free Software Foundation, Inc."); a proper noun that ends a sentence ends the name;
 *  - GROUP: a group noun with what qualifies it ("The Go Authors", "its affiliates", "the original author or
 *    authors", "Open source contributors");
 *  - NAMEMAIL: a name (or a user name) with its e-mail address or URL;
 *  - ANDCO: "and others", "et al.", "and other contributors", "and/or its affiliates";
 *  - HOLDER: names joined by "and", commas or years; an e-mail or URL separates two names by itself;
 *  - COPYRIGHT: the copyright word or sign, "by", years, then a holder; or years alone; or years and a user
 *    name that ends the statement ("Copyright (c) 2017 odahcam"); "Portions" may lead;
 *  - AUTHOR: "Author:", "@author", "Authors:", "Contributors:" or "written/created/developed by", then a holder.
 */
import type { WordClass } from './classes.js';
import type { Token } from './lex.js';

export type NodeLabel = 'YRS' | 'ARR' | 'NAME' | 'GROUP' | 'NAMEMAIL' | 'ANDCO' | 'HOLDER' | 'COPYRIGHT' | 'AUTHOR';

export interface Node {
  readonly tag: NodeLabel;
  readonly children: readonly Item[];
}

export type Item = Token | Node;

/** The rules, in the order they run. */
const GRAMMAR = `
  YRS:       <YR> (<CC|DASH>? <YR|BARE|PRESENT>)*
  ARR:       <ALL> <RIGHTS> <ARE>? <RESERVED>
  NAME:      <NNP|COMP> ((<OF|VAN>+ <THE>?)? <NNP|COMP>)* ((<OF|VAN>+ <THE>?)? <NNPDOT>)?
  NAME:      <NNPDOT>
  NAME:      <THE> <NAME>
  GROUP:     <THE>? <OTHER>? <AUTH|AUTHS> <OR|CC> <AUTHS>
  GROUP:     <THE>? <OTHER>* <NAME|NN>? <NN>? <AUTHS>
  NAMEMAIL:  <NAME|GROUP> <EMAIL>+ <URL>?
  NAMEMAIL:  <NN> <NN>? <EMAIL>+ <URL>?
  NAMEMAIL:  <NAME|GROUP> <URL>
  NAMEMAIL:  <EMAIL> <NAME>
  ANDCO:     <CC|OR>* <OTH>
  ANDCO:     <CC|OR>+ <GROUP>
  HOLDER:    ((<NAME|GROUP> | <NAMEMAIL|EMAIL|URL> <ANDCO>?) <CC|OR|YRS>+ <THE>? | <NAMEMAIL|EMAIL|URL> <ANDCO>?)* <NAME|NAMEMAIL|GROUP|EMAIL|URL> <ANDCO>* <URL|EMAIL>?
  COPYRIGHT: <PORTIONS>? <COPY>+ (<ARR> <BY>?)? <BY>? (<YRS> <CC>? <BY>?)? <HOLDER> <YRS>? <ARR>?
  COPYRIGHT: <PORTIONS>? <COPY>+ <YRS> <NN> <NN>? (?!<NN|NNP>) <ARR>?
  COPYRIGHT: <PORTIONS>? <COPY>+ <YRS> <ARR>?
  AUTHOR:    <AUTH>+ <BY>? <HOLDER>
  AUTHOR:    <AUTH2> <BY> <HOLDER>
`;

interface Rule {
  readonly label: NodeLabel;
  readonly pattern: RegExp;
}

/** `<A|B>` → `(?:<(?:A|B)>)`; the rest is regular-expression syntax over the encoded sequence. */
function compile(grammar: string): Rule[] {
  return grammar
    .trim()
    .split('\n')
    .map((line) => {
      const at = line.indexOf(':');
      const label = line.slice(0, at).trim() as NodeLabel;
      const body = line
        .slice(at + 1)
        .replace(/\s+/g, '')
        .replace(/<([A-Z0-9|]+)>/g, (_, tags: string) => `(?:<(?:${tags})>)`);
      return { label, pattern: new RegExp(body, 'g') };
    });
}

const RULES = compile(GRAMMAR);

export function isNode(item: Item): item is Node {
  return 'children' in item;
}

/** The tag of an item as the grammar sees it: a token's class (a sentence-ending proper noun is NNPDOT) or a node's label. */
function tagOf(item: Item): string {
  if (isNode(item)) return item.tag;
  return item.tag === 'NNP' && item.endsSentence ? 'NNPDOT' : item.tag;
}

/** A sequence encoded for the rules: `<TAG>` per item, and the item that starts at each offset. */
interface Encoded {
  readonly text: string;
  /** Item index at each character offset where an item starts (and `items.length` at the end); holes elsewhere. */
  readonly indexAt: readonly (number | undefined)[];
}

function encode(items: readonly Item[]): Encoded {
  let text = '';
  const indexAt: number[] = [];
  for (let index = 0; index < items.length; index++) {
    indexAt[text.length] = index;
    text += `<${tagOf(items[index] as Item)}>`;
  }
  indexAt[text.length] = items.length;
  return { text, indexAt };
}

/** The items with the rule's matches made nodes, or null when the rule matches nowhere. */
function applyRule(items: Item[], encoded: Encoded, rule: Rule): Item[] | null {
  const out: Item[] = [];
  let cursor = 0;
  rule.pattern.lastIndex = 0;
  for (let match = rule.pattern.exec(encoded.text); match; match = rule.pattern.exec(encoded.text)) {
    if (match[0] === '') {
      rule.pattern.lastIndex++;
      continue;
    }
    const start = encoded.indexAt[match.index];
    const end = encoded.indexAt[match.index + match[0].length];
    if (start === undefined || end === undefined) continue;
    for (let i = cursor; i < start; i++) out.push(items[i] as Item);
    out.push({ tag: rule.label, children: items.slice(start, end) });
    cursor = end;
  }
  if (cursor === 0) return null;
  for (let i = cursor; i < items.length; i++) out.push(items[i] as Item);
  return out;
}

/** The parse of a token sequence: the cascade of rules applied once each. */
export function parse(tokens: readonly Token[]): Item[] {
  let items: Item[] = [...tokens];
  let encoded = encode(items);
  for (const rule of RULES) {
    const next = applyRule(items, encoded, rule);
    if (next) {
      items = next;
      encoded = encode(items);
    }
  }
  return items;
}

/** The tokens under an item, in order, leaving out the subtrees whose label or class is in `skip`. */
export function leaves(item: Item, skip: ReadonlySet<string> = new Set()): Token[] {
  const out: Token[] = [];
  const walk = (node: Item): void => {
    if (skip.has(node.tag)) return;
    if (isNode(node)) for (const child of node.children) walk(child);
    else out.push(node);
  };
  walk(item);
  return out;
}

/** Whether an item holds a subtree or token of the given class or label. */
export function contains(item: Item, tag: NodeLabel | WordClass): boolean {
  if (item.tag === tag) return true;
  return isNode(item) && item.children.some((child) => contains(child, tag));
}
