/**
 * Workspaces left behind by killed agents. An agent removes a task's workspace (`<repos_dir>/<task_id>/<ws>`)
 * when the task ends, whatever happens, but a `kill -9`, an OOM kill or a node failure skips that: the clone
 * (up to clone_max_size_mb) stays on disk for ever, and a few crashes fill the volume.
 *
 * Several agents may share repos_dir: `up` runs several in one process, agents on one host default to the same
 * folder, and an operator may point agents on several hosts at one network volume (the Kubernetes manifests
 * give each pod its own emptyDir, which survives a container restart). So a workspace is only removed when its
 * owner is known to be gone. Each workspace has an owner record beside it (`<ws>.owner.json`: agent id, host,
 * pid and a random id of the process), written before the workspace is made; at start-up an agent removes the
 * workspaces whose owner is:
 * - this process's pid on this host but another process instance (a restarted container reuses its pid);
 * - another pid on this host that no longer exists;
 * - on another host, an agent the registry shows stopped or silent (no heartbeat for three intervals);
 * and, when the owner cannot be judged (no record, e.g. a workspace of an older version, or another host's
 * agent the registry does not know), a workspace older than `[OpenCheck] stale_workspace_minutes`.
 */
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '../lib/log.js';

/** Tells this process from an earlier one that had the same pid (a restarted container is often pid 1 again). */
const PROCESS_INSTANCE = randomUUID();
const OWNER_SUFFIX = '.owner.json';
/** The names the agent gives (worker.ts): task folders are task ids, workspaces `<agent id>-<8 hex>`. */
const TASK_ID = /^[A-Za-z0-9-]{1,64}$/;
const WORKSPACE_NAME = /-[0-9a-f]{8}$/;

export interface WorkspaceOwner {
  readonly agentId: string;
  readonly hostname: string;
  readonly pid: number;
  readonly instance: string;
  readonly createdAt: string;
}

/** Where a workspace's owner record lives: beside it, so a repository name can never collide with it. */
export function ownerRecordPath(workspace: string): string {
  return `${workspace}${OWNER_SUFFIX}`;
}

/** Records this process's agent as the owner of `workspace` (making the task's folder); call before making the workspace. */
export async function claimWorkspace(workspace: string, agentId: string): Promise<void> {
  const owner: WorkspaceOwner = { agentId, hostname: hostname(), pid: process.pid, instance: PROCESS_INSTANCE, createdAt: new Date().toISOString() };
  // The task's folder may be removed between the two steps (another attempt ending, a sweep): try again.
  for (let attempt = 1; ; attempt++) {
    await mkdir(dirname(workspace), { recursive: true });
    try {
      await writeFile(ownerRecordPath(workspace), JSON.stringify(owner), { mode: 0o600 });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw err;
    }
  }
}

/** Removes a workspace, its owner record and, when no other attempt uses it, the task's folder. */
export async function removeWorkspace(workspace: string): Promise<void> {
  await rm(workspace, { recursive: true, force: true });
  await rm(ownerRecordPath(workspace), { force: true });
  // Fails while another attempt of the same task still has its workspace there: that is the point.
  await rmdir(dirname(workspace)).catch(() => undefined);
}

/** What the agent registry says of an agent on another host: null when it does not know the agent. */
export type RegistryVerdict = (agentId: string) => 'alive' | 'gone' | null;

export interface SweepOptions {
  readonly log: Logger;
  /** Workspaces whose owner cannot be judged are removed once older than this. */
  readonly staleAfterMs: number;
  readonly registry?: RegistryVerdict;
  readonly now?: number;
}

export interface SweepReport {
  /** Workspaces removed (paths relative to repos_dir). */
  readonly removed: string[];
  /** Workspaces left in place because their owner may still be working in them. */
  readonly kept: number;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<WorkspaceOwner | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<WorkspaceOwner>;
    if (typeof value.agentId !== 'string' || typeof value.hostname !== 'string' || typeof value.pid !== 'number' || typeof value.instance !== 'string') return null;
    return value as WorkspaceOwner;
  } catch {
    return null;
  }
}

/** Whether the owner may still be working: true, false, or null when it cannot be told. */
function ownerAlive(owner: WorkspaceOwner, registry: RegistryVerdict | undefined): boolean | null {
  if (owner.hostname === hostname()) {
    if (owner.pid === process.pid) return owner.instance === PROCESS_INSTANCE;
    return pidExists(owner.pid);
  }
  const verdict = registry?.(owner.agentId) ?? null;
  return verdict === null ? null : verdict === 'alive';
}

/**
 * Removes the workspaces under `reposDir` whose owner is gone (see the file comment). Never throws: a folder
 * that cannot be read or removed is logged and left.
 */
export async function sweepWorkspaces(reposDir: string, options: SweepOptions): Promise<SweepReport> {
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  let kept = 0;
  let tasks;
  try {
    tasks = await readdir(reposDir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') options.log.warn({ err, reposDir }, 'could not read the workspaces folder');
    return { removed, kept };
  }
  for (const task of tasks) {
    if (!task.isDirectory() || !TASK_ID.test(task.name)) continue;
    const taskDir = join(reposDir, task.name);
    let entries;
    try {
      entries = await readdir(taskDir, { withFileTypes: true });
    } catch {
      continue;
    }
    const names = new Set(entries.map((entry) => entry.name));
    // Workspaces, and owner records whose workspace was never made (killed in between).
    const workspaces = new Set(entries.filter((entry) => !entry.name.endsWith(OWNER_SUFFIX)).map((entry) => entry.name));
    for (const name of names) if (name.endsWith(OWNER_SUFFIX)) workspaces.add(name.slice(0, -OWNER_SUFFIX.length));
    for (const name of workspaces) {
      const workspace = join(taskDir, name);
      const owner = names.has(name + OWNER_SUFFIX) ? await readOwner(ownerRecordPath(workspace)) : null;
      // Without a record, only a name of the form the agent gives (`<agent id>-<8 hex>`) is taken for a
      // workspace: repos_dir may be set to a folder that holds other things too.
      if (!owner && !WORKSPACE_NAME.test(name)) continue;
      let alive = owner ? ownerAlive(owner, options.registry) : null;
      if (alive === null) {
        const since = (await lstat(names.has(name + OWNER_SUFFIX) ? ownerRecordPath(workspace) : workspace).catch(() => null))?.mtimeMs ?? now;
        alive = now - since <= options.staleAfterMs;
      }
      if (alive) {
        kept++;
        continue;
      }
      try {
        await removeWorkspace(workspace);
        removed.push(`${basename(taskDir)}/${name}`);
      } catch (err) {
        options.log.warn({ err, workspace }, 'could not remove a stale workspace');
      }
    }
    await rmdir(taskDir).catch(() => undefined);
  }
  if (removed.length > 0) options.log.info({ removed: removed.length, kept }, 'removed workspaces of agents that are gone');
  return { removed, kept };
}
