/**
 * The result shape of the file finders (readme-checker, maintainers-checker).
 *
 * Upstream's shell-based finders returned `find` stdout: newline-terminated paths, and `{}` when nothing matched
 * (empty stdout became `{}`). OSS Compass's v2 metric code turns every result into a dict and reads a list
 * (`readme_file[]`, `maintainers_file[]`), so that string made it crash: the finders now answer
 * `{"<key>": [paths]}`, with an empty list when nothing matched (still a dict, and "no files" rather than "no
 * data"). `[OpenCheck] legacy_text_results = true` brings back upstream's string and `{}` for older consumers.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';
import type { Json } from '../types.js';

/** Characters that make a path need quoting: control characters (a `\n` or `\r` would split a line), `"` and `\`. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const NEEDS_QUOTING = /[\u0000-\u001f\u007f"\\]/;
const ESCAPES: Readonly<Record<string, string>> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};

/**
 * A path as one unambiguous line, the way git prints paths with `core.quotePath`: unchanged when it holds no
 * control character, `"` or `\`; otherwise in double quotes with C-style escapes (`\n`, `\t`, `\"`, `\\`, other
 * control characters as three-digit octal). Non-ASCII text is left as it is (git's `core.quotePath=false`).
 * Without this a file named `a\nb/README.md` read as two results, and a repository could forge lines.
 */
export function quotePath(path: string): string {
  if (!NEEDS_QUOTING.test(path)) return path;
  let quoted = '"';
  for (const char of path) {
    const escape = ESCAPES[char];
    if (escape !== undefined) quoted += escape;
    else if (char <= '\u001f' || char === '\u007f') quoted += `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}`;
    else quoted += char;
  }
  return `${quoted}"`;
}

/** Upstream's (legacy) text shape: one `quotePath` line per path, `{}` when there are none. */
export function findOutput(displayPaths: readonly string[]): Json {
  return displayPaths.length === 0 ? {} : displayPaths.map((path) => `${quotePath(path)}\n`).join('');
}

/**
 * A finder's result: `{ [key]: [paths] }` (paths unquoted: a JSON string holds any name as one element), or with
 * `legacyText` upstream's newline-separated string / `{}`.
 */
export function findResult(key: string, displayPaths: readonly string[], legacyText: boolean): Json {
  return legacyText ? findOutput(displayPaths) : { [key]: [...displayPaths] };
}

/**
 * The files whose lower-cased name `matches`, as `<repo>/<path>` display paths in the shape `findResult` gives,
 * sorted by path because `files()` is (upstream's came in directory order).
 */
export async function findFiles(repo: RepoView, key: string, matches: (lowerName: string) => boolean, legacyText: boolean): Promise<Json> {
  const files = await repo.files();
  return findResult(key, files.filter((file) => matches(file.lowerName)).map((file) => repo.displayPath(file.path)), legacyText);
}
