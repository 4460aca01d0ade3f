/** Gathers every dependency the checker reports, reading files only through the shared repository view. */
import type { RepoView } from '../../../lib/repo/repo-view.js';
import { loadWorkflows } from '../../workflows/load.js';
import { actionDependencies } from './actions.js';
import { composeDependencies, dockerfileDependencies, isComposeFile, isDockerfile } from './docker.js';
import { isRequirementsFile, LOCKFILES, packageJsonDependencies, requirementsDependencies } from './manifests.js';
import { isShellScript, mayBeShellScript, scanUnits, scriptUnit, workflowRunUnits, type ShellUnit } from './scripts.js';
import type { Collected, Dependency, FileProblem } from './types.js';

/** Vendored trees are other projects' dependencies, not this one's. */
const VENDORED = /(^|\/)(node_modules|vendor|third_party|\.venv|venv)\//;

/** Extension-less files are opened to read a shebang; big ones are data, not scripts. */
const MAX_SCRIPT_BYTES = 1024 * 1024;

const MEMO_KEY = 'pinned-dependencies:collected:v2';

export function collectDependencies(repo: RepoView): Promise<Collected> {
  return repo.memo(MEMO_KEY, () => collect(repo));
}

async function collect(repo: RepoView): Promise<Collected> {
  const dependencies: Dependency[] = [];
  const problems: FileProblem[] = [];
  // Shell (run: steps, RUN lines, scripts) is gathered first and scanned at the end, loading the parser once.
  const units: ShellUnit[] = [];
  for (const workflow of await loadWorkflows(repo)) {
    if (workflow.error) {
      problems.push({ path: workflow.path, error: workflow.error });
      continue;
    }
    dependencies.push(...actionDependencies(workflow));
    const runs = workflowRunUnits(workflow);
    units.push(...runs.units);
    problems.push(...runs.problems);
  }
  const files = (await repo.files()).filter((file) => !VENDORED.test(file.path));
  const lockDirs = new Map<string, string>();
  for (const file of files) {
    if (LOCKFILES.includes(file.lowerName)) lockDirs.set(dirOf(file.path), file.path);
  }
  for (const file of files) {
    const read = (): Promise<string> => repo.readText(file.path);
    let found: Collected | null = null;
    try {
      if (isDockerfile(file)) {
        const docker = dockerfileDependencies(file.path, await read());
        units.push(...docker.units);
        found = docker;
      }
      else if (isComposeFile(file)) found = composeDependencies(file.path, await read());
      else if (isRequirementsFile(file.lowerName)) found = requirementsDependencies(file.path, await read());
      else if (file.lowerName === 'package.json') found = packageJsonDependencies(file.path, await read(), governingLockfile(file.path, lockDirs));
      else if (mayBeShellScript(file.lowerName) && file.size <= MAX_SCRIPT_BYTES) {
        // The first line decides (a shebang), so only that much is read of files that turn out not to be shell.
        const firstLine = (await repo.head(file.path, 256)).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
        if (isShellScript(file.path, firstLine)) units.push(scriptUnit(file.path, await read()));
      }
    } catch (err) {
      found = { dependencies: [], problems: [{ path: file.path, error: err instanceof Error ? err.message : String(err) }] };
    }
    if (found) {
      dependencies.push(...found.dependencies);
      problems.push(...found.problems);
    }
  }
  const shell = await scanUnits(units);
  dependencies.push(...shell.dependencies);
  problems.push(...shell.problems);
  dependencies.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return { dependencies, problems };
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The lockfile in the manifest's folder or the nearest parent folder (a workspace root), if any. */
function governingLockfile(manifestPath: string, lockDirs: ReadonlyMap<string, string>): string | null {
  let dir = dirOf(manifestPath);
  for (;;) {
    const lock = lockDirs.get(dir);
    if (lock) return lock;
    if (dir === '') return null;
    dir = dirOf(dir);
  }
}
