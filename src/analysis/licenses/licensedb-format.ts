/**
 * The stored form of the LicenseDB index and the typed view a process gets from it (licensedb-index.ts loads it,
 * licensedb-build.ts makes it). One file: a magic, a JSON header, then sections aligned to 8 bytes. The hot data
 * (token ids, per-rule offsets, flags) are typed arrays viewed over the file's bytes without copying; the
 * dictionary, identifiers and expressions are single strings split once; what only some rules have
 * (referenced file names, ignorable strings) is JSON parsed the first time it is asked for.
 *
 * Encoding and decoding live together so they cannot drift; FORMAT is bumped with any change of layout (the
 * index key covers this module as compiled, so an edit rebuilds the index anyway).
 */
import type { Postings } from './licensedb-postings.js';
import { endianness } from 'node:os';

export const FORMAT = 3;
const MAGIC = 'OCLICDB1';

/** Token ids: 16-bit while the dictionary has at most 65,535 words (27k today), 32-bit past that. */
export type TokenIds = Uint16Array | Uint32Array;

/** Rule kinds (one per rule in the data); a license's own text is a `text` rule. */
export type RuleKind = 'text' | 'notice' | 'reference' | 'tag' | 'intro' | 'clue' | 'false-positive' | 'none';

export const FLAG = {
  TEXT: 1,
  NOTICE: 2,
  REFERENCE: 4,
  TAG: 8,
  INTRO: 16,
  CLUE: 32,
  FALSE_POSITIVE: 64,
  CONTINUOUS: 128,
  DEPRECATED: 256,
  /** The implicit rule made of a license's text (`<key>.LICENSE`). */
  FROM_LICENSE: 512,
  /** The rule's text is one line (a line of code or a tag, which a match should not find spread over lines). */
  ONE_LINE: 1024,
} as const;

const KIND_FLAGS: readonly [number, RuleKind][] = [
  [FLAG.TEXT, 'text'],
  [FLAG.NOTICE, 'notice'],
  [FLAG.REFERENCE, 'reference'],
  [FLAG.TAG, 'tag'],
  [FLAG.INTRO, 'intro'],
  [FLAG.CLUE, 'clue'],
  [FLAG.FALSE_POSITIVE, 'false-positive'],
];

/** `relevance` byte of a rule whose data gives none (ScanCode then derives it from the rule's length). */
export const NO_RELEVANCE = 255;

/** Strings some rules carry, by rule index. */
export interface RuleExtras {
  readonly referenced_filenames: Record<number, string[]>;
  readonly ignorable_urls: Record<number, string[]>;
  readonly ignorable_emails: Record<number, string[]>;
  readonly ignorable_copyrights: Record<number, string[]>;
  readonly ignorable_holders: Record<number, string[]>;
  readonly ignorable_authors: Record<number, string[]>;
  readonly language: Record<number, string>;
}

export interface LicenseDbLicense {
  readonly key: string;
  readonly name: string;
  readonly shortName: string;
  readonly category: string;
  /** The SPDX id: the data's `spdx_license_key`, or `LicenseRef-scancode-<key>` when it gives none. */
  readonly spdx: string;
  /** Other SPDX ids (and spellings) that mean this license, e.g. `GPL-2.0+` for gpl-2.0-plus. */
  readonly otherSpdx: readonly string[];
  readonly isException: boolean;
  readonly isDeprecated: boolean;
  readonly isUnknown: boolean;
  readonly isGeneric: boolean;
  /** Index of the license's text in `rules`. */
  readonly rule: number;
}

/** What the build step stores in the header. */
export interface LicenseDbSource {
  readonly source: string;
  readonly commit: string;
  readonly version: string;
  readonly dataLicense: string;
  readonly attribution: string;
}

/** The columns the builder fills and the file holds. */
export interface LicenseDbColumns {
  readonly key: string;
  readonly dataSha256: string;
  readonly source: LicenseDbSource;
  readonly dictionary: readonly string[];
  readonly docFreq: Uint32Array;
  readonly tokens: TokenIds;
  readonly ruleStarts: Uint32Array;
  readonly flags: Uint16Array;
  readonly relevance: Uint8Array;
  readonly minimumCoverage: Uint8Array;
  readonly expression: Uint32Array;
  readonly requiredStarts: Uint32Array;
  readonly requiredSpans: Uint32Array;
  readonly hashes: Uint32Array;
  /** The matched rules (not deprecated, not empty) sorted by token sequence, for exact matching. */
  readonly sequenceOrder: Uint32Array;
  /** The inverted index of approximate matching (licensedb-postings.ts). */
  readonly postings: Postings;
  readonly identifiers: readonly string[];
  /** Distinct expressions; entry 0 is '' (no expression: false-positive rules). */
  readonly expressions: readonly string[];
  readonly licenses: readonly LicenseDbLicense[];
  readonly extras: RuleExtras;
  /** Number of rules from the data's `rules` (they come first; the license texts follow). */
  readonly dataRules: number;
}

