/**
 * What one simple command does, judged on its words as Scorecard's Pinned-Dependencies check judges them
 * (checks/raw/shell_download_validate.go): which commands download, which run interpreters, where a download
 * is written, and whether a package-manager install is pinned. Pure functions over the words of a command,
 * as `words()` in scan.ts extracts them (literal words; quoted words keep their quotes; `sudo` dropped).
 */

/** Scorecard's command ecosystems (its DependencyUseType for commands). */
export type CommandKind = 'downloadThenRun' | 'goCommand' | 'pipCommand' | 'npmCommand' | 'chocoCommand' | 'nugetCommand';

const SHELLS = ['sh', 'bash', 'mksh', 'dash', 'ksh'];
const PYTHONS = ['python', 'python3', 'python2.7'];
const OTHER_INTERPRETERS = ['perl', 'ruby', 'php', 'node', 'nodejs', 'java'];
/** In Scorecard's order: the first interpreter `isInlineScript` matches wins. */
const INTERPRETERS = ['dotnet', 'nuget', ...OTHER_INTERPRETERS, 'exec', 'su', ...SHELLS, ...SHELLS, ...PYTHONS];
const DOWNLOADERS = ['curl', 'wget', 'gsutil'];

/** The program's name without its folder, compared case-insensitively (`/usr/bin/CURL` is curl). */
export function isProgram(expected: string, word: string | undefined): boolean {
  if (word === undefined) return false;
  return word.slice(word.lastIndexOf('/') + 1).toLowerCase() === expected.toLowerCase();
}

const eq = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

export function isDownload(cmd: readonly string[]): boolean {
  if (DOWNLOADERS.some((name) => isProgram(name, cmd[0]))) return true;
  return isAwsGetObject(cmd);
}

function isAwsGetObject(cmd: readonly string[]): boolean {
  return isProgram('aws', cmd[0]) && cmd.length >= 3 && eq(cmd[1], 's3api') && eq(cmd[2], 'get-object');
}

export function isInterpreter(cmd: readonly string[]): boolean {
  return INTERPRETERS.some((name) => isProgram(name, cmd[0]));
}

/** Go's filepath.Clean for the comparisons Scorecard makes (`./x` is `x`, `a//b/` is `a/b`). */
export function cleanPath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined === '' ? '.' : joined;
}

/** A command that runs `file`: the file itself, or an interpreter given it as an argument. */
export function runsFile(cmd: readonly string[], file: string): boolean {
  const target = cleanPath(file).toLowerCase();
  if (cmd.length === 0) return false;
  if (cleanPath(cmd[0] as string).toLowerCase() === target) return true;
  return isInterpreter(cmd) && cmd.slice(1).some((arg) => cleanPath(arg).toLowerCase() === target);
}

/** Where a download command writes (`wget -O f`, the URL's file name for wget, `curl -o f`, gsutil/aws targets). */
export function downloadTarget(cmd: readonly string[]): string | null {
  if (isProgram('wget', cmd[0])) {
    for (let i = 1; i < cmd.length - 1; i++) if (eq(cmd[i], '-O')) return cmd[i + 1] as string;
    const url = cmd.slice(1).find((arg) => arg.startsWith('http'));
    return url ? basename(urlPath(url)) : null;
  }
  // Scorecard follows wget/gsutil/aws outputs; `curl -o f` (the same thing) is followed here too.
  if (isProgram('curl', cmd[0])) {
    for (let i = 1; i < cmd.length - 1; i++) if (cmd[i] === '-o' || cmd[i] === '--output') return cmd[i + 1] as string;
    return null;
  }
  if (isProgram('gsutil', cmd[0])) {
    for (let i = 1; i < cmd.length - 1; i++) {
      const source = cmd[i] as string;
      if (!source.startsWith('gs://')) continue;
      return intoFolder(cmd[i + 1] as string, source);
    }
    return null;
  }
  if (isAwsGetObject(cmd)) return intoFolder(cmd[cmd.length - 1] as string, cmd[cmd.length - 2] as string);
  return null;
}

/** A destination that names a folder (`dir/`, `.`) receives the source's file name, as `gsutil cp`/`aws` do. */
function intoFolder(destination: string, source: string): string {
  const clean = cleanPath(destination);
  if (!destination.endsWith('/') && clean !== '.' && clean !== '/' && clean !== '..') return destination;
  return cleanPath(`${clean}/${basename(urlPath(source))}`);
}

