/**
 * Go modules' `go.mod`, the source OSV-Scanner reads (not go.sum, which also lists modules that are not in
 * the build). `require` lines give the modules (`// indirect` marks transitive ones), `replace` directives
 * swap a module (all versions, or one) for another module version or a local folder, and the `go` /
 * `toolchain` directives give the `stdlib` pseudo-package OSV uses for Go's own vulnerabilities. Versions
 * are reported as OSV does, without the leading `v` (purls keep it).
 *
 * Hand-parsed: go.mod is a line-based format (directives, `( ... )` blocks, `//` comments, quoted paths)
 * and there is no maintained JavaScript parser of it; this also gives exact line numbers.
 */
import { MalformedFileError, baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'go-mod',
  version: 1,
  ecosystem: 'Go',
  matches: (path) => baseName(path) === 'go.mod',
  async extract(repo, path) {
    return parseGoMod(await readLockfile(repo, path), path);
  },
};

interface Directive {
  readonly verb: string;
  readonly args: readonly string[];
  readonly comment: string;
  readonly line: number;
}

/** Splits a line into tokens (quoted strings unquoted) and its `//` comment. */
function tokenize(text: string, line: number): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if (char === ' ' || char === '\t') {
      at++;
    } else if (text.startsWith('//', at)) {
      return { tokens, comment: text.slice(at + 2).trim() };
    } else if (char === '"' || char === '`') {
      const end = text.indexOf(char, at + 1);
      if (end < 0) throw new MalformedFileError(`line ${line}: unterminated string`);
      tokens.push(char === '"' ? (JSON.parse(text.slice(at, end + 1)) as string) : text.slice(at + 1, end));
      at = end + 1;
    } else {
      let end = at;
      while (end < text.length && !/[\s]/.test(text[end] as string) && !text.startsWith('//', end)) end++;
      tokens.push(text.slice(at, end));
      at = end;
    }
  }
  return { tokens, comment: '' };
}

export function directives(text: string): Directive[] {
  const result: Directive[] = [];
  let block: string | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const { tokens, comment } = tokenize(raw.replace(/\r$/, ''), line);
    if (tokens.length === 0) return;
    if (block !== undefined) {
      if (tokens[0] === ')') block = undefined;
      else result.push({ verb: block, args: tokens, comment, line });
      return;
    }
    const [verb, ...args] = tokens as [string, ...string[]];
    if (args.length === 1 && args[0] === '(') block = verb;
    else result.push({ verb, args, comment, line });
  });
  if (block !== undefined) throw new MalformedFileError(`unterminated ${block} ( ... ) block`);
  return result;
}

function stripV(version: string): string {
  return version.startsWith('v') ? version.slice(1) : version;
}

function isLocalPath(path: string): boolean {
  return path.startsWith('./') || path.startsWith('../') || path.startsWith('/') || path === '.' || path === '..';
}

export function parseGoMod(text: string, path: string): PackageRecord[] {
  const all = directives(text);
  if (!all.some((directive) => directive.verb === 'module' || directive.verb === 'require' || directive.verb === 'go')) {
    throw new MalformedFileError('no module, go or require directive: not a go.mod file');
  }
  interface Replacement {
    readonly to: string;
    readonly version: string;
  }
  const replaceAll = new Map<string, Replacement>();
  const replaceOne = new Map<string, Replacement>();
  for (const directive of all) {
    if (directive.verb !== 'replace') continue;
    const arrow = directive.args.indexOf('=>');
    if (arrow < 1) throw new MalformedFileError(`line ${directive.line}: replace without =>`);
    const [from, fromVersion] = directive.args.slice(0, arrow) as [string, string | undefined];
    const [to, toVersion] = directive.args.slice(arrow + 1) as [string | undefined, string | undefined];
    if (to === undefined) throw new MalformedFileError(`line ${directive.line}: replace without a target`);
    const replacement = { to, version: toVersion ?? '' };
    if (fromVersion) replaceOne.set(`${from}@${fromVersion}`, replacement);
    else replaceAll.set(from, replacement);
  }
  const records: PackageRecord[] = [];
  for (const directive of all) {
    if (directive.verb !== 'require') continue;
    const [module, version] = directive.args as [string, string | undefined];
    if (version === undefined) throw new MalformedFileError(`line ${directive.line}: require ${module} has no version`);
    const replacement = replaceOne.get(`${module}@${version}`) ?? replaceAll.get(module);
    const direct = !/(^|;)\s*indirect\s*(;|$)/.test(directive.comment);
    if (replacement && isLocalPath(replacement.to)) {
      records.push(packageRecord('Go', path, { name: module, version: '', direct, line: directive.line, resolution: 'local' }));
      continue;
    }
    const name = replacement?.to ?? module;
    const resolved = replacement?.version || version;
    records.push(packageRecord('Go', path, { name, version: stripV(resolved), direct, line: directive.line, resolution: 'registry' }));
  }
  // Go itself: the toolchain line names the exact release; `go 1.21.0` the minimum language version.
  const toolchain = all.find((directive) => directive.verb === 'toolchain');
  const go = all.find((directive) => directive.verb === 'go');
  const goVersion = toolchain?.args[0]?.replace(/^go/, '') ?? go?.args[0];
  const goLine = toolchain?.args[0] ? toolchain.line : go?.line;
  if (goVersion && /^\d+\.\d+/.test(goVersion)) {
    records.push(packageRecord('Go', path, { name: 'stdlib', version: goVersion.split('.').length === 2 ? `${goVersion}.0` : goVersion, line: goLine }));
  }
  return records;
}
