/**
 * `openchecker rescan --vulns`: match the package inventories stored with finished tasks against the current
 * vulnerability source (offline database or OSV API) without cloning anything, and report what changed per
 * project (src/tasks/vuln-rescan.ts). Reads the configured store: PostgreSQL when [Database] url is set, else the
 * embedded one in the data directory.
 */
import type { Command } from 'commander';
import { getCheckerMeta } from '../checkers/metadata.js';
import { createLogger } from '../lib/log.js';
import { StoreCache } from '../store/cache.js';
import type { Store } from '../store/types.js';
import { RESCAN_COMMAND, rescanVulnerabilities, type ProjectRescan, type RescanReport, type VulnerabilityChange } from '../tasks/vuln-rescan.js';
import { openRescanSource } from '../tasks/vuln-source.js';
import { UsageError, action, loadCliConfig, parseIntOption } from './common.js';
import { openConfiguredStore } from './store.js';

interface RescanOptions {
  vulns?: boolean;
  config?: string;
  dataDir?: string;
  project?: string;
  since?: string;
  limit?: number;
  offlineDir?: string;
  fresh?: boolean;
  update?: boolean;
  json?: boolean;
  pageSize: number;
}

/** `--since`: a date or a date-time, as an ISO time the store compares with finished_at. */
function sinceOption(value: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) throw new UsageError(`--since must be a date (2024-05-01) or an ISO date-time, got "${value}"`);
  return new Date(time).toISOString();
}

function changeLine(sign: string, change: VulnerabilityChange): string {
  return `  ${sign} ${change.id}  ${change.ecosystem} ${change.name}@${change.version}${change.summary ? `  ${change.summary}` : ''}`;
}

function projectLines(project: ProjectRescan): string[] {
  const head = `${project.projectUrl} (task ${project.taskId}${project.commitHash ? `, commit ${project.commitHash}` : ''}, scanned ${project.finishedAt})`;
  if (project.skipped) return [`${head}: skipped, ${project.skipped}`];
  const counts = `+${project.added.length} -${project.removed.length}${project.updated.length > 0 ? ` ~${project.updated.length} updated` : ''}`;
  const lines = [`${head}: ${counts}${project.inventory === 'partial' ? ' (partial inventory: only the packages vulnerable then were asked)' : ''}`];
  lines.push(...project.added.map((change) => changeLine('+', change)), ...project.removed.map((change) => changeLine('-', change)));
  if (project.updated.length > 0) lines.push(`  ~ ${project.updated.join(', ')}`);
  if (project.recordedTaskId) lines.push(`  recorded as task ${project.recordedTaskId}`);
  return lines;
}

function humanReport(report: RescanReport): string {
  const lines = [`source: ${report.source}`];
  for (const project of report.projects) if (!project.unchanged) lines.push(...projectLines(project));
  const { summary } = report;
  lines.push(
    `${summary.projects} project(s): ${summary.changed} changed, ${summary.unchanged} unchanged, ${summary.skipped} skipped; ` +
      `${summary.added} vulnerabilit${summary.added === 1 ? 'y' : 'ies'} added, ${summary.removed} removed; ${summary.distinctPackages} distinct package(s) asked` +
      (report.updated ? `; ${summary.recorded} re-evaluation(s) recorded` : ''),
  );
  return `${lines.join('\n')}\n`;
}

async function openStore(configPath: string | undefined, dataDir: string | undefined): Promise<{ store: Store; config: ReturnType<typeof loadCliConfig>['config'] }> {
  const { config } = loadCliConfig(configPath, { OpenCheck: { data_dir: dataDir } });
  return { store: await openConfiguredStore(config), config };
}

export function registerRescan(program: Command): void {
  program
    .command('rescan')
    .description('Re-evaluate stored results without cloning: --vulns matches stored package inventories against the current OSV database')
    .option('--vulns', 'match the osv-scanner inventories of stored tasks against the current vulnerability source')
    .option('--config <file>', 'config.ini to read ([Database] url: PostgreSQL; [OSV] offline_dir or api_url: the source)')
    .option('--data-dir <dir>', 'embedded mode: data directory of `openchecker up` (default ./.openchecker)')
    .option('--project <url>', 'only this project URL')
    .option('--since <date>', 'only projects whose latest scan finished at or after this date (ISO)')
    .option('--limit <n>', 'at most this many projects, latest scans first', parseIntOption('--limit', 1, 10_000_000))
    .option('--offline-dir <dir>', 'match against this folder of OSV records instead of [OSV] offline_dir / the API')
    .option('--fresh', 'API: ask again for every package instead of reusing answers cached within [OSV] cache_ttl_s')
    .option('--update', 'record each changed project\'s re-evaluated result as a new task, so the task view and the next rescan see it')
    .option('--page-size <n>', 'tasks read from the store at once', parseIntOption('--page-size', 1, 10_000), 50)
    .option('--json', 'print the report as JSON')
    .action(
      action(async (options: RescanOptions) => {
        if (!options.vulns) throw new UsageError('say what to re-evaluate: --vulns (the only kind so far)');
        const since = options.since === undefined ? undefined : sinceOption(options.since);
        const version = getCheckerMeta(RESCAN_COMMAND)?.version;
        if (version === undefined) throw new Error(`no ${RESCAN_COMMAND} checker in this build`);
        const { store, config } = await openStore(options.config, options.dataDir);
        const log = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr);
        const abort = new AbortController();
        const onSignal = (): void => abort.abort(new Error('interrupted'));
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const { source, label } = await openRescanSource(config, new StoreCache(store), { offlineDir: options.offlineDir, fresh: options.fresh }, abort.signal, log);
          const started = Date.now();
          const report = await rescanVulnerabilities({
            store,
            source,
            sourceLabel: label,
            checkerVersion: version,
            projectUrl: options.project,
            since,
            limit: options.limit,
            update: options.update,
            pageSize: options.pageSize,
            signal: abort.signal,
            onProgress: (done, total) => process.stderr.write(`rescan: ${done}/${total} project(s), ${((Date.now() - started) / 1000).toFixed(1)} s\n`),
          });
          process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : humanReport(report));
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await store.close();
        }
      }),
    );
}
