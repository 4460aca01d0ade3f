/**
 * Linguist's language detection (Linguist.detect, 7.x): the strategies modeline, filename, shebang, extension,
 * XML, manpage and heuristics run in that order over the candidates; the first to leave exactly one language
 * decides. Linguist's last strategy, a Bayesian classifier trained on its samples corpus, is not available here
 * (the samples are not distributed with the data files); when candidates remain ambiguous after the heuristics
 * we take the first candidate in languages.yml order. That only concerns extensions shared by several
 * languages without a deciding heuristic (docs/compatibility.md).
 */
import { GENERIC_EXTENSIONS, linguistData, type Language } from './linguist-data.js';

/** Linguist's HEURISTICS_CONSIDER_BYTES. */
const HEURISTICS_BYTES = 50 * 1024;

/**
 * The language of a text file, or null. `data` is the file's first 128 KiB decoded as latin1 (one char per byte,
 * as Linguist matches its binary strings).
 */
export function detectLanguage(path: string, data: string): Language | null {
  if (data.length === 0) return null;
  let candidates: Language[] = [];
  const strategies: ((candidates: Language[]) => Language[])[] = [
    () => byModeline(data),
    (current) => narrow(current, byFilename(path)),
    (current) => narrow(current, byShebang(data)),
    (current) => byExtension(path, current),
    (current) => (current.length > 0 ? current : byXml(data)),
    (current) => (current.length > 0 ? current : byManpage(path)),
    (current) => byHeuristics(path, data, current),
  ];
  for (const strategy of strategies) {
    const found = strategy(candidates);
    if (found.length === 1) return found[0] as Language;
    if (found.length > 1) candidates = found;
  }
  return candidates[0] ?? null;
}

