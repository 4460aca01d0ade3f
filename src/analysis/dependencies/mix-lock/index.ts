/**
 * Elixir's `mix.lock`: an Elixir map literal, one entry per line:
 *   "name": {:hex, :package, "1.2.3", "hash", [:mix], [{:dep, "~> 1.0", [hex: :dep, ...]}, ...], "hexpm", "hash"},
 *   "name": {:git, "https://host/repo.git", "commit", [branch: "main"]},
 * Read with a tokenizer for that subset (strings, atoms, lists, tuples, keyword lists): the file is Elixir
 * code, and no JavaScript library evaluates Elixir terms. Dependency tuples of hex entries give the graph.
 */
import { LineLocator } from '../lines.js';
import { MalformedFileError, baseName, packageRecord } from '../record.js';
import { purlOf } from '../purl.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'mix-lock',
  version: 1,
  ecosystem: 'Hex',
  matches: (path) => baseName(path) === 'mix.lock',
  async extract(repo, path) {
    return parseMixLock(await readLockfile(repo, path), path);
  },
};

type Term = string | { atom: string } | Term[] | { tuple: Term[] };

/** Parses one Elixir term of the mix.lock subset starting at `at`; returns it and the offset after it. */
function parseTerm(text: string, start: number): [Term, number] {
  let at = start;
  const skip = (): void => {
    while (at < text.length && /[\s,]/.test(text[at] as string)) at++;
  };
  skip();
  const char = text[at];
  if (char === '"') {
    let end = at + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    return [text.slice(at + 1, end), end + 1];
  }
  if (char === ':') {
    const match = /^:("[^"]*"|[A-Za-z0-9_?!@]+)/.exec(text.slice(at, at + 200));
    if (!match) throw new MalformedFileError(`bad atom at offset ${at}`);
    return [{ atom: (match[1] as string).replace(/^"|"$/g, '') }, at + (match[0]).length];
  }
  if (char === '[' || char === '{') {
    const close = char === '[' ? ']' : '}';
    const items: Term[] = [];
    at++;
    for (;;) {
      skip();
      if (at >= text.length) throw new MalformedFileError(`unclosed ${char}`);
      if (text[at] === close) break;
      // Keyword list entries `key: value` are read as a tuple of the key atom and the value.
      const keyword = /^([A-Za-z_][A-Za-z0-9_?!]*): /.exec(text.slice(at, at + 100));
      if (keyword) {
        const [value, next] = parseTerm(text, at + (keyword[0]).length);
        items.push({ tuple: [{ atom: keyword[1] as string }, value] });
        at = next;
      } else {
        const [item, next] = parseTerm(text, at);
        items.push(item);
        at = next;
      }
    }
    return [char === '[' ? items : { tuple: items }, at + 1];
  }
  const bare = /^[A-Za-z0-9_.-]+/.exec(text.slice(at, at + 100));
  if (!bare) throw new MalformedFileError(`unexpected ${JSON.stringify(text.slice(at, at + 20))} at offset ${at}`);
  return [bare[0], at + (bare[0]).length];
}

const atomOf = (term: Term | undefined): string | undefined => (term && typeof term === 'object' && 'atom' in term ? term.atom : undefined);
const tupleOf = (term: Term | undefined): Term[] | undefined => (term && typeof term === 'object' && 'tuple' in term ? term.tuple : undefined);

export function parseMixLock(text: string, path: string): PackageRecord[] {
  const body = text.trimStart();
  if (!body.startsWith('%{')) throw new MalformedFileError('does not start with %{: not a mix.lock');
  interface Entry {
    readonly name: string;
    readonly version: string;
    readonly line: number;
    readonly deps: string[];
    readonly git?: string;
  }
  const entries: Entry[] = [];
  const locator = new LineLocator(text);
  const lineOf = (offset: number): number => locator.lineAt(offset);
  const entryPattern = /^\s*"([^"]+)":\s*(?=\{)/gm;
  for (let match = entryPattern.exec(text); match; match = entryPattern.exec(text)) {
    const [value, end] = parseTerm(text, match.index + match[0].length);
    entryPattern.lastIndex = end;
    const tuple = tupleOf(value) ?? [];
    const kind = atomOf(tuple[0]);
    const key = match[1] as string;
    if (kind === 'hex') {
      const deps = (Array.isArray(tuple[5]) ? tuple[5] : []).map((dep) => atomOf(tupleOf(dep)?.[0])).filter((dep): dep is string => dep !== undefined);
      entries.push({ name: atomOf(tuple[1]) ?? key, version: typeof tuple[2] === 'string' ? tuple[2] : '', line: lineOf(match.index + match[0].indexOf('"')), deps });
    } else if (kind === 'git') {
      entries.push({ name: key, version: '', line: lineOf(match.index + match[0].indexOf('"')), deps: [], git: typeof tuple[2] === 'string' ? tuple[2] : '' });
    }
  }
  const byName = new Map(entries.map((entry) => [entry.name, purlOf('Hex', entry.name, entry.version)]));
  return entries.map((entry) =>
    packageRecord('Hex', path, {
      name: entry.name,
      version: entry.version,
      line: entry.line,
      dependsOn: entry.deps.map((dep) => byName.get(dep)).filter((purl): purl is string => purl !== undefined),
      resolution: entry.git !== undefined ? 'git' : 'registry',
      commit: entry.git && /^[0-9a-f]{7,40}$/i.test(entry.git) ? entry.git.toLowerCase() : undefined,
    }),
  );
}
