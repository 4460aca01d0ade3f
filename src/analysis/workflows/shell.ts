/**
 * Dependencies fetched by shell commands, as Scorecard's Pinned-Dependencies check finds them in workflow
 * `run:` steps, shell scripts and Dockerfile `RUN` lines (checks/fileparser/shell_download_validate.go):
 * - download-then-run: `curl ... | sh`, `wget -O- ... | bash`, `bash <(curl ...)`, `sh -c "$(curl ...)"` —
 *   never pinned (the fetched script can change under the same URL);
 * - `go install`/`go get`: pinned with `@vX.Y.Z` or `@<commit hash>`, not with `@latest` or a branch; a local
 *   package (`.`, `./cmd/x`) and `go install pkg` without a version (resolved from go.mod) are pinned;
 * - `pip install`: pinned only with `--require-hashes` or for local paths (a `==` version is not a hash);
 * - `npm install`/`npm i`/`npm update` (global or not): not pinned; `npm ci` (installs the lockfile) is.
 * Commands are tokenised with shell-quote (operators, quotes, comments), not split on spaces.
 */
import { parse, type ParseEntry } from 'shell-quote';

export type ShellDependencyKind = 'downloadThenRun' | 'goCommand' | 'pipCommand' | 'npmCommand';

export interface ShellDependency {
  readonly kind: ShellDependencyKind;
  /** What is fetched: the URL, module path, package or requirements file. */
  readonly name: string;
  readonly version: string;
  readonly pinned: boolean;
  /** 0-based line in the script where the command starts. */
  readonly line: number;
  /** The command line as written (continuations joined). */
  readonly snippet: string;
}

const INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'pwsh', 'php']);
const DOWNLOADERS = new Set(['curl', 'wget']);
const PREFIX_COMMANDS = new Set(['sudo', 'env', 'time', 'exec', 'nohup', 'command', 'xargs']);
const SEPARATORS = new Set(['&&', '||', ';', ';;', '&', '(', ')', '<(', '>(', '|&']);
const HASH = /^[0-9a-fA-F]{40,}$/;
const GO_SEMVER = /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const URL = /https?:\/\/[^\s"'`|;&)]+/;

/** Every dependency-fetching command of a shell script. */
export function shellDependencies(script: string): ShellDependency[] {
  const found: ShellDependency[] = [];
  for (const { text, line } of logicalLines(script)) found.push(...lineDependencies(text, line, 0));
  return found;
}

/** Lines with backslash continuations joined, each with the 0-based line it starts on. */
export function logicalLines(script: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = script.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i] ?? '';
    while (/(^|[^\\])\\$/.test(text) && i + 1 < lines.length) text = text.slice(0, -1) + ' ' + (lines[++i] ?? '');
    if (text.trim() !== '' && !text.trim().startsWith('#')) out.push({ text, line: start });
  }
  return out;
}

