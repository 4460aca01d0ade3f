/**
 * Builds the LicenseDB index from ScanCode's raw data (data/scancode-licensedb/licensedb.json.gz: every license
 * and rule file with its YAML front matter as JSON, see that folder's README): tokenises every rule text and
 * every license text once, assigns token ids, and fills the columns licensedb-format.ts stores. This is the
 * expensive part (a couple of seconds of CPU); `npm run build` does it once, a process only loads the result.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import type { parse as ParseYaml } from 'yaml';
import {
  FLAG,
  hashTokenIds,
  NO_RELEVANCE,
  type LicenseDbColumns,
  type LicenseDbLicense,
  type LicenseDbSource,
  type RuleExtras,
} from './licensedb-format.js';
import { buildPostings } from './licensedb-postings.js';
import { tokenize, tokenizeRule } from './licensedb-tokenize.js';

/** Fields of a rule or license file that the index keeps (the data holds more: notes, URLs, owners). */
interface RawCommon {
  readonly text: string;
  readonly minimum_coverage?: number;
  readonly is_deprecated?: boolean;
  readonly ignorable_urls?: string[];
  readonly ignorable_emails?: string[];
  readonly ignorable_copyrights?: string[];
  readonly ignorable_holders?: string[];
  readonly ignorable_authors?: string[];
  readonly language?: string;
}

interface RawRule extends RawCommon {
  readonly file: string;
  readonly license_expression?: string;
  readonly is_license_text?: boolean;
  readonly is_license_notice?: boolean;
  readonly is_license_reference?: boolean;
  readonly is_license_tag?: boolean;
  readonly is_license_intro?: boolean;
  readonly is_license_clue?: boolean;
  readonly is_false_positive?: boolean;
  readonly is_continuous?: boolean;
  readonly relevance?: number;
  readonly referenced_filenames?: string[];
}

interface RawLicense extends RawCommon {
  readonly key: string;
  readonly name?: string;
  readonly short_name?: string;
  readonly category?: string;
  readonly spdx_license_key?: string;
  readonly other_spdx_license_keys?: string[];
  readonly is_exception?: boolean;
  readonly is_unknown?: boolean;
  readonly is_generic?: boolean;
}

export interface RawLicenseDb {
  readonly source?: string;
  readonly commit?: string;
  readonly version?: string;
  readonly data_license?: string;
  readonly attribution?: string;
  readonly licenses: RawLicense[];
  readonly rules: RawRule[];
}

/** Parses the gzipped data file, with a clear error when it is not LicenseDB data. */
export function parseLicenseDbData(gzipped: Buffer): RawLicenseDb {
  let data: unknown;
  try {
    data = JSON.parse(gunzipSync(gzipped).toString('utf8'));
  } catch (error) {
    throw new Error(`not a gzipped JSON file: ${(error as Error).message}`);
  }
  const db = data as Partial<RawLicenseDb> | null;
  if (!db || typeof db !== 'object' || !Array.isArray(db.licenses) || !Array.isArray(db.rules)) {
    throw new Error('not LicenseDB data: expected an object with "licenses" and "rules" arrays');
  }
  db.licenses.forEach((license, i) => {
    if (typeof license?.key !== 'string' || typeof license.text !== 'string' || license.key.includes('\n')) {
      throw new Error(`licenses[${i}]: a license needs a one-line "key" and a "text"`);
    }
  });
  db.rules.forEach((rule, i) => {
    if (typeof rule?.file !== 'string' || typeof rule.text !== 'string' || rule.file.includes('\n')) {
      throw new Error(`rules[${i}]: a rule needs a one-line "file" and a "text"`);
    }
    if (rule.license_expression !== undefined && (typeof rule.license_expression !== 'string' || rule.license_expression.includes('\n'))) {
      throw new Error(`rules[${i}] (${rule.file}): "license_expression" must be a one-line string`);
    }
  });
  return { ...(db as RawLicenseDb), rules: db.rules.map(withFrontMatter) };
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/**
 * A few rule files use CRLF line ends, and the export kept their YAML front matter inside `text` (4 today,
 * kfgqpc-uthmanic-script-hafs_*.RULE, with no `license_expression`): read it as ScanCode reads a rule file, so
 * the text is the license prose and the attributes are the file's. Fields the export did parse win.
 */
function withFrontMatter(rule: RawRule): RawRule {
  const found = rule.license_expression === undefined ? FRONT_MATTER.exec(rule.text) : null;
  if (!found) return rule;
  let fields: unknown;
  try {
    // Required here, not imported: the YAML parser costs ~20 ms to load, and only a build from raw data needs it.
    const { parse } = createRequire(import.meta.url)('yaml') as { parse: typeof ParseYaml };
    fields = parse(found[1] as string);
  } catch {
    return rule;
  }
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return rule;
  // YAML's `yes` is a string in YAML 1.2; ScanCode's files mean true by it.
  const normalised = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value === 'yes' ? true : value === 'no' ? false : value]));
  return { ...normalised, ...rule, text: rule.text.slice(found[0].length) };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One rule before ids are final: provisional token ids (first-seen order) and its attributes. */
