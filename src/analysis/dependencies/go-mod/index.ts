/**
 * Go modules' `go.mod`, the source OSV-Scanner reads (not go.sum, which also lists modules that are not in
 * the build). `require` lines give the modules (`// indirect` marks transitive ones), `replace` directives
 * swap a module (all versions, or one) for another module version or a local folder, and the `go` /
 * `toolchain` directives give the `stdlib` pseudo-package OSV uses for Go's own vulnerabilities. Versions
 * are reported as OSV does, without the leading `v` (purls keep it). Below go 1.17 the go.sum beside the
 * go.mod completes the indirect modules.
 *
 * Hand-parsed: go.mod is a line-based format (directives, `( ... )` blocks, `//` comments, quoted paths)
 * and there is no maintained JavaScript parser of it; this also gives exact line numbers.
 */
import { MalformedFileError, baseName, dirName, joinPath, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'go-mod',
  version: 2,
  ecosystem: 'Go',
  matches: (path) => baseName(path) === 'go.mod',
  async extract(repo, path) {
    const text = await readLockfile(repo, path);
    const goDirective = /^\s*go\s+(\d+\.\d+)/m.exec(text)?.[1];
    const sumPath = joinPath(dirName(path), 'go.sum');
    // Only modules declaring a go version below 1.17 need their go.sum (see parseGoMod).
    const needsSum = goDirective !== undefined && goVersionBelow(goDirective, 1, 17) && (await repo.exists(sumPath));
    return parseGoMod(text, path, needsSum ? { text: await readLockfile(repo, sumPath), path: sumPath } : undefined);
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

/**
 * The commit a pseudo-version names (`v0.0.0-20240102030405-abcdef012345`, `v1.2.4-0.2024…-abcdef012345`,
 * `v1.2.3-pre.0.2024…-abcdef012345`): its 12-digit commit prefix, which OSV GIT ranges can be matched against.
 */
export function pseudoVersionCommit(version: string): string | undefined {
  return /(?:^|[-.])\d{14}-([0-9a-f]{12})(?:\+incompatible)?$/.exec(version)?.[1];
}

function isLocalPath(path: string): boolean {
  return path.startsWith('./') || path.startsWith('../') || path.startsWith('/') || path === '.' || path === '..';
}

/** `1.16` < `1.17`: Go language versions (`1.21`, `1.21.5`, `1.21rc1`) by their numbers. */
function goVersionBelow(version: string, major: number, minor: number): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const [have, haveMinor] = [Number(match[1]), Number(match[2])];
  return have < major || (have === major && haveMinor < minor);
}

/**
 * The Go version the module builds with, for the `stdlib` pseudo-package: the toolchain's release (`go1.21.5`,
 * its `-suffix` dropped) or else the `go` directive as written (`1.21`, `1.21.0`).
 */
function goVersionOf(all: readonly Directive[]): { version: string; line: number } | undefined {
  const toolchain = all.find((directive) => directive.verb === 'toolchain');
  const toolchainVersion = toolchain?.args[0]?.split('-')[0]?.replace(/^go/, '');
  if (toolchain && toolchainVersion && /^\d+\.\d+/.test(toolchainVersion)) return { version: toolchainVersion, line: toolchain.line };
  const go = all.find((directive) => directive.verb === 'go');
  const goVersion = go?.args[0];
  return go && goVersion && /^\d+\.\d+/.test(goVersion) ? { version: goVersion, line: go.line } : undefined;
}

/**
 * The modules of a go.mod, as OSV-Scanner's gomod extractor reads them: every `require` (one record per
 * module version), then `replace` directives applied to them: `old => new v` swaps every required version of
 * `old` (or only `old vX` when the directive names a version, and only when that version is required) for
 * `new` at `v`; a replacement by a folder (`=> ../fork`) is reported under that path, without a version, as
 * `resolution: 'local'`. A `replace` of a module that is not required adds nothing, and `exclude` removes
 * nothing (it only stops the go command from selecting a version). Below go 1.17 a go.mod lists only some
 * indirect modules, so those of the go.sum beside it (`goSum`) are added, as OSV-Scanner does.
 */
export function parseGoMod(text: string, path: string, goSum?: { text: string; path: string }): PackageRecord[] {
  const all = directives(text);
  if (!all.some((directive) => directive.verb === 'module' || directive.verb === 'require' || directive.verb === 'go')) {
    throw new MalformedFileError('no module, go or require directive: not a go.mod file');
  }
  interface Required {
    name: string;
    version: string;
    readonly direct: boolean;
    readonly line: number;
    local: boolean;
  }
  const required: Required[] = [];
  for (const directive of all) {
    if (directive.verb !== 'require') continue;
    const [module, version] = directive.args as [string, string | undefined];
    if (version === undefined) throw new MalformedFileError(`line ${directive.line}: require ${module} has no version`);
    const direct = !/(^|;)\s*indirect\s*(;|$)/.test(directive.comment);
    required.push({ name: module, version: stripV(version), direct, line: directive.line, local: false });
  }
  for (const directive of all) {
    if (directive.verb !== 'replace') continue;
    const arrow = directive.args.indexOf('=>');
    if (arrow < 1) throw new MalformedFileError(`line ${directive.line}: replace without =>`);
    const [from, fromVersion] = directive.args.slice(0, arrow) as [string, string | undefined];
    const [to, toVersion] = directive.args.slice(arrow + 1) as [string | undefined, string | undefined];
    if (to === undefined) throw new MalformedFileError(`line ${directive.line}: replace without a target`);
    // Replaces apply to the requirements as the file lists them (a later replace sees an earlier one's result).
    for (const requirement of required) {
      if (requirement.name !== from || (fromVersion !== undefined && requirement.version !== stripV(fromVersion))) continue;
      requirement.name = to;
      requirement.version = stripV(toVersion ?? '');
      requirement.local = isLocalPath(to);
    }
  }
  const records = new Map<string, PackageRecord>();
  for (const requirement of required) {
    const key = `${requirement.name}@${requirement.version}`;
    if (records.has(key)) continue;
    records.set(
      key,
      packageRecord('Go', path, {
        name: requirement.name,
        version: requirement.version,
        direct: requirement.direct,
        line: requirement.line,
        resolution: requirement.local ? 'local' : 'registry',
        commit: pseudoVersionCommit(requirement.version),
      }),
    );
  }
  const goVersion = goVersionOf(all);
  if (goVersion) records.set('stdlib', packageRecord('Go', path, { name: 'stdlib', version: goVersion.version, line: goVersion.line }));
  const languageVersion = all.find((directive) => directive.verb === 'go')?.args[0];
  if (goSum && languageVersion && goVersionBelow(languageVersion, 1, 17)) {
    for (const record of goSumModules(goSum.text, goSum.path)) if (!records.has(`${record.name}@${record.version}`)) records.set(`${record.name}@${record.version}`, record);
  }
  return [...records.values()];
}

/**
 * The modules of a go.sum (`module version hash`; the `version/go.mod` lines only hash a go.mod file). A
 * malformed go.sum adds nothing: it only completes what the go.mod says.
 */
function goSumModules(text: string, path: string): PackageRecord[] {
  const records: PackageRecord[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const fields = (lines[index] as string).trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) continue;
    if (fields.length !== 3) return [];
    const [name, version] = fields as [string, string];
    if (version.endsWith('/go.mod')) continue;
    records.push(packageRecord('Go', path, { name, version: stripV(version), direct: false, line: index + 1, resolution: 'registry', commit: pseudoVersionCommit(version) }));
  }
  return records;
}
