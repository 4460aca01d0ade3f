/**
 * A parser for Python `configparser` files, the format of upstream's config.ini.
 *
 * Written by hand because the npm `ini` package strips inline `#`/`;` comments and quotes, which would silently
 * truncate a password such as `p#ss;word`; configparser (with its defaults) keeps values verbatim. Rules kept:
 * `[section]` headers, `key = value` or `key: value` (first delimiter wins), keys case-insensitive, whole-line
 * comments starting with `#` or `;`, indented continuation lines, `[DEFAULT]` values inherited by every section,
 * and duplicate sections or keys rejected (configparser's strict mode).
 */
export type IniDocument = Map<string, Map<string, string>>;

export class IniSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'IniSyntaxError';
  }
}

export function parseIni(text: string): IniDocument {
  const doc: IniDocument = new Map();
  let defaults = new Map<string, string>();
  let section: Map<string, string> | null = null;
  let lastKey: string | null = null;
  let lastIndent = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      if (trimmed === '') lastKey = null;
      return;
    }
    const indent = raw.length - raw.trimStart().length;
    if (lastKey !== null && section !== null && indent > lastIndent) {
      section.set(lastKey, `${section.get(lastKey) ?? ''}\n${trimmed}`);
      return;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(trimmed);
    if (header) {
      const name = (header[1] ?? '').trim();
      if (name === 'DEFAULT') {
        section = defaults;
      } else {
        if (doc.has(name)) throw new IniSyntaxError(`section [${name}] appears twice`, lineNo);
        section = new Map();
        doc.set(name, section);
      }
      lastKey = null;
      return;
    }
    if (section === null) throw new IniSyntaxError('a key appears before any [section] header', lineNo);
    const delimiter = /[=:]/.exec(trimmed);
    // The line is not quoted back: it may be a mistyped secret.
    if (!delimiter) throw new IniSyntaxError('expected "key = value" (or a [section] header or a # comment)', lineNo);
    const key = trimmed.slice(0, delimiter.index).trim().toLowerCase();
    if (key === '') throw new IniSyntaxError('empty key name', lineNo);
    if (section.has(key) && section !== defaults) {
      throw new IniSyntaxError(`key "${key}" appears twice in the same section`, lineNo);
    }
    section.set(key, trimmed.slice(delimiter.index + 1).trim());
    lastKey = key;
    lastIndent = indent;
  });

  for (const values of doc.values()) {
    for (const [key, value] of defaults) if (!values.has(key)) values.set(key, value);
  }
  defaults = new Map();
  return doc;
}