interface Pending {
  readonly identifier: string;
  readonly expression: string;
  readonly flags: number;
  readonly relevance: number;
  readonly minimumCoverage: number;
  readonly ids: number[];
  readonly required: [number, number][];
  readonly raw: RawCommon & { referenced_filenames?: string[] };
}

function kindFlags(rule: RawRule): number {
  let flags = 0;
  if (rule.is_license_text) flags |= FLAG.TEXT;
  if (rule.is_license_notice) flags |= FLAG.NOTICE;
  if (rule.is_license_reference) flags |= FLAG.REFERENCE;
  if (rule.is_license_tag) flags |= FLAG.TAG;
  if (rule.is_license_intro) flags |= FLAG.INTRO;
  if (rule.is_license_clue) flags |= FLAG.CLUE;
  if (rule.is_false_positive) flags |= FLAG.FALSE_POSITIVE;
  if (rule.is_continuous) flags |= FLAG.CONTINUOUS;
  if (rule.is_deprecated) flags |= FLAG.DEPRECATED;
  if (!rule.text.trim().includes('\n')) flags |= FLAG.ONE_LINE;
  return flags;
}

function percent(value: number | undefined, absent: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.min(100, Math.round(value))) : absent;
}

/** The columns of the index (key and dataSha256 as given: they name what the index was built from). */
export function buildLicenseDbColumns(data: RawLicenseDb, key: string, dataSha256: string): LicenseDbColumns {
  const provisional = new Map<string, number>();
  const idOf = (word: string): number => {
    let id = provisional.get(word);
    if (id === undefined) provisional.set(word, (id = provisional.size));
    return id;
  };
  const pending: Pending[] = [];
  for (const rule of data.rules) {
    const { words, required } = tokenizeRule(rule.text);
    pending.push({
      identifier: rule.file,
      expression: rule.license_expression?.trim() ?? '',
      flags: kindFlags(rule),
      relevance: percent(rule.relevance, NO_RELEVANCE),
      minimumCoverage: percent(rule.minimum_coverage, 0),
      ids: words.map(idOf),
      required,
      raw: rule,
    });
  }
  // A license's text is a rule of its own key (ScanCode's `<key>.LICENSE` rule identifier), at full relevance.
  for (const license of data.licenses) {
    pending.push({
      identifier: `${license.key}.LICENSE`,
      expression: license.key,
      flags: FLAG.TEXT | FLAG.FROM_LICENSE | (license.is_deprecated ? FLAG.DEPRECATED : 0),
      relevance: 100,
      minimumCoverage: percent(license.minimum_coverage, 0),
      ids: tokenize(license.text).map(idOf),
      required: [],
      raw: license,
    });
  }

  // Final ids: rarest word first (by the number of rules holding it, then alphabetically), so that a matcher can
  // tell discriminating words from common ones by comparing ids.
  const words = [...provisional.keys()];
  const df = new Uint32Array(words.length);
  const seen = new Int32Array(words.length).fill(-1);
  pending.forEach((rule, r) => {
    for (const id of rule.ids) {
      if (seen[id] === r) continue;
      seen[id] = r;
      df[id] = (df[id] as number) + 1;
    }
  });
  const order = words.map((_, id) => id).sort((a, b) => (df[a] as number) - (df[b] as number) || (words[a]! < words[b]! ? -1 : 1));
  const finalId = new Uint32Array(words.length);
  order.forEach((provisionalId, id) => (finalId[provisionalId] = id));
  const dictionary = order.map((id) => words[id] as string);
  const docFreq = Uint32Array.from(order, (id) => df[id] as number);

  const total = pending.reduce((sum, rule) => sum + rule.ids.length, 0);
  const tokens = dictionary.length <= 0xffff ? new Uint16Array(total) : new Uint32Array(total);
  const n = pending.length;
  const ruleStarts = new Uint32Array(n + 1);
  const flags = new Uint16Array(n);
  const relevance = new Uint8Array(n);
  const minimumCoverage = new Uint8Array(n);
  const expression = new Uint32Array(n);
  const requiredStarts = new Uint32Array(n + 1);
  const spanCount = pending.reduce((sum, rule) => sum + rule.required.length, 0);
  const requiredSpans = new Uint32Array(2 * spanCount);
  const hashes = new Uint32Array(n);
  const expressions = [''];
  const expressionIndex = new Map<string, number>([['', 0]]);
  const extras: RuleExtras = {
    referenced_filenames: {},
    ignorable_urls: {},
    ignorable_emails: {},
    ignorable_copyrights: {},
    ignorable_holders: {},
    ignorable_authors: {},
    language: {},
  };
  let at = 0;
  let span = 0;
  pending.forEach((rule, r) => {
    ruleStarts[r] = at;
    for (const id of rule.ids) tokens[at++] = finalId[id] as number;
    hashes[r] = hashTokenIds(tokens, ruleStarts[r], at);
    flags[r] = rule.flags;
    relevance[r] = rule.relevance;
    minimumCoverage[r] = rule.minimumCoverage;
    let e = expressionIndex.get(rule.expression);
    if (e === undefined) expressionIndex.set(rule.expression, (e = expressions.push(rule.expression) - 1));
    expression[r] = e;
    requiredStarts[r] = span;
    for (const [start, end] of rule.required) {
      requiredSpans[2 * span] = start;
      requiredSpans[2 * span + 1] = end;
      span++;
    }
    const raw = rule.raw;
    for (const field of ['referenced_filenames', 'ignorable_urls', 'ignorable_emails', 'ignorable_copyrights', 'ignorable_holders', 'ignorable_authors'] as const) {
      const values = raw[field];
      if (Array.isArray(values) && values.length > 0) extras[field][r] = values.map(String);
    }
    if (typeof raw.language === 'string') extras.language[r] = raw.language;
  });
  ruleStarts[n] = at;
  requiredStarts[n] = span;
  const sequenceOrder = sortBySequence(tokens, ruleStarts, (r) => ((flags[r] as number) & FLAG.DEPRECATED) === 0);
  const postings = buildPostings(tokens, ruleStarts, docFreq, (r) => ((flags[r] as number) & (FLAG.DEPRECATED | FLAG.FALSE_POSITIVE)) === 0);

  const licenses: LicenseDbLicense[] = data.licenses.map((license, i) => ({
    key: license.key,
    name: license.name ?? license.key,
    shortName: license.short_name ?? license.name ?? license.key,
    category: license.category ?? '',
    spdx: license.spdx_license_key?.trim() || `LicenseRef-scancode-${license.key}`,
    otherSpdx: (license.other_spdx_license_keys ?? []).map(String),
    isException: license.is_exception === true,
    isDeprecated: license.is_deprecated === true,
    isUnknown: license.is_unknown === true,
    isGeneric: license.is_generic === true,
    rule: data.rules.length + i,
  }));
  const source: LicenseDbSource = {
    source: data.source ?? '',
    commit: data.commit ?? '',
    version: data.version ?? '',
    dataLicense: data.data_license ?? '',
    attribution: data.attribution ?? '',
  };
  return {
    key,
    dataSha256,
    source,
    dictionary,
    docFreq,
    tokens,
    ruleStarts,
    flags,
    relevance,
    minimumCoverage,
    expression,
    requiredStarts,
    requiredSpans,
    hashes,
    sequenceOrder,
    postings,
    identifiers: pending.map((rule) => rule.identifier),
    expressions,
    licenses,
    extras,
    dataRules: data.rules.length,
  };
}

/**
 * The rules that are matched (not deprecated, not empty) sorted by their token sequences: the exact matcher's
 * "trie laid flat" (match/exact.ts). Sorting 37k rules by comparing their tokens costs ~80 ms, so it is done here,
 * once, rather than in every process that matches.
 */
function sortBySequence(tokens: ArrayLike<number>, ruleStarts: Uint32Array, include: (rule: number) => boolean): Uint32Array {
  const rules: number[] = [];
  for (let r = 0; r + 1 < ruleStarts.length; r++) if (include(r) && (ruleStarts[r + 1] as number) > (ruleStarts[r] as number)) rules.push(r);
  rules.sort((a, b) => {
    let i = ruleStarts[a] as number;
    let j = ruleStarts[b] as number;
    const iEnd = ruleStarts[a + 1] as number;
    const jEnd = ruleStarts[b + 1] as number;
    for (; i < iEnd && j < jEnd; i++, j++) {
      const d = (tokens[i] as number) - (tokens[j] as number);
      if (d !== 0) return d;
    }
    return iEnd - i - (jEnd - j);
  });
  return Uint32Array.from(rules);
}
