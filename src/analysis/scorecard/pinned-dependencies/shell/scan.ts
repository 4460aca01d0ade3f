/**
 * Dependencies fetched by a shell script, found on its syntax tree the way Scorecard walks it: every node of
 * the script (inside `&&`/`;` lists, subshells, `$(…)`, functions, `if`/`for` bodies) is visited once, and
 * - `download | interpreter` (a pipe whose left command downloads and right command is an interpreter),
 * - `interpreter <(download)` (process substitution),
 * - running a file an earlier command downloaded (`curl -o f …`, `wget -O f …`, `curl … > f`, gsutil/aws cp),
 *   followed across the statements, RUN instructions or steps that share `tainted`,
 * - `sh -c '…'` inline scripts, scanned as scripts of their own,
 * - package-manager installs (go, pip, npm, choco, nuget/dotnet) with Scorecard's pinned verdicts,
 * are reported. Heredoc bodies are data to the shell and are not commands here (`cat <<EOF` is not `curl`).
 */
import { downloadSource, downloadTarget, inlineShell, isDownload, isInterpreter, packageInstall, runsFile, type CommandKind } from './commands.js';
import type { ShBinaryCmd, ShCallExpr, ShDblQuoted, ShellSyntax, ShLit, ShNode, ShProcSubst, ShSglQuoted, ShStmt, ShWord } from './syntax.js';

export interface ShellFinding {
  readonly kind: CommandKind;
  readonly pinned: boolean;
  readonly name: string;
  readonly version: string;
  /** Scorecard's start and end lines (see `Base`). */
  readonly startLine: number;
  readonly endLine: number;
  /** The command as written, continuations joined. */
  readonly snippet: string;
}

/**
 * Scorecard's line arithmetic: a node on script line n is reported at `start + n` to `end + n` (end falls back
 * to start when smaller). Scripts use 0/0; a Dockerfile RUN its first and last line minus one (its command is
 * one joined line, so every finding spans the whole instruction); a workflow step the line of `run:`'s value.
 */
export interface Base {
  readonly start: number;
  readonly end: number;
}

export interface ScanResult {
  findings: ShellFinding[];
  /** Parse errors (`line:col: message`) of the script or of inline scripts in it; what parsed is still scanned. */
  errors: string[];
}

/**
 * Cheap test that a script can yield anything, so the parser (slow to load, slow on large scripts) runs only
 * when it can matter. It must accept every script the scan could report on: downloads (which may feed a later
 * `bash file`), the package-manager commands with their subcommands, and anything once a file is tainted.
 */
const TRIGGERS = [
  /(^|[^\w.-])(curl|wget|gsutil)($|[^\w.-])/i,
  /(^|[^\w.-])aws\s+s3api\b/i,
  /(^|[^\w.-])go\s+(get|install)\b/i,
  /(^|[^\w.-])pip3?\s+install\b/i,
  /\s-m\s+pip\b/i,
  /(^|[^\w.-])npm($|[^\w.-])/i,
  /(^|[^\w.-])(choco|nuget)(\.exe)?\s+install\b/i,
  /(^|[^\w.-])dotnet(\.exe)?\s+add\b/i,
];

export function mayMatter(script: string, tainted: ReadonlySet<string>): boolean {
  if (tainted.size > 0) return true;
  const joined = script.replace(/\\\r?\n[ \t]*/g, ' ');
  return TRIGGERS.some((trigger) => trigger.test(joined));
}

export function scanScript(sh: ShellSyntax, script: string, base: Base, tainted: Set<string>): ScanResult {
  const result: ScanResult = { findings: [], errors: [] };
  scanInto(sh, script, base, tainted, result);
  return result;
}

