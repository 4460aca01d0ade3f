/**
 * Re-evaluation without re-cloning (`openchecker rescan --vulns`): the package inventories osv-scanner stored
 * with finished tasks are matched again against the current vulnerability source (the offline database after
 * an update, or the OSV API), and what changed is reported per project: vulnerabilities added and removed.
 *
 * Each project's newest succeeded task that ran osv-scanner is read, a page of tasks at a time (only the
 * osv-scanner part of each body leaves the database). Distinct packages of a page are asked once; answers are
 * kept for the run, so projects sharing dependencies cost one lookup.
 *
 * With `update`, a project whose answer changed gets a new task holding the re-evaluated osv-scanner result
 * (same project, commit and owner; `task_metadata.rescan_of` names the task it re-evaluates): the history stays
 * as it was, the task view and the next rescan see the new answer. Nothing is cloned and no callback is sent.
 */
import { randomUUID } from 'node:crypto';
import { inventoryKey, inventoryQueries, readStoredScan, rebuildScanResult, type StoredScan } from '../analysis/osv/inventory.js';
import { queryKey } from '../analysis/osv/client.js';
import type { OsvVulnerability, PackageQuery, VulnerabilitySource } from '../analysis/osv/types.js';
import type { Store, StoredCommandResult } from '../store/types.js';

export const RESCAN_COMMAND = 'osv-scanner';
/** The agent name recorded on the tasks `update` writes. */
export const RESCAN_AGENT = 'openchecker rescan';

