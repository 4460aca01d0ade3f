/**
 * Shell commands that fetch dependencies, from workflow `run:` steps, shell scripts and (docker.ts) Dockerfile
 * `RUN` lines. Each piece of shell is a `ShellUnit`; units that share a `tainted` set (the steps of one job, the
 * RUN lines of one Dockerfile) see each other's downloads, so `curl -o x` in one step and `bash x` in a later
 * one is download-then-run. The parser is loaded only when some unit can yield anything (`mayMatter`).
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { lineWithin, type Workflow } from '../../workflows/parse.js';
import type { CommandKind } from './shell/commands.js';
import { mayMatter, scanScript, type Base, type ShellFinding } from './shell/scan.js';
import { loadShellSyntax } from './shell/syntax.js';
import type { DepType, Dependency, FileProblem } from './types.js';

const TYPE_OF: Record<CommandKind, DepType> = {
  downloadThenRun: 'ScriptDownload',
  goCommand: 'GoInstall',
  pipCommand: 'PipInstall',
  npmCommand: 'NpmInstall',
  chocoCommand: 'ChocoInstall',
  nugetCommand: 'NugetInstall',
};

export interface ShellUnit {
  path: string;
  script: string;
  base: Base;
  tainted: Set<string>;
  /** A finding's file line when the script's lines are not the file's (a folded `run: >` value). */
  relocate?: (finding: ShellFinding) => number;
}

/** Scans units in order (taint flows forward), loading the parser only if one of them can matter. */
export async function scanUnits(units: readonly ShellUnit[]): Promise<{ dependencies: Dependency[]; problems: FileProblem[] }> {
  const dependencies: Dependency[] = [];
  const problems: FileProblem[] = [];
  for (const unit of units) {
    if (!mayMatter(unit.script, unit.tainted)) continue;
    const sh = await loadShellSyntax();
    const { findings, errors } = scanScript(sh, unit.script, unit.base, unit.tainted);
    for (const error of errors) problems.push({ path: unit.path, error: `shell parse error (line ${unit.base.start + 1}): ${error}` });
    for (const finding of findings) {
      const line = unit.relocate ? unit.relocate(finding) : finding.startLine;
      dependencies.push({
        name: finding.name,
        version: finding.version,
        type: TYPE_OF[finding.kind],
        path: unit.path,
        line,
        ...(finding.endLine !== line && !unit.relocate ? { endLine: finding.endLine } : {}),
        pinned: finding.pinned,
        owned: false,
        snippet: finding.snippet,
        ecosystem: finding.kind,
      });
    }
  }
  return { dependencies, problems };
}

const SUPPORTED_SHELLS = ['sh', 'bash', 'mksh'];
const SHELL_NAMES = [...SUPPORTED_SHELLS, 'dash', 'ksh'];

const programIs = (names: readonly string[], word: string | undefined): boolean =>
  word !== undefined && names.includes(word.slice(word.lastIndexOf('/') + 1).toLowerCase());

/**
 * Scorecard reads a file as a shell script when its shebang names sh, bash or mksh (`#!/bin/bash -e`,
 * `#!/usr/bin/env sh`); without a shebang, when it is named `*.sh`, `*.bash` or `*.mksh`.
 */
export function isShellScript(path: string, firstLine: string): boolean {
  if (!firstLine.startsWith('#!')) return /\.(sh|bash|mksh)$/.test(path);
  const parts = firstLine.slice(2).split(' ');
  return programIs(SUPPORTED_SHELLS, parts[0]) || (programIs(['env'], parts[0]) && programIs(SUPPORTED_SHELLS, parts[1]));
}

/** Files worth opening to look for a shell script: shell names, and extension-less files (shebang scripts). */
export function mayBeShellScript(lowerName: string): boolean {
  return /\.(sh|bash|mksh)$/.test(lowerName) || !lowerName.includes('.');
}

/** A Dockerfile's own check excludes shell scripts the way Scorecard does (any shell, shebang or name). */
export function isAnyShellScript(path: string, firstLine: string): boolean {
  const names = ['exec', 'su', ...SHELL_NAMES];
  const byName = names.some((name) => path.endsWith(`.${name}`));
  if (!firstLine.startsWith('#!')) return byName;
  const parts = firstLine.slice(2).split(' ');
  return programIs(names, parts[0]) || (programIs(['env'], parts[0]) && programIs(names, parts[1]));
}

export function scriptUnit(path: string, text: string): ShellUnit {
  return { path, script: text, base: { start: 0, end: 0 }, tainted: new Set() };
}