function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? trimmed || '/' : trimmed.slice(slash + 1) || '/';
}

/**
 * `sh -c "…"`-style inline scripts: an interpreter followed by a flag containing `c`. Returns the interpreter
 * when its inline script is shell (Scorecard does not look into python/perl/ruby/node scripts).
 */
export function inlineShell(cmd: readonly string[]): boolean {
  for (const name of INTERPRETERS) {
    let seen = false;
    let match = false;
    for (const word of cmd) {
      if (isProgram(name, word)) seen = true;
      else if (seen && word.startsWith('-') && word.includes('c')) {
        match = true;
        break;
      }
    }
    if (match) return !PYTHONS.includes(name) && !OTHER_INTERPRETERS.includes(name);
  }
  return false;
}

export interface PackageInstall {
  kind: Exclude<CommandKind, 'downloadThenRun'>;
  pinned: boolean;
  /** What is installed, for the report: packages, module paths, or what the manager reads. */
  name: string;
  version: string;
}

/** A package-manager install and Scorecard's verdict on it, or null for any other command. */
export function packageInstall(cmd: readonly string[]): PackageInstall | null {
  if (cmd.length === 0) return null;
  if (isGoInstall(cmd)) return { kind: 'goCommand', pinned: goPinned(cmd), ...nameVersion(cmd.slice(2), '@') };
  const pip = pipWords(cmd);
  if (pip) return { kind: 'pipCommand', pinned: pipPinned(pip), ...nameVersion(pip.slice(2), '==') };
  if (isProgram('npm', cmd[0]) && cmd.slice(1).some((w) => ['install', 'i', 'install-test', 'update', 'ci'].some((sub) => eq(w, sub)))) {
    const packages = cmd.slice(2).filter((w) => !w.startsWith('-'));
    return { kind: 'npmCommand', pinned: cmd.slice(1).some((w) => eq(w, 'ci')), ...(packages.length ? nameVersion(packages, '@') : { name: '(package.json)', version: '' }) };
  }
  if ((isProgram('choco', cmd[0]) || isProgram('choco.exe', cmd[0])) && cmd.length >= 2 && eq(cmd[1], 'install')) {
    const pinned = cmd.slice(2).some((w) => ['--requirechecksum', '--requirechecksums', '--require-checksums'].some((flag) => eq(w.split('=')[0], flag)));
    return { kind: 'chocoCommand', pinned, ...nameVersion(cmd.slice(2), '') };
  }
  if ((isProgram('nuget', cmd[0]) || isProgram('nuget.exe', cmd[0])) && cmd.length >= 2 && eq(cmd[1], 'install')) {
    // A bare `nuget install` or one reading packages.config installs declared (required) versions.
    const pinned = cmd.length === 2 || (cmd[2] as string).endsWith('packages.config') || cmd.slice(2).some((w) => eq(w, '-Version'));
    return { kind: 'nugetCommand', pinned, ...versionFlag(cmd.slice(2), ['-version']) };
  }
  if ((isProgram('dotnet', cmd[0]) || isProgram('dotnet.exe', cmd[0])) && cmd.length >= 4 && eq(cmd[1], 'add') && (eq(cmd[2], 'package') || eq(cmd[3], 'package'))) {
    const pinned = cmd.slice(3).some((w) => eq(w, '-v') || eq(w, '--version'));
    return { kind: 'nugetCommand', pinned, ...versionFlag(cmd.slice(eq(cmd[2], 'package') ? 3 : 4), ['-v', '--version']) };
  }
  return null;
}

/** Packages with the value of a version option (`-Version 1.2.3`) as the version. */
function versionFlag(args: readonly string[], flags: readonly string[]): { name: string; version: string } {
  const at = args.findIndex((w) => flags.includes(w.toLowerCase()));
  if (at < 0) return nameVersion(args, '');
  return { name: nameVersion([...args.slice(0, at), ...args.slice(at + 2)], '').name, version: args[at + 1] ?? '' };
}

function nameVersion(args: readonly string[], separator: string): { name: string; version: string } {
  const packages = args.filter((w) => !w.startsWith('-')).map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
  if (packages.length !== 1 || separator === '') return { name: packages.join(' '), version: '' };
  const only = packages[0] as string;
  const at = only.lastIndexOf(separator);
  return at > 0 ? { name: only.slice(0, at), version: only.slice(at + separator.length) } : { name: only, version: '' };
}