function scanInto(sh: ShellSyntax, script: string, base: Base, tainted: Set<string>, out: ScanResult): void {
  const parsed = sh.parse(script);
  if ('error' in parsed) {
    out.errors.push(parsed.error);
    return;
  }
  const bytes = Buffer.from(script, 'utf8');
  const snippetOf = (node: ShNode): string =>
    bytes.subarray(node.Pos().Offset(), node.End().Offset()).toString('utf8').replace(/\\\r?\n[ \t]*/g, '').trim();
  const lines = (node: ShNode): { startLine: number; endLine: number } => {
    const line = node.Pos().Line();
    return { startLine: base.start + line, endLine: (base.end >= base.start ? base.end : base.start) + line };
  };
  const add = (node: ShNode, kind: CommandKind, pinned: boolean, name: string, version = ''): void => {
    out.findings.push({ kind, pinned, name, version, ...lines(node), snippet: snippetOf(node) });
  };

  sh.walk(parsed.file, (node) => {
    const type = sh.type(node);
    if (type === 'CallExpr') {
      const call = node as ShCallExpr;
      const cmd = words(sh, call.Args);
      // `sh -c '…'`: the inline script is scanned with this command's lines as its base.
      if (inlineShell(cmd)) {
        const inline = firstQuoted(sh, call.Args);
        if (inline !== null) {
          const at = lines(node);
          scanInto(sh, inline, { start: at.startLine, end: at.endLine }, tainted, out);
        }
      }
      for (const file of tainted) {
        if (runsFile(cmd, file)) add(node, 'downloadThenRun', false, file);
      }
      const substituted = processSubstitutionDownload(sh, call, cmd);
      if (substituted) add(node, 'downloadThenRun', false, downloadSource(substituted));
      const install = packageInstall(cmd);
      if (install) add(node, install.kind, install.pinned, install.name, install.version);
    } else if (type === 'BinaryCmd') {
      const pipe = node as ShBinaryCmd;
      if (pipe.Op !== sh.ops.pipe) return;
      const left = commandWords(sh, pipe.X.Cmd);
      const right = commandWords(sh, pipe.Y.Cmd);
      if (left && right && isDownload(left) && isInterpreter(right)) add(node, 'downloadThenRun', false, downloadSource(left));
    } else if (type === 'Stmt') {
      // Record what a download writes, before the statements that follow (and its own children) are visited.
      const stmt = node as ShStmt;
      const cmd = commandWords(sh, stmt.Cmd);
      if (!cmd || !isDownload(cmd)) return;
      const target = redirectTarget(sh, stmt) ?? downloadTarget(cmd);
      if (target) tainted.add(target);
    }
  });
}

/** `interpreter <(download …)`: the second word is exactly one input process substitution whose first command downloads. */
function processSubstitutionDownload(sh: ShellSyntax, call: ShCallExpr, cmd: readonly string[]): readonly string[] | null {
  if (!isInterpreter(cmd) || call.Args.length < 2) return null;
  const parts = (call.Args[1] as ShWord).Parts;
  if (parts.length !== 1) return null;
  const part = parts[0] as ShNode;
  if (sh.type(part) !== 'ProcSubst') return null;
  const subst = part as ShProcSubst;
  if (subst.Op !== sh.ops.procSubstIn || subst.Stmts.length === 0) return null;
  const inner = commandWords(sh, (subst.Stmts[0] as ShStmt).Cmd);
  return inner && isDownload(inner) ? inner : null;
}

function redirectTarget(sh: ShellSyntax, stmt: ShStmt): string | null {
  for (const redirect of stmt.Redirs) {
    if (redirect.Op !== sh.ops.redirectOut || !redirect.Word || redirect.Word.Parts.length !== 1) continue;
    const part = redirect.Word.Parts[0] as ShNode;
    if (sh.type(part) === 'Lit') return (part as ShLit).Value;
  }
  return null;
}

function commandWords(sh: ShellSyntax, cmd: ShNode | null): string[] | null {
  if (!cmd || sh.type(cmd) !== 'CallExpr') return null;
  return words(sh, (cmd as ShCallExpr).Args);
}

/**
 * The words of a command as Scorecard reads them: single-part literal words, 'single' and "double" quoted
 * literals with their quotes; words built from expansions are left out, and so is `sudo`.
 */
function words(sh: ShellSyntax, args: readonly ShWord[]): string[] {
  const out: string[] = [];
  for (const word of args) {
    if (word.Parts.length !== 1) continue;
    const part = word.Parts[0] as ShNode;
    const type = sh.type(part);
    if (type === 'Lit') {
      const value = (part as ShLit).Value;
      if (value.toLowerCase() !== 'sudo') out.push(value);
    } else if (type === 'SglQuoted') out.push(`'${(part as ShSglQuoted).Value}'`);
    else if (type === 'DblQuoted') {
      const inner = (part as ShDblQuoted).Parts;
      if (inner.length === 1 && sh.type(inner[0] as ShNode) === 'Lit') out.push(`"${(inner[0] as ShLit).Value}"`);
    }
  }
  return out;
}

/** The first argument that is one quoted literal: the inline script of `sh -c '…'`. */
function firstQuoted(sh: ShellSyntax, args: readonly ShWord[]): string | null {
  for (const word of args) {
    if (word.Parts.length !== 1) continue;
    const part = word.Parts[0] as ShNode;
    const type = sh.type(part);
    if (type === 'SglQuoted') return (part as ShSglQuoted).Value;
    if (type === 'DblQuoted') {
      const inner = (part as ShDblQuoted).Parts;
      if (inner.length === 1 && sh.type(inner[0] as ShNode) === 'Lit') return (inner[0] as ShLit).Value;
    }
  }
  return null;
}