export interface VulnRescanOptions {
  readonly store: Store;
  readonly source: VulnerabilitySource;
  /** How the source is named in the report (`offline:<dir>`, `api:<url>`). */
  readonly sourceLabel: string;
  /** The osv-scanner version a recorded result is labelled with (the checker's meta.ts version). */
  readonly checkerVersion: number;
  readonly projectUrl?: string;
  /** ISO time: only tasks that finished at or after it. */
  readonly since?: string;
  /** At most this many projects (newest scans first). */
  readonly limit?: number;
  /** Record a new task for each project whose vulnerabilities changed. */
  readonly update?: boolean;
  /** Tasks read from the store at once (default 50). */
  readonly pageSize?: number;
  readonly signal: AbortSignal;
  /** Called after each page: projects done and in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A vulnerability of one package version that appeared or disappeared. */
export interface VulnerabilityChange {
  readonly id: string;
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly summary?: string;
  readonly aliases?: readonly string[];
}

export interface ProjectRescan {
  readonly projectUrl: string;
  /** The task whose stored inventory was matched again. */
  readonly taskId: string;
  readonly commitHash: string | null;
  readonly finishedAt: string;
  /** The osv-scanner version of the stored result (null: unknown). */
  readonly checkerVersion: number | null;
  /** `full`: every package of the scan was asked again; `partial`: only those vulnerable then (a result before version 3). */
  readonly inventory: 'full' | 'partial' | 'none';
  /** Distinct packages asked. */
  readonly packages: number;
  readonly added: readonly VulnerabilityChange[];
  readonly removed: readonly VulnerabilityChange[];
  /** Ids reported before and now whose record changed (`modified`), e.g. a new severity or fixed version. */
  readonly updated: readonly string[];
  readonly unchanged: boolean;
  /** Why the stored result could not be re-evaluated (then nothing else applies). */
  readonly skipped?: string;
  /** `update`: the task that now holds the re-evaluated result. */
  readonly recordedTaskId?: string;
}

export interface RescanSummary {
  readonly projects: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly added: number;
  readonly removed: number;
  /** Distinct packages asked over the run. */
  readonly distinctPackages: number;
  readonly recorded: number;
}

export interface RescanReport {
  readonly source: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly updated: boolean;
  readonly projects: readonly ProjectRescan[];
  readonly summary: RescanSummary;
}

const change = (query: PackageQuery, record: OsvVulnerability): VulnerabilityChange => ({
  id: record.id,
  ecosystem: query.ecosystem,
  name: query.name,
  version: query.version,
  ...(typeof record.summary === 'string' ? { summary: record.summary } : {}),
  ...(record.aliases && record.aliases.length > 0 ? { aliases: record.aliases } : {}),
});

const order = (a: VulnerabilityChange, b: VulnerabilityChange): number =>
  a.ecosystem.localeCompare(b.ecosystem) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What changed between the stored answer and the new one, package by package. */
export function diffScan(scan: StoredScan, now: ReadonlyMap<string, readonly OsvVulnerability[]>): { added: VulnerabilityChange[]; removed: VulnerabilityChange[]; updated: string[] } {
  const added: VulnerabilityChange[] = [];
  const removed: VulnerabilityChange[] = [];
  const updated = new Set<string>();
  for (const query of inventoryQueries(scan)) {
    const before = new Map((scan.found.get(queryKey(query)) ?? []).map((record) => [record.id, record]));
    const after = new Map((now.get(inventoryKey(query)) ?? []).map((record) => [record.id, record]));
    for (const [id, record] of after) {
      const old = before.get(id);
      if (!old) added.push(change(query, record));
      else if (old.modified !== record.modified) updated.add(id);
    }
    for (const [id, record] of before) if (!after.has(id)) removed.push(change(query, record));
  }
  return { added: added.sort(order), removed: removed.sort(order), updated: [...updated].sort() };
}

function skippedProject(stored: StoredCommandResult, reason: string): ProjectRescan {
  return {
    projectUrl: stored.projectUrl,
    taskId: stored.taskId,
    commitHash: stored.commitHash,
    finishedAt: stored.finishedAt,
    checkerVersion: stored.version,
    inventory: 'none',
    packages: 0,
    added: [],
    removed: [],
    updated: [],
    unchanged: false,
    skipped: reason,
  };
}

/** Stores the re-evaluated result as a new finished task of the project (no queue message, no callback). */
async function record(options: VulnRescanOptions, stored: StoredCommandResult, result: Record<string, unknown>): Promise<string> {
  const taskId = randomUUID();
  const metadata = { ...stored.taskMetadata, rescan_of: stored.taskId, rescan_source: options.sourceLabel };
  await options.store.createTask({
    taskId,
    projectUrl: stored.projectUrl,
    commandList: [RESCAN_COMMAND],
    taskMetadata: metadata,
    commitHash: stored.commitHash,
    callbackUrl: null,
    submittedBy: RESCAN_AGENT,
    ownerId: stored.ownerId,
  });
  await options.store.startTask(taskId, RESCAN_AGENT);
  await options.store.finishTask(taskId, { status: 'succeeded', scanResults: { [RESCAN_COMMAND]: result }, error: null, commandVersions: { [RESCAN_COMMAND]: options.checkerVersion } });
  return taskId;
}

export async function rescanVulnerabilities(options: VulnRescanOptions): Promise<RescanReport> {
  const startedAt = new Date().toISOString();
  const refs = await options.store.latestCommandResultTasks({ command: RESCAN_COMMAND, projectUrl: options.projectUrl, finishedSince: options.since, limit: options.limit });
  const pageSize = options.pageSize ?? 50;
  // Answers for the run, by inventory key: a package shared by many projects is asked once.
  const answers = new Map<string, readonly OsvVulnerability[]>();
  const rejected = new Map<string, string>();
  const projects: ProjectRescan[] = [];
  for (let start = 0; start < refs.length; start += pageSize) {
    options.signal.throwIfAborted();
    const page = await options.store.readCommandResults(
      refs.slice(start, start + pageSize).map((ref) => ref.taskId),
      RESCAN_COMMAND,
    );
    const scans = page.map((stored) => ({ stored, scan: readStoredScan(stored.result) }));
    const missing = new Map<string, PackageQuery>();
    for (const { scan } of scans) {
      if ('unusable' in scan) continue;
      for (const query of inventoryQueries(scan)) {
        const key = inventoryKey(query);
        if (!answers.has(key)) missing.set(key, query);
      }
    }
    if (missing.size > 0) {
      const queries = [...missing.values()];
      const found = await options.source.findVulnerabilities(queries, options.signal);
      queries.forEach((query, index) => answers.set(inventoryKey(query), found[index] ?? []));
      for (const [key, reason] of options.source.rejected ?? []) rejected.set(key, reason);
    }
    for (const { stored, scan } of scans) {
      if ('unusable' in scan) {
        projects.push(skippedProject(stored, scan.unusable));
        continue;
      }
      const queries = inventoryQueries(scan);
      const now = new Map(queries.map((query) => [inventoryKey(query), answers.get(inventoryKey(query)) ?? []]));
      const diff = diffScan(scan, now);
      const unchanged = diff.added.length === 0 && diff.removed.length === 0 && diff.updated.length === 0;
      let recordedTaskId: string | undefined;
      if (options.update && !unchanged) {
        recordedTaskId = await record(options, stored, rebuildScanResult(stored.result as Record<string, unknown>, scan, now, rejected));
      }
      projects.push({
        projectUrl: stored.projectUrl,
        taskId: stored.taskId,
        commitHash: stored.commitHash,
        finishedAt: stored.finishedAt,
        checkerVersion: stored.version,
        inventory: scan.completeness,
        packages: queries.length,
        ...diff,
        unchanged,
        ...(recordedTaskId ? { recordedTaskId } : {}),
      });
    }
    options.onProgress?.(Math.min(start + pageSize, refs.length), refs.length);
  }
  const skipped = projects.filter((project) => project.skipped !== undefined).length;
  const changed = projects.filter((project) => !project.unchanged && project.skipped === undefined).length;
  return {
    source: options.sourceLabel,
    startedAt,
    finishedAt: new Date().toISOString(),
    updated: options.update === true,
    projects,
    summary: {
      projects: projects.length,
      changed,
      unchanged: projects.length - changed - skipped,
      skipped,
      added: projects.reduce((sum, project) => sum + project.added.length, 0),
      removed: projects.reduce((sum, project) => sum + project.removed.length, 0),
      distinctPackages: answers.size,
      recorded: projects.filter((project) => project.recordedTaskId).length,
    },
  };
}