// `go install` without extra words reads go.mod/go.sum, so Scorecard does not count it.
function isGoInstall(cmd: readonly string[]): boolean {
  return cmd.length > 2 && isProgram('go', cmd[0]) && (cmd[1] === 'get' || cmd[1] === 'install');
}

const GO_FLAGS = new Set(['-d', '-f', '-t', '-u', '-v', '-fix', '-insecure']);
const GO_HASH = /^[A-Fa-f0-9]{40,}$/;
const GO_SEMVER = /^v\d+\.\d+\.\d+(-[0-9A-Za-z-.]+)?(\+[0-9A-Za-z-.]+)?$/;

/**
 * The first package decides: a local path (nothing shaped like `host.tld/path`), `@none`, `@<hash>` or an exact
 * `@vX.Y.Z` (unless -insecure) is pinned; `@latest`, a branch or no version is not.
 */
function goPinned(cmd: readonly string[]): boolean {
  let insecure = false;
  for (let i = 1; i < cmd.length - 1; i++) {
    while (i < cmd.length - 1 && GO_FLAGS.has(cmd[i + 1] as string)) {
      if (cmd[i + 1] === '-insecure') insecure = true;
      i++;
    }
    if (i + 1 >= cmd.length) return true;
    const pkg = cmd[i + 1] as string;
    if (!/\w+\.\w+\/\w+/.test(pkg)) return true;
    const parts = pkg.split('@');
    if (parts.length !== 2) continue;
    const version = parts[1] as string;
    if (version === 'none' || GO_HASH.test(version) || (!insecure && GO_SEMVER.test(version))) return true;
  }
  return false;
}

/** `pip install …`, `pip3 install …` or `python -m pip install …`, as words starting at `pip`. */
function pipWords(cmd: readonly string[]): readonly string[] | null {
  const isPipInstall = (words: readonly string[]): boolean => words.length >= 2 && (isProgram('pip', words[0]) || isProgram('pip3', words[0])) && eq(words[1], 'install');
  if (isPipInstall(cmd)) return cmd;
  if (!PYTHONS.some((name) => isProgram(name, cmd[0]))) return null;
  for (let i = 1; i < cmd.length - 1; i++) {
    if (eq(cmd[i], '-m') && eq(cmd[i + 1], 'pip')) {
      const rest = cmd.slice(i + 1);
      return isPipInstall(rest) ? rest : null;
    }
  }
  return null;
}

/**
 * Pinned: `--require-hashes`; only wheel files; or an editable install with `--no-deps` whose sources are all
 * local or `git+…@<40-hex commit>` (dependencies of an editable install cannot be verified otherwise).
 */
function pipPinned(cmd: readonly string[]): boolean {
  let noDeps = false;
  let editable = false;
  let editablePinned = true;
  let requireHashes = false;
  let others = false;
  let wheel = false;
  for (let i = 2; i < cmd.length; i++) {
    const word = cmd[i] as string;
    if (eq(word, '--no-deps')) noDeps = true;
    else if (word === '-e' || word === '--editable') editable = true;
    else if (eq(word, '--require-hashes')) {
      requireHashes = true;
      break;
    } else if (/^(--?\w+)+$/.test(word)) continue;
    else if (word.endsWith('.whl')) wheel = true;
    else if (editable) editablePinned &&= editableSourcePinned(word);
    else others = true;
  }
  if (editable) return noDeps && editablePinned;
  if (requireHashes) return true;
  if (others) return false;
  return wheel;
}

function editableSourcePinned(source: string): boolean {
  if (!/^(git|svn|hg|bzr).+$/.test(source)) return true;
  return /^git(\+(https?|ssh|git))?:\/\/.*(.git)?@[a-fA-F0-9]{40}(#egg=.*)?$/.test(source);
}

/** The URL (or bucket path) a download command fetches, for the report. */
export function downloadSource(cmd: readonly string[]): string {
  const url = cmd.find((w) => /^['"]?(https?|gs|s3|ftp):\/\//.test(w));
  if (url) return url.replace(/^(['"])(.*)\1$/, '$2');
  return cmd.slice(1).find((w) => !w.startsWith('-')) ?? '';
}