interface Header {
  readonly format: number;
  readonly endianness: 'LE' | 'BE';
  readonly key: string;
  readonly dataSha256: string;
  readonly source: LicenseDbSource;
  readonly ruleCount: number;
  readonly dataRules: number;
  readonly tokenBits: 16 | 32;
  readonly sections: Record<string, [offset: number, length: number]>;
}

/** FNV-1a over token ids: the whole-text hash of a rule; a query's token run hashes the same way. */
export function hashTokenIds(ids: ArrayLike<number>, start = 0, end = ids.length): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const id = ids[i] as number;
    hash = Math.imul(hash ^ (id & 0xffff), 0x01000193);
    hash = Math.imul(hash ^ (id >>> 16), 0x01000193);
  }
  return hash >>> 0;
}

/** Writes the columns as one buffer. */
export function encodeLicenseDb(columns: LicenseDbColumns): Buffer {
  const text = (value: string): Buffer => Buffer.from(value, 'utf8');
  const typed = (array: ArrayBufferView): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  const parts: [string, Buffer][] = [
    ['dictionary', text(columns.dictionary.join('\n'))],
    ['docFreq', typed(columns.docFreq)],
    ['tokens', typed(columns.tokens)],
    ['ruleStarts', typed(columns.ruleStarts)],
    ['flags', typed(columns.flags)],
    ['relevance', typed(columns.relevance)],
    ['minimumCoverage', typed(columns.minimumCoverage)],
    ['expression', typed(columns.expression)],
    ['requiredStarts', typed(columns.requiredStarts)],
    ['requiredSpans', typed(columns.requiredSpans)],
    ['hashes', typed(columns.hashes)],
    ['sequenceOrder', typed(columns.sequenceOrder)],
    ['postingStarts', typed(columns.postings.postingStarts)],
    ['postings', typed(columns.postings.postings)],
    ['ruleWeight', typed(columns.postings.ruleWeight)],
    ['identifiers', text(columns.identifiers.join('\n'))],
    ['expressions', text(columns.expressions.join('\n'))],
    ['licenses', text(JSON.stringify(columns.licenses))],
    ['extras', text(JSON.stringify(columns.extras))],
  ];
  const sections: Record<string, [number, number]> = {};
  let offset = 0;
  for (const [name, bytes] of parts) {
    sections[name] = [offset, bytes.length];
    offset = align8(offset + bytes.length);
  }
  const header: Header = {
    format: FORMAT,
    endianness: endianness(),
    key: columns.key,
    dataSha256: columns.dataSha256,
    source: columns.source,
    ruleCount: columns.flags.length,
    dataRules: columns.dataRules,
    tokenBits: columns.tokens instanceof Uint16Array ? 16 : 32,
    sections,
  };
  const headerBytes = text(JSON.stringify(header));
  const bodyStart = align8(MAGIC.length + 4 + headerBytes.length);
  const out = Buffer.alloc(bodyStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(out, MAGIC.length + 4);
  for (const [name, bytes] of parts) bytes.copy(out, bodyStart + (sections[name] as [number, number])[0]);
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** The key and data hash a stored index was built for, or null if the bytes are not an index of this format. */
export function readLicenseDbHeader(bytes: Buffer): { key: string; dataSha256: string } | null {
  const header = parseHeader(bytes);
  return header ? { key: header.key, dataSha256: header.dataSha256 } : null;
}

function parseHeader(bytes: Buffer): (Header & { bodyStart: number }) | null {
  if (bytes.length < MAGIC.length + 4 || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
  const length = bytes.readUInt32LE(MAGIC.length);
  if (MAGIC.length + 4 + length > bytes.length) return null;
  try {
    const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + length)) as Header;
    if (header.format !== FORMAT || header.endianness !== endianness()) return null;
    return { ...header, bodyStart: align8(MAGIC.length + 4 + length) };
  } catch {
    return null;
  }
}

export interface LicenseDbRule {
  /** Position in `LicenseDb.rules`. */
  readonly index: number;
  /** `gpl-2.0_12.RULE`, or `<key>.LICENSE` for a license's text (ScanCode's `rule_identifier`). */
  readonly identifier: string;
  /** ScanCode key expression (`gpl-2.0-plus WITH classpath-exception-2.0`); '' for false-positive rules. */
  readonly licenseExpression: string;
  readonly kind: RuleKind;
  readonly isFalsePositive: boolean;
  readonly isContinuous: boolean;
  readonly isDeprecated: boolean;
  readonly isFromLicense: boolean;
  /** The rule's text is one line. */
  readonly isOneLine: boolean;
  /** 0-100 as the data gives it, or null where it gives none (ScanCode derives it from the rule's length). */
  readonly relevance: number | null;
  /** Share of the rule's tokens (percent) a match must cover; 0 when the data sets none. */
  readonly minimumCoverage: number;
  /** Token ids of the rule's text, a view over the index's one token buffer. */
  readonly tokens: TokenIds;
  /** Required `{{...}}` phrases as token ranges [start, end) into `tokens`. */
  readonly required: readonly (readonly [number, number])[];
  /** hashTokenIds(tokens): the exact whole-text match. */
  readonly hash: number;
  readonly referencedFilenames: readonly string[];
  readonly ignorableUrls: readonly string[];
  readonly ignorableEmails: readonly string[];
  readonly ignorableCopyrights: readonly string[];
  readonly ignorableHolders: readonly string[];
  readonly ignorableAuthors: readonly string[];
  readonly language: string | null;
}

export interface LicenseDb {
  readonly source: LicenseDbSource;
  /** Hash of the raw data file the index was built from. */
  readonly dataSha256: string;
  /** Word of each token id. Ids are ordered by the number of rules holding the word, rarest first. */
  readonly dictionary: readonly string[];
  /** Number of rules (license texts included) holding each token id. */
  readonly docFreq: Uint32Array;
  /** The id of a (tokenised) word, or undefined for a word no rule holds. */
  tokenId(word: string): number | undefined;
  /** The data's rules first (`dataRules` of them), then each license's text as a rule. */
  readonly rules: readonly LicenseDbRule[];
  readonly dataRules: number;
  /** All rules' token ids back to back; rule i is tokens[ruleStarts[i], ruleStarts[i + 1]). */
  readonly tokens: TokenIds;
  readonly ruleStarts: Uint32Array;
  /** The matched rules (not deprecated, not empty) sorted by token sequence (built with the index). */
  readonly sequenceOrder: Uint32Array;
  /** The inverted index of approximate matching (built with the index). */
  readonly postings: Postings;
  readonly licenses: readonly LicenseDbLicense[];
  license(key: string): LicenseDbLicense | undefined;
  /** The SPDX id of a ScanCode key; `LicenseRef-scancode-<key>` for keys without one or unknown keys. */
  spdxOf(key: string): string;
  /** The ScanCode key of an SPDX id (any case; other ids a license answers to included), or undefined. */
  keyOfSpdx(spdxId: string): string | undefined;
}

const NONE: readonly string[] = Object.freeze([]);

/** The typed view of a stored index, or null when the bytes are not an index of this format. */
export function decodeLicenseDb(bytes: Buffer): LicenseDb | null {
  const header = parseHeader(bytes);
  if (!header) return null;
  // Typed views need their element alignment; a small file read into Node's shared pool may not have it.
  const buffer = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(Uint8Array.from(bytes).buffer);
  const section = (name: string): [number, number] => {
    const found = header.sections[name];
    if (!found) throw new Error(`LicenseDB index: section ${name} missing`);
    return [buffer.byteOffset + header.bodyStart + found[0], found[1]];
  };
  const view = <T>(name: string, make: (ab: ArrayBufferLike, offset: number, length: number) => T, size: number): T => {
    const [offset, length] = section(name);
    return make(buffer.buffer, offset, length / size);
  };
  const str = (name: string): string => {
    const [offset, length] = section(name);
    return buffer.toString('utf8', offset - buffer.byteOffset, offset - buffer.byteOffset + length);
  };
  const u32 = (name: string): Uint32Array => view(name, (ab, o, n) => new Uint32Array(ab, o, n), 4);
  const dictionary = str('dictionary').split('\n');
  const docFreq = u32('docFreq');
  const tokens: TokenIds =
    header.tokenBits === 16 ? view('tokens', (ab, o, n) => new Uint16Array(ab, o, n), 2) : u32('tokens');
  const ruleStarts = u32('ruleStarts');
  const flags = view('flags', (ab, o, n) => new Uint16Array(ab, o, n), 2);
  const relevance = view('relevance', (ab, o, n) => new Uint8Array(ab, o, n), 1);
  const minimumCoverage = view('minimumCoverage', (ab, o, n) => new Uint8Array(ab, o, n), 1);
  const expression = u32('expression');
  const requiredStarts = u32('requiredStarts');
  const requiredSpans = u32('requiredSpans');
  const hashes = u32('hashes');
  const sequenceOrder = u32('sequenceOrder');
  const postings: Postings = {
    postingStarts: u32('postingStarts'),
    postings: u32('postings'),
    ruleWeight: view('ruleWeight', (ab, o, n) => new Float64Array(ab, o, n), 8),
  };
  const identifiers = str('identifiers').split('\n');
  const expressions = str('expressions').split('\n');
  const licenses = JSON.parse(str('licenses')) as LicenseDbLicense[];
  const extrasText = str('extras');
  let extrasOnce: RuleExtras | null = null;
  const extras = (): RuleExtras => (extrasOnce ??= JSON.parse(extrasText) as RuleExtras);

  const rules: LicenseDbRule[] = new Array<LicenseDbRule>(header.ruleCount);
  for (let i = 0; i < header.ruleCount; i++) {
    const flag = flags[i] as number;
    const spans: [number, number][] = [];
    for (let s = requiredStarts[i] as number; s < (requiredStarts[i + 1] as number); s++) {
      spans.push([requiredSpans[2 * s] as number, requiredSpans[2 * s + 1] as number]);
    }
    const rel = relevance[i] as number;
    rules[i] = new Rule(
      i,
      identifiers[i] as string,
      expressions[expression[i] as number] as string,
      flag,
      rel === NO_RELEVANCE ? null : rel,
      minimumCoverage[i] as number,
      tokens.subarray(ruleStarts[i], ruleStarts[i + 1]),
      spans,
      hashes[i] as number,
      extras,
    );
  }
  const byKey = new Map(licenses.map((license) => [license.key, license]));
  const bySpdx = new Map<string, string>();
  for (const license of licenses) bySpdx.set(license.spdx.toLowerCase(), license.key);
  for (const license of licenses) {
    for (const other of license.otherSpdx) if (!bySpdx.has(other.toLowerCase())) bySpdx.set(other.toLowerCase(), license.key);
  }
  let idsOnce: Map<string, number> | null = null;
  return {
    source: header.source,
    dataSha256: header.dataSha256,
    dictionary,
    docFreq,
    // The word → id map is made on first use: a process that only reads rules never pays for it.
    tokenId: (word) => (idsOnce ??= new Map(dictionary.map((w, id) => [w, id]))).get(word),
    rules,
    dataRules: header.dataRules,
    tokens,
    ruleStarts,
    sequenceOrder,
    postings,
    licenses,
    license: (key) => byKey.get(key),
    spdxOf: (key) => byKey.get(key)?.spdx ?? `LicenseRef-scancode-${key}`,
    keyOfSpdx: (id) => bySpdx.get(id.trim().toLowerCase()),
  };
}

/** A rule: columns read eagerly, the rarely used strings from the extras on first access. */
class Rule implements LicenseDbRule {
  constructor(
    readonly index: number,
    readonly identifier: string,
    readonly licenseExpression: string,
    private readonly flags: number,
    readonly relevance: number | null,
    readonly minimumCoverage: number,
    readonly tokens: TokenIds,
    readonly required: readonly (readonly [number, number])[],
    readonly hash: number,
    private readonly extras: () => RuleExtras,
  ) {}

  get kind(): RuleKind {
    for (const [flag, kind] of KIND_FLAGS) if (this.flags & flag) return kind;
    return 'none';
  }
  get isFalsePositive(): boolean {
    return (this.flags & FLAG.FALSE_POSITIVE) !== 0;
  }
  get isContinuous(): boolean {
    return (this.flags & FLAG.CONTINUOUS) !== 0;
  }
  get isDeprecated(): boolean {
    return (this.flags & FLAG.DEPRECATED) !== 0;
  }
  get isFromLicense(): boolean {
    return (this.flags & FLAG.FROM_LICENSE) !== 0;
  }
  get isOneLine(): boolean {
    return (this.flags & FLAG.ONE_LINE) !== 0;
  }
  get referencedFilenames(): readonly string[] {
    return this.extras().referenced_filenames[this.index] ?? NONE;
  }
  get ignorableUrls(): readonly string[] {
    return this.extras().ignorable_urls[this.index] ?? NONE;
  }
  get ignorableEmails(): readonly string[] {
    return this.extras().ignorable_emails[this.index] ?? NONE;
  }
  get ignorableCopyrights(): readonly string[] {
    return this.extras().ignorable_copyrights[this.index] ?? NONE;
  }
  get ignorableHolders(): readonly string[] {
    return this.extras().ignorable_holders[this.index] ?? NONE;
  }
  get ignorableAuthors(): readonly string[] {
    return this.extras().ignorable_authors[this.index] ?? NONE;
  }
  get language(): string | null {
    return this.extras().language[this.index] ?? null;
  }
}
