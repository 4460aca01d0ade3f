/**
 * Linguist's data files (heuristics.yml, vendor.yml, documentation.yml) hold Ruby (Onigmo) regular expressions.
 * This translates the subset they use into JavaScript RegExps with Ruby's meaning:
 * - `^`/`$` are always line anchors in Ruby, so every pattern gets the `m` flag; Ruby's `(?m)` is JS's `s`.
 * - `\A`, `\z`, `\Z`, `\h`/`\H` become lookarounds and classes; possessive quantifiers and atomic groups become
 *   plain ones (same matches on these patterns, only backtracking differs).
 * - Scoped flags `(?i:...)` (unsupported by Node 20's engine) become explicit `[aA]` alternatives; leading
 *   `(?i)`/`(?x)`/`(?m)` become JS flags; free-spacing (`x`) whitespace and comments are removed.
 * What cannot be expressed (e.g. Onigmo subroutine calls `\g<name>`) throws; callers treat such a pattern as
 * never matching, as it only concerns rare languages.
 */

const FLAG_GROUP = /^\(\?([imx]*)(?:-([imx]*))?\)/;

export function rubyRegex(source: string): RegExp {
  const flags = new Set<string>(['m']);
  let body = source;
  let extended = false;
  // Leading flag groups apply to the whole pattern: `(?i)`, `(?xi)`, `(?-m)`.
  for (let match = FLAG_GROUP.exec(body); match; match = FLAG_GROUP.exec(body)) {
    for (const flag of match[1] ?? '') {
      if (flag === 'i') flags.add('i');
      else if (flag === 'm') flags.add('s');
      else if (flag === 'x') extended = true;
    }
    for (const flag of match[2] ?? '') {
      if (flag === 'i') flags.delete('i');
      else if (flag === 'm') flags.delete('s');
      else if (flag === 'x') extended = false;
    }
    body = body.slice(match[0].length);
  }
  const translated = translate(body, extended);
  return new RegExp(translated, [...flags].join(''));
}

/** Walks the pattern once, keeping track of character classes and case-insensitive scopes. */
function translate(source: string, extendedAtStart: boolean): string {
  let out = '';
  let inClass = false;
  // One entry per open group: whether that group turned on case-insensitivity / free-spacing.
  const scopes: { ci: boolean; x: boolean }[] = [];
  let ci = false;
  let extended = extendedAtStart;
  const current = (): void => {
    ci = scopes.some((scope) => scope.ci);
    extended = extendedAtStart || scopes.some((scope) => scope.x);
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (next === 'A') out += inClass ? 'A' : '(?<![\\s\\S])';
      else if (next === 'z') out += inClass ? 'z' : '(?![\\s\\S])';
      else if (next === 'Z') out += inClass ? 'Z' : '(?=\\n?(?![\\s\\S]))';
      else if (next === 'h') out += inClass ? '0-9a-fA-F' : '[0-9a-fA-F]';
      else if (next === 'H') out += inClass ? '\\x00-\\x2f\\x3a-\\x40\\x47-\\x60\\x67-\\uffff' : '[^0-9a-fA-F]';
      else if (next === 'g' || next === 'G' || next === 'K' || next === 'R' || next === 'X') {
        throw new Error(`unsupported Ruby regex escape \\${next}`);
      } else out += `\\${next}`;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      else if (ci && /[a-zA-Z]/.test(ch) && source[i + 1] !== '-' && source[i - 1] !== '-') {
        out += ch.toLowerCase() + ch.toUpperCase();
        continue;
      }
      out += ch;
      continue;
    }
    if (extended) {
      if (/\s/.test(ch)) continue;
      if (ch === '#') {
        while (i < source.length && source[i] !== '\n') i++;
        continue;
      }
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      if (source[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (source[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(') {
      const rest = source.slice(i);
      const scoped = /^\(\?([imx]*)(?:-([imx]*))?:/.exec(rest);
      const bare = /^\(\?([imx]*)(?:-([imx]*))?\)/.exec(rest);
      if (scoped) {
        scopes.push({ ci: (scoped[1] ?? '').includes('i'), x: (scoped[1] ?? '').includes('x') });
        current();
        out += '(?:';
        i += scoped[0].length - 1;
        continue;
      }
      if (bare) {
        // A flag switch in the middle of a group: applies to the rest of the enclosing group.
        const top = scopes.at(-1);
        if ((bare[1] ?? '').includes('i')) {
          if (top) top.ci = true;
          else scopes.push({ ci: true, x: false });
        }
        current();
        i += bare[0].length - 1;
        continue;
      }
      if (rest.startsWith('(?>')) {
        scopes.push({ ci: false, x: false });
        out += '(?:';
        i += 2;
        continue;
      }
      scopes.push({ ci: false, x: false });
      out += ch;
      continue;
    }
    if (ch === ')') {
      scopes.pop();
      current();
      out += ch;
      continue;
    }
    if (ch === '+' && /[*+?}]$/.test(out) && !out.endsWith('\\' + out.at(-1))) {
      // `a*+`, `a++`, `a?+`, `a{2}+` are possessive in Ruby (same matches here, only backtracking differs).
      continue;
    }
    if (ci && /[a-zA-Z]/.test(ch)) {
      out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
      continue;
    }
    out += ch;
  }
  return out;
}
