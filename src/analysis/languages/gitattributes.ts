/**
 * The `.gitattributes` attributes Linguist reads (linguist-vendored, -generated, -documentation, -detectable,
 * -language, and git's `binary`/`-diff`), resolved for a path the way git does: every `.gitattributes` in the
 * tree applies below its folder; deeper files win over shallower ones and later lines over earlier ones.
 *
 * Written here rather than with a gitignore library (`ignore`): gitattributes patterns differ from gitignore
 * ones in ways that change results (a pattern matching a folder does not apply to the files inside it, there
 * is no negation, and patterns without a slash match the base name at any depth), so reusing gitignore
 * matching would mark whole folders vendored where git (and Linguist) do not.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';

export type AttributeValue = boolean | string;

/** The attributes that matter to language statistics; an absent key is "unspecified". */
export interface LinguistAttributes {
  vendored?: boolean;
  generated?: boolean;
  documentation?: boolean;
  detectable?: boolean;
  language?: string;
  /** `binary` macro or `-diff`: git's diff treats the file as binary, so Linguist skips it. */
  binary?: boolean;
}

interface Rule {
  /** Folder of the .gitattributes file, '' for the root, else ending with '/'. */
  readonly base: string;
  readonly matches: (relative: string, basename: string) => boolean;
  readonly attrs: ReadonlyMap<string, AttributeValue | null>;
}

export class GitAttributes {
  private constructor(private readonly rules: readonly Rule[]) {}

  static readonly empty = new GitAttributes([]);

  /** Reads every `.gitattributes` file of the view (shallowest first, so later rules take precedence). */
  static async load(repo: RepoView): Promise<GitAttributes> {
    const files = (await repo.files()).filter((file) => file.lowerName === '.gitattributes' && file.path.endsWith('.gitattributes'));
    files.sort((a, b) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1));
    const rules: Rule[] = [];
    for (const file of files) {
      const base = file.path.slice(0, file.path.length - '.gitattributes'.length);
      rules.push(...parseGitAttributes(await repo.readText(file.path), base));
    }
    return new GitAttributes(rules);
  }

  get isEmpty(): boolean {
    return this.rules.length === 0;
  }

  /** Linguist's view of the attributes of `path` (repository-relative). */
  forPath(path: string): LinguistAttributes {
    if (this.rules.length === 0) return {};
    const values = new Map<string, AttributeValue | null>();
    const basename = path.slice(path.lastIndexOf('/') + 1);
    for (const rule of this.rules) {
      if (!path.startsWith(rule.base)) continue;
      if (!rule.matches(path.slice(rule.base.length), basename)) continue;
      for (const [key, value] of rule.attrs) values.set(key, value);
    }
    const result: LinguistAttributes = {};
    const flag = (key: string): boolean | undefined => {
      const value = values.get(key);
      // Linguist's boolean_attribute: anything but false/"false" is true.
      return value === undefined || value === null ? undefined : value !== false && value !== 'false';
    };
    const vendored = flag('linguist-vendored');
    if (vendored !== undefined) result.vendored = vendored;
    const generated = flag('linguist-generated');
    if (generated !== undefined) result.generated = generated;
    const documentation = flag('linguist-documentation');
    if (documentation !== undefined) result.documentation = documentation;
    const detectable = flag('linguist-detectable');
    if (detectable !== undefined) result.detectable = detectable;
    const language = values.get('linguist-language');
    if (typeof language === 'string') result.language = language;
    if (values.get('diff') === false) result.binary = true;
    return result;
  }
}

/** Parses one `.gitattributes` file whose folder is `base` ('' or 'dir/'). */
export function parseGitAttributes(text: string, base: string): Rule[] {
  const rules: Rule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [pattern, ...fields] = line.split(/\s+/);
    if (!pattern || pattern.startsWith('!') || pattern.startsWith('[attr]')) continue;
    const attrs = new Map<string, AttributeValue | null>();
    for (const field of fields) {
      if (field === 'binary') {
        // git's built-in macro: binary = -diff -merge -text
        attrs.set('diff', false);
        attrs.set('merge', false);
        attrs.set('text', false);
      } else if (field.startsWith('-')) attrs.set(field.slice(1), false);
      else if (field.startsWith('!')) attrs.set(field.slice(1), null);
      else {
        const eq = field.indexOf('=');
        if (eq === -1) attrs.set(field, true);
        else attrs.set(field.slice(0, eq), field.slice(eq + 1));
      }
    }
    const matcher = compilePattern(pattern);
    if (matcher) rules.push({ base, matches: matcher, attrs });
  }
  return rules;
}

/** git's rules: no slash → match the base name; otherwise the path relative to the attributes file's folder. */
function compilePattern(pattern: string): Rule['matches'] | null {
  // A pattern ending in '/' names folders only; attributes never apply to folders' files through it.
  if (pattern.endsWith('/')) return null;
  const anchored = pattern.includes('/');
  const regex = wildmatch(pattern.replace(/^\//, ''));
  return anchored ? (relative) => regex.test(relative) : (_relative, basename) => regex.test(basename);
}

/** git's wildmatch with FNM_PATHNAME: `*` and `?` stop at '/', `**` spans folders. */
export function wildmatch(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0 || pattern[i - 1] === '/';
        const atEnd = i + 2 === pattern.length;
        if (atStart && pattern[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
          continue;
        }
        if (atStart && atEnd) {
          out += '.*';
          i += 1;
          continue;
        }
        // `**` not bounded by slashes behaves like `*`.
        out += '[^/]*';
        i += 1;
        continue;
      }
      out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      out += `[${body.replace(/\\(?!.)/g, '\\\\')}]`;
      i = close;
    } else if (ch === '\\' && i + 1 < pattern.length) {
      out += escapeRegex(pattern[i + 1] as string);
      i++;
    } else out += escapeRegex(ch);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