/** The `run:` steps of a workflow whose shell Scorecard can parse, one taint set per job. */
export function workflowRunUnits(workflow: Workflow): { units: ShellUnit[]; problems: FileProblem[] } {
  const units: ShellUnit[] = [];
  const problems: FileProblem[] = [];
  const shells = stepShells(workflow);
  for (const job of workflow.jobs) {
    const tainted = new Set<string>();
    for (const step of job.steps) {
      const run = step.run;
      if (!run) continue;
      const shell = shells(job.id, step.index);
      if (shell.error) {
        problems.push({ path: workflow.path, error: `step at line ${step.line}: ${shell.error}` });
        continue;
      }
      if (!shell.name || !programIs(SUPPORTED_SHELLS, shell.name)) continue;
      // Workflow expressions are not shell; Scorecard replaces them before parsing.
      const script = run.value.replace(/\{\{[^{}]*\}\}/g, 'GITHUB_REDACTED_VAR');
      const source = workflow.text.slice(run.start, run.end);
      if (source.startsWith('>')) {
        // A folded scalar joins its lines, so script lines are not file lines: find each command in the source.
        units.push({ path: workflow.path, script, base: { start: 0, end: 0 }, tainted, relocate: (f) => lineWithin(workflow, run, f.snippet.split(/\s+/).slice(0, 3).join(' ')) });
        continue;
      }
      // A literal block (`run: |`) starts on the line after its indicator (Scorecard's arithmetic exactly); a
      // plain or quoted value on the indicator's own line (Scorecard reports one line below it).
      const base = source.startsWith('|') ? run.line : run.line - 1;
      units.push({ path: workflow.path, script, base: { start: base, end: base }, tainted });
    }
  }
  return { units, problems };
}

interface StepShell {
  name?: string;
  error?: string;
}

const WINDOWS_IF = [/runner\.os\s*==\s*['"]windows['"]/i, /\$\{\{\s*startsWith\(runner\.os,\s*['"]windows['"]\)/i, /matrix\.os\s*==\s*['"]windows-/i];

/**
 * The shell a step runs in, as Scorecard decides it: the step's `shell:`, else the job's `defaults.run.shell`,
 * else `pwsh` when the step's `if:` tests for Windows or every OS of the job is Windows (a job with no
 * `runs-on` counts as that too), else `bash`. `runs-on: ${{ matrix.os }}` takes the OSes from the matrix
 * (`os` values and `include` entries); when there are none the OS is unknown, which is an error for the step.
 */
function stepShells(workflow: Workflow): (jobId: string, stepIndex: number) => StepShell {
  const doc = parseDocument(workflow.text, { prettyErrors: false });
  const root = doc.contents;
  const str = (node: unknown): string | undefined => {
    const value = scalarText(node);
    return value === '' ? undefined : value;
  };
  const jobs = get(root, 'jobs');
  return (jobId, stepIndex) => {
    const job = get(jobs, jobId);
    const steps = get(job, 'steps');
    const step = isSeq(steps) ? steps.items[stepIndex] : undefined;
    const own = str(get(step, 'shell')) ?? str(get(get(get(job, 'defaults'), 'run'), 'shell'));
    if (own) return { name: own };
    const condition = str(get(step, 'if'));
    if (condition && WINDOWS_IF.some((pattern) => pattern.test(condition))) return { name: 'pwsh' };
    const oses = jobOses(get(job, 'runs-on'), get(get(job, 'strategy'), 'matrix'));
    if (oses === null) return { error: `unable to determine OS for job: ${jobId}` };
    return { name: oses.every((os) => os.toLowerCase().startsWith('windows')) ? 'pwsh' : 'bash' };
  };
}

function jobOses(runsOn: unknown, matrix: unknown): string[] | null {
  const labels: string[] = [];
  const collect = (node: unknown): void => {
    const value = scalarText(node);
    if (value !== undefined) labels.push(value);
    else if (isSeq(node)) node.items.forEach(collect);
    else if (isMap(node)) collect(node.get('labels', true));
  };
  collect(runsOn);
  if (labels.length !== 1 || !(labels[0] as string).includes('matrix.os')) return labels;
  const oses: string[] = [];
  const fromNode = (node: unknown): void => {
    const value = scalarText(node);
    if (value !== undefined) oses.push(value);
    else if (isSeq(node)) node.items.forEach(fromNode);
  };
  fromNode(get(matrix, 'os'));
  const include = get(matrix, 'include');
  if (isSeq(include)) for (const entry of include.items) fromNode(get(entry, 'os'));
  return oses.length > 0 ? oses : null;
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function get(node: unknown, key: string): unknown {
  return isMap(node) ? node.get(key, true) : undefined;
}
