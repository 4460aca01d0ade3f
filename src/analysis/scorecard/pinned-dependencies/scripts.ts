/** Shell commands that fetch dependencies, from workflow `run:` steps and shell scripts. */
import type { ShellDependency, ShellDependencyKind } from '../../workflows/shell.js';
import { shellDependencies } from '../../workflows/shell.js';
import { lineWithin, type Workflow } from '../../workflows/parse.js';
import type { DepType, Dependency } from './types.js';

const TYPE_OF: Record<ShellDependencyKind, DepType> = {
  downloadThenRun: 'ScriptDownload',
  goCommand: 'GoInstall',
  pipCommand: 'PipInstall',
  npmCommand: 'NpmInstall',
};

/** Shell findings as dependencies; `firstLine` is the 0-based file line of the script's first line. */
export function fromShell(found: readonly ShellDependency[], path: string, firstLine: number): Dependency[] {
  return found.map((dep) => ({
    name: dep.name,
    version: dep.version,
    type: TYPE_OF[dep.kind],
    path,
    line: firstLine + dep.line + 1,
    pinned: dep.pinned,
    owned: false,
    snippet: dep.snippet,
    ecosystem: dep.kind,
  }));
}

export function isShellScript(lowerName: string): boolean {
  return lowerName.endsWith('.sh') || lowerName.endsWith('.bash');
}

export function workflowRunDependencies(workflow: Workflow): Dependency[] {
  const out: Dependency[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      if (!step.run) continue;
      const run = step.run;
      const source = workflow.text.slice(run.start, run.end);
      const found = shellDependencies(run.value);
      if (source.startsWith('>')) {
        // A folded scalar joins its lines, so value lines are not file lines: find each command in the source.
        for (const dependency of fromShell(found, workflow.path, 0)) {
          out.push({ ...dependency, line: lineWithin(workflow, run, dependency.snippet.split(/\s+/).slice(0, 3).join(' ')) });
        }
        continue;
      }
      // A literal block (`run: |`) starts on the line after its indicator; a plain or quoted one on its own line.
      const firstLine = source.startsWith('|') ? run.line : run.line - 1;
      out.push(...fromShell(found, workflow.path, firstLine));
    }
  }
  return out;
}
