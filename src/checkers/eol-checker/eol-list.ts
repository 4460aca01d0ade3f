/**
 * The EOL list (upstream's eol.yaml format) as pure functions: parse the YAML into an index keyed by the
 * normalised repository URL, normalise URLs, and shape the result.
 */
import { parse } from 'yaml';

export interface EolEntry {
  readonly identifier: string;
  /** "Y" or "N" in upstream's list. */
  readonly eol: string;
  readonly release: readonly string[];
  /** "YYYY-MM-DD". */
  readonly eolTime: string;
}

/** Entries by normalised identifier. */
export type EolIndex = ReadonlyMap<string, EolEntry>;

export class EolListFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EolListFormatError';
  }
}

export const EOL_LIST_KEY = 'EOL LIST';

/**
 * Parses the list. YAML's failsafe schema keeps every scalar a string, so releases such as `1.10` are not read
 * as the number 1.1 and dates stay "YYYY-MM-DD" whatever their quoting. A structural problem anywhere (no
 * `EOL LIST` sequence, an entry without an identifier) rejects the whole file: a half-read list would report
 * listed projects as "not listed".
 */
export function parseEolList(text: string): EolIndex {
  let doc: unknown;
  try {
    doc = parse(text, { schema: 'failsafe' });
  } catch (err) {
    throw new EolListFormatError(`not valid YAML (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  if (!isRecord(doc) || !Array.isArray(doc[EOL_LIST_KEY])) {
    throw new EolListFormatError(`no "${EOL_LIST_KEY}" sequence at the top level`);
  }
  const index = new Map<string, EolEntry>();
  (doc[EOL_LIST_KEY] as unknown[]).forEach((raw, i) => {
    const entry = toEntry(raw, i + 1);
    const key = normaliseRepoUrl(entry.identifier);
    // The first entry wins, as upstream's linear search did.
    if (!index.has(key)) index.set(key, entry);
  });
  return index;
}

function toEntry(raw: unknown, position: number): EolEntry {
  const where = `entry ${position} of "${EOL_LIST_KEY}"`;
  if (!isRecord(raw)) throw new EolListFormatError(`${where} is not a mapping`);
  const { identifier, eol = '', release = '', eolTime = '' } = raw;
  if (typeof identifier !== 'string' || identifier.trim() === '') throw new EolListFormatError(`${where} has no identifier`);
  if (typeof eol !== 'string' || typeof eolTime !== 'string') {
    throw new EolListFormatError(`${where} (${identifier}): eol and eolTime must be scalars`);
  }
  return { identifier, eol, eolTime, release: toReleases(release, `${where} (${identifier})`) };
}

/** A sequence of versions; an empty value means none, a single scalar one. */
function toReleases(value: unknown, where: string): string[] {
  if (value === '') return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value;
  throw new EolListFormatError(`${where}: release must be a list of versions`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A comparable form of a repository URL: https, host without `www.`, no credentials, query, fragment, trailing
 * slashes or one trailing `.git`, all lower-case. Paths are compared case-insensitively because the forges
 * in the list (GitHub, Gitee, GitCode) treat owner/repository names that way; upstream compared exact strings,
 * so `https://github.com/x/y.git` or `.../y/` were "not listed".
 */
export function normaliseRepoUrl(raw: string): string {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return stripSuffixes(trimmed.toLowerCase());
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return stripSuffixes(trimmed.toLowerCase());
  const host = url.host.toLowerCase().replace(/^www\./, '');
  return `https://${host}${stripSuffixes(url.pathname.toLowerCase())}`;
}

function stripSuffixes(path: string): string {
  return path.replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

export type EolResult = { eol_status: string; eol_release: string[] | ''; eol_time: string };

/** Upstream's shapes: the entry's fields, or three empty strings when the project is not listed. */
export function eolResult(entry: EolEntry | undefined): EolResult {
  if (!entry) return { eol_status: '', eol_release: '', eol_time: '' };
  return { eol_status: entry.eol, eol_release: [...entry.release], eol_time: entry.eolTime };
}

export function lookupEol(index: EolIndex, projectUrl: string): EolEntry | undefined {
  return index.get(normaliseRepoUrl(projectUrl));
}