/** `candidates & languages` when there are candidates, else the languages (Linguist's pattern). */
function narrow(candidates: Language[], languages: readonly Language[]): Language[] {
  return candidates.length > 0 ? candidates.filter((language) => languages.includes(language)) : [...languages];
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function byFilename(path: string): readonly Language[] {
  return linguistData().byFilename.get(basename(path)) ?? [];
}

/** Linguist's FileBlob#extensions: `.d.ts`, `.ts` for `a.d.ts` — the longest with a language wins. */
export function extensionLanguages(path: string): readonly Language[] {
  const segments = basename(path).toLowerCase().split('.');
  const index = linguistData().byExtension;
  for (let i = 1; i < segments.length; i++) {
    const found = index.get('.' + segments.slice(i).join('.'));
    if (found && found.length > 0) return found;
  }
  return [];
}

function byExtension(path: string, candidates: Language[]): Language[] {
  const lower = path.toLowerCase();
  if (GENERIC_EXTENSIONS.some((extension) => lower.endsWith(extension))) return candidates;
  return narrow(candidates, extensionLanguages(path));
}

function lineList(data: string): string[] {
  return data.split(/\r\n|\r|\n/);
}

function byXml(data: string): Language[] {
  const header = lineList(data.slice(0, 4096)).slice(0, 2).join('\n');
  const xml = linguistData().byName.get('XML');
  return /<?xml version=/.test(header) && xml ? [xml] : [];
}

const MANPAGE = /\.(?:[1-9](?![0-9])[a-z_0-9]*|0p|n|man|mdoc)(?:\.in)?$/i;

function byManpage(path: string): Language[] {
  if (!MANPAGE.test(path)) return [];
  const data = linguistData().byName;
  return ['Roff Manpage', 'Roff'].map((name) => data.get(name)).filter((language): language is Language => !!language);
}

/** Linguist's heuristics.yml for the file's extension: the languages its first matching rule names, else `candidates`. */
export function byHeuristics(path: string, data: string, candidates: Language[]): Language[] {
  const lower = path.toLowerCase();
  const content = data.length > HEURISTICS_BYTES ? data.slice(0, HEURISTICS_BYTES) : data;
  for (const heuristic of linguistData().heuristics) {
    if (!heuristic.extensions.some((extension) => lower.endsWith(extension))) continue;
    // The first heuristic for the extension decides; a rule without a match leaves the candidates as they are.
    const rule = heuristic.rules.find((candidate) => candidate.test(content));
    return rule ? [...rule.languages] : candidates;
  }
  return candidates;
}

// --- shebang (lib/linguist/shebang.rb) ---

function byShebang(data: string): readonly Language[] {
  const interpreter = shebangInterpreter(data);
  return interpreter ? (linguistData().byInterpreter.get(interpreter) ?? []) : [];
}

export function shebangInterpreter(data: string): string | null {
  if (!data.startsWith('#!')) return null;
  const newline = data.indexOf('\n');
  const shebang = newline === -1 ? data : data.slice(0, newline);
  const pathMatch = /^#!\s*\S+/.exec(shebang);
  if (!pathMatch) return null;
  let rest = shebang.slice(pathMatch[0].length);
  let script: string | undefined = pathMatch[0].split('/').at(-1);
  if (script === 'env') {
    rest = rest.replace(/^\s+/, '');
    for (;;) {
      const option = /^((-[i0uCSv]*|--\S+)\s+)+/.exec(rest) ?? /^(\S+=\S+\s+)+/.exec(rest);
      if (!option) break;
      rest = rest.slice(option[0].length);
    }
    script = /^\S+/.exec(rest)?.[0];
    if (script) rest = rest.slice(script.length);
  }
  if (!script) return null;
  script = script.replace(/(\.\d+)$/, '').replace(/^#!\s*/, '');
  if (script === 'sh') {
    const exec = lineList(data.slice(0, 4096))
      .slice(0, 5)
      .map((line) => /exec (\w+).+\$0.+\$@/.exec(line))
      .find((match) => match);
    const name = exec?.[1];
    if (name) script = name;
  }
  if (script === 'osascript' && /-l\s?/.test(rest)) return null;
  return basename(script);
}

// --- modelines (lib/linguist/strategy/modeline.rb) ---

const EMACS_MODELINE =
  /-\*-(?:[ \t]*(?=[^:;\s]+[ \t]*-\*-)|(?:.*?[ \t;]|(?<=-\*-))[ \t]*mode[ \t]*:[ \t]*)([^:;\s]+)(?=[ \t;]|(?<![-*])-\*-).*?-\*-/i;
const VIM_MODELINE =
  /(?:(?:^|[ \t])(?:vi|Vi(?=m))(?:m[<=>]?[0-9]+|m)?|[ \t]ex)(?=:(?=[ \t]*set?[ \t][^\r\n:]+:)|:(?![ \t]*set?[ \t]))(?:(?:[ \t]*:[ \t]*|[ \t])\w*(?:[ \t]*=(?:[^\\\s]|\\.)*)?)*[ \t:](?:filetype|ft|syntax)[ \t]*=(\w+)(?=$|\s|:)/m;

function byModeline(data: string): Language[] {
  // Modelines are only looked for in the first and last five lines.
  if (!data.includes('-*-') && !/(?:vi|Vi|ex)m?[<=>]?[0-9]*:/.test(data)) return [];
  const lines = lineList(data);
  const header = lines.slice(0, 5).join('\n');
  if (header.includes('UseVimball')) return [];
  const tail = lines.at(-1) === '' ? lines.slice(-6, -1) : lines.slice(-5);
  const text = header + tail.join('\n');
  const match = EMACS_MODELINE.exec(text) ?? VIM_MODELINE.exec(text);
  const name = match?.[1];
  if (!name) return [];
  const aliases = linguistData().byAlias;
  const language = aliases.get(name.toLowerCase()) ?? aliases.get((name.split(',', 1)[0] ?? '').toLowerCase());
  return language ? [language] : [];
}