function lineDependencies(text: string, line: number, depth: number): ShellDependency[] {
  const snippet = text.trim();
  const tokens = tokenize(text);
  const found: ShellDependency[] = [];
  for (const pipeline of pipelines(tokens)) {
    const commands = pipeline.map(stripPrefixes).filter((words) => words.length > 0);
    const download = commands.findIndex((words) => DOWNLOADERS.has(basename(words[0])));
    if (download >= 0 && commands.slice(download + 1).some((words) => INTERPRETERS.has(basename(words[0])))) {
      found.push({ kind: 'downloadThenRun', name: urlOf(commands[download] ?? []), version: '', pinned: false, line, snippet });
    }
    for (const words of commands) {
      const command = basename(words[0]);
      // `sh -c "..."` runs its argument as a script: look inside it (a few levels deep at most).
      if (INTERPRETERS.has(command)) {
        const inline = words.indexOf('-c');
        const body = inline >= 0 ? words[inline + 1] : undefined;
        if (body && /\$\(\s*(curl|wget)\b|`\s*(curl|wget)\b/.test(body)) {
          found.push({ kind: 'downloadThenRun', name: URL.exec(body)?.[0] ?? body, version: '', pinned: false, line, snippet });
        } else if (body && depth < 3) {
          found.push(...lineDependencies(body, line, depth + 1));
        }
      }
      const dependency = packageCommand(words, line, snippet);
      if (dependency) found.push(...dependency);
    }
  }
  // Process substitution: `bash <(curl ...)`.
  if (/\b(ba|z|k|da)?sh\s+<\(\s*(sudo\s+)?(curl|wget)\b/.test(text)) {
    found.push({ kind: 'downloadThenRun', name: URL.exec(text)?.[0] ?? '', version: '', pinned: false, line, snippet });
  }
  return found;
}

function tokenize(text: string): ParseEntry[] {
  // Workflow expressions (`${{ ... }}`) are not shell; shell-quote rejects them. Keep them as one word.
  const cleaned = text.replace(/\$\{\{[^}]*\}\}/g, 'EXPR');
  try {
    return parse(cleaned, (name) => `$${name}`);
  } catch {
    return cleaned.split(/\s+/).filter(Boolean);
  }
}

/** Splits tokens into pipelines (separated by `&&`, `;`, ...) of commands (separated by `|`) of words. */
function pipelines(tokens: readonly ParseEntry[]): string[][][] {
  const result: string[][][] = [];
  let pipeline: string[][] = [];
  let words: string[] = [];
  const endCommand = (): void => {
    if (words.length > 0) pipeline.push(words);
    words = [];
  };
  for (const token of tokens) {
    if (typeof token === 'string') words.push(token);
    else if ('comment' in token) break;
    else if ('op' in token && token.op === 'glob') words.push(token.pattern);
    else if ('op' in token && token.op === '|') endCommand();
    else if ('op' in token && SEPARATORS.has(token.op)) {
      endCommand();
      if (pipeline.length > 0) result.push(pipeline);
      pipeline = [];
    }
  }
  endCommand();
  if (pipeline.length > 0) result.push(pipeline);
  return result;
}

/** Drops `sudo`, `env`, `VAR=value` and their options before the real command. */
function stripPrefixes(words: string[]): string[] {
  let i = 0;
  while (i < words.length) {
    const word = words[i] as string;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) i++;
    else if (PREFIX_COMMANDS.has(word)) {
      i++;
      while (i < words.length && (words[i] as string).startsWith('-')) i++;
    } else break;
  }
  return words.slice(i);
}

function basename(word: string | undefined): string {
  if (!word) return '';
  return word.slice(word.lastIndexOf('/') + 1).toLowerCase();
}

function urlOf(words: readonly string[]): string {
  for (const word of words) {
    const match = URL.exec(word);
    if (match) return match[0];
  }
  return words.find((word, index) => index > 0 && !word.startsWith('-')) ?? '';
}

function packageCommand(words: readonly string[], line: number, snippet: string): ShellDependency[] | null {
  const command = basename(words[0]);
  if (command === 'go') return goCommand(words.slice(1), line, snippet);
  if (/^pip[0-9.]*$/.test(command)) return pipCommand(words.slice(1), line, snippet);
  if (/^python[0-9.]*$/.test(command) && words[1] === '-m' && /^pip[0-9.]*$/.test(words[2] ?? '')) return pipCommand(words.slice(3), line, snippet);
  if (command === 'npm') return npmCommand(words.slice(1), line, snippet);
  return null;
}

/**
 * One dependency per command, as Scorecard counts them: `go install a@v1 b@latest` is one unpinned command.
 */
function goCommand(args: readonly string[], line: number, snippet: string): ShellDependency[] | null {
  const sub = args[0];
  if (sub !== 'install' && sub !== 'get') return null;
  const packages = args.slice(1).filter((arg) => !arg.startsWith('-') && arg !== '.' && !arg.startsWith('./') && !arg.startsWith('../'));
  if (packages.length === 0) return [];
  const parsed = packages.map((pkg) => {
    const at = pkg.lastIndexOf('@');
    const version = at > 0 ? pkg.slice(at + 1) : '';
    // Without a version, `go install` in module mode takes go.mod's; `go get` takes the latest.
    const pinned = version === '' ? sub === 'install' : GO_SEMVER.test(version) || HASH.test(version);
    return { name: at > 0 ? pkg.slice(0, at) : pkg, version, pinned };
  });
  return [{ kind: 'goCommand', ...joined(parsed), line, snippet }];
}

/** Several packages of one command as one dependency: names joined, the version when there is one package. */
function joined(parts: readonly { name: string; version: string; pinned: boolean }[]): { name: string; version: string; pinned: boolean } {
  return {
    name: parts.map((part) => part.name).join(' '),
    version: parts.length === 1 ? (parts[0]?.version ?? '') : '',
    pinned: parts.every((part) => part.pinned),
  };
}

/** pip options that take a value (so the value is not a package name). */
const PIP_VALUE_OPTIONS = new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--src', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--progress-bar', '--cache-dir', '--log', '--proxy', '--timeout', '--retries', '--upgrade-strategy', '-e', '--editable']);

function pipCommand(args: readonly string[], line: number, snippet: string): ShellDependency[] | null {
  if (args[0] !== 'install') return null;
  const requireHashes = args.includes('--require-hashes');
  const targets: { name: string; version: string; pinned: boolean }[] = [];
  for (let i = 1; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-r' || arg === '--requirement') {
      targets.push({ name: args[++i] ?? '', version: '', pinned: requireHashes });
    } else if (arg === '-e' || arg === '--editable') {
      const target = args[++i] ?? '';
      targets.push({ name: target, version: '', pinned: isLocalPath(target) || requireHashes });
    } else if (arg.startsWith('-')) {
      if (PIP_VALUE_OPTIONS.has(arg)) i++;
    } else if (isLocalPath(arg)) {
      targets.push({ name: arg, version: '', pinned: true });
    } else {
      // `pkg==1.0` names a version but no hash: the index may serve different files under it.
      const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(arg);
      targets.push({ name: match?.[1] ?? arg, version: (match?.[3] ?? '').replace(/^==/, ''), pinned: requireHashes });
    }
  }
  return targets.length === 0 ? [] : [{ kind: 'pipCommand', ...joined(targets), line, snippet }];
}

function isLocalPath(arg: string): boolean {
  return arg === '.' || arg.startsWith('./') || arg.startsWith('../') || arg.startsWith('/') || (/\.(whl|tar\.gz|zip)$/.test(arg) && !/^[a-z]+:\/\//.test(arg));
}

const NPM_INSTALLS = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'update', 'up', 'upgrade', 'install-test', 'it', 'install-ci-test', 'cit', 'ci', 'clean-install']);

function npmCommand(args: readonly string[], line: number, snippet: string): ShellDependency[] | null {
  const sub = args.find((arg) => !arg.startsWith('-'));
  if (!sub || !NPM_INSTALLS.has(sub)) return null;
  // `npm ci` and its aliases install exactly what the lockfile says.
  const locked = sub === 'ci' || sub === 'clean-install' || sub === 'install-ci-test' || sub === 'cit';
  const rest = args.slice(args.indexOf(sub) + 1).filter((arg) => !arg.startsWith('-'));
  const global = args.includes('-g') || args.includes('--global');
  const name = rest.length > 0 ? rest.join(' ') : global ? '(global)' : '(package.json)';
  const version = rest.length === 1 ? (/^(@?[^@]+)@(.+)$/.exec(rest[0] as string)?.[2] ?? '') : '';
  return [{ kind: 'npmCommand', name, version, pinned: locked, line, snippet }];
}
