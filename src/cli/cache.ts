/**
 * `openchecker cache stats|prune`: the result cache in the store (per-file facts and per-command results, with
 * the deployment-wide hit and miss totals) and this machine's git caches ([Cache] git_dir).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config/schema.js';
import { GitRepoCache } from '../lib/git-cache/index.js';
import type { CacheStats, PruneOutcome } from '../lib/result-cache/types.js';
import type { Store } from '../store/types.js';
import { UsageError, action, loadCliConfig } from './common.js';
import { checkCachePath, openCheckStore, openConfiguredStore } from './store.js';

interface CacheOptions {
  config?: string;
  dataDir?: string;
  check?: boolean;
  json?: boolean;
}

interface PruneOptions extends CacheOptions {
  maxMb?: string;
  all?: boolean;
  git?: boolean;
  results?: boolean;
}

const MB = 1024 * 1024;

async function withCacheStore<T>(options: CacheOptions, fn: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const { config } = loadCliConfig(options.config, { OpenCheck: { data_dir: options.dataDir } });
  const store = options.check ? await openCheckStore(config) : await openConfiguredStore(config);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

function gitCacheOf(config: Config): GitRepoCache {
  // Also when git_max_mb = 0 (no new caching): what an earlier configuration left can still be listed and removed.
  return new GitRepoCache({ root: resolve(config.Cache.git_dir), maxBytes: Math.max(0, config.Cache.git_max_mb) * MB });
}

/** A size people read at a glance: bytes, KB, MB or GB. */
function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${(bytes / (1024 * MB)).toFixed(2)} GB`;
}

function humanStats(stats: CacheStats, git: Awaited<ReturnType<GitRepoCache['stats']>>, config: Config, where: string): string {
  const lines: string[] = [`result cache (${where}), limit ${config.Cache.max_mb} MB${config.Cache.enabled ? '' : ' [disabled: [Cache] enabled = false]'}`];
  const facts = Object.entries(stats.facts);
  const results = Object.entries(stats.results);
  const total = [...facts, ...results].reduce((sum, [, s]) => sum + s.bytes, 0);
  lines.push(`  total ${humanSize(total)}`);
  for (const [kind, s] of facts) lines.push(`  facts   ${kind.padEnd(34)} ${String(s.entries).padStart(9)} entries ${humanSize(s.bytes).padStart(11)}`);
  for (const [command, s] of results) lines.push(`  results ${command.padEnd(34)} ${String(s.entries).padStart(9)} entries ${humanSize(s.bytes).padStart(11)}`);
  if (stats.counters.length > 0) {
    lines.push('  lookups since the store was created (every agent):');
    for (const c of stats.counters) {
      const lookups = c.hits + c.misses;
      const rate = lookups === 0 ? '-' : `${((c.hits / lookups) * 100).toFixed(1)}%`;
      lines.push(`    ${c.kind.padEnd(40)} hits ${String(c.hits).padStart(9)}  misses ${String(c.misses).padStart(9)}  writes ${String(c.writes).padStart(9)}  hit rate ${rate}`);
    }
  }
  lines.push(`git cache (${git.root}): ${git.repositories} repositories, ${humanSize(git.bytes)} of ${humanSize(git.maxBytes)}`);
  return `${lines.join('\n')}\n`;
}

export function registerCache(program: Command): void {
  const cache = program.command('cache').description('Inspect and prune the result cache (per-file facts, command results) and the git caches');
  const common = (command: Command): Command =>
    command
      .option('--config <file>', 'config.ini to read')
      .option('--data-dir <dir>', 'data directory of the embedded store (default ./.openchecker)')
      .option('--check', `the result cache of \`openchecker check\` (${checkCachePath()}) instead of the deployment's store`)
      .option('--json', 'print JSON');

  common(cache.command('stats').description('Sizes by kind and command, deployment-wide hits and misses, and the git caches')).action(
    action(async (options: CacheOptions) => {
      await withCacheStore(options, async (store, config) => {
        const stats = await store.resultCache.stats();
        const git = await gitCacheOf(config).stats();
        const where = options.check ? checkCachePath() : config.Database.url ? 'PostgreSQL' : 'embedded store';
        process.stdout.write(options.json ? `${JSON.stringify({ results: stats, git })}\n` : humanStats(stats, git, config, where));
      });
    }),
  );

  common(
    cache
      .command('prune')
      .description('Evict least recently used entries beyond the limits ([Cache] max_mb, git_max_mb), or down to --max-mb, or everything with --all')
      .option('--max-mb <n>', 'keep at most this many MB of results (default [Cache] max_mb) and of git caches (default [Cache] git_max_mb)')
      .option('--all', 'remove every entry')
      .option('--git', 'only the git caches')
      .option('--results', 'only the result cache in the store'),
  ).action(
    action(async (options: PruneOptions) => {
      let maxMb: number | null = null;
      if (options.maxMb !== undefined) {
        maxMb = Number(options.maxMb);
        if (!Number.isInteger(maxMb) || maxMb < 0) throw new UsageError(`--max-mb must be a whole number of MB (0 or more), got "${options.maxMb}"`);
      }
      if (options.all && maxMb !== null) throw new UsageError('give --all or --max-mb, not both');
      const both = !options.git && !options.results;
      await withCacheStore(options, async (store, config) => {
        let results: PruneOutcome | null = null;
        if (both || options.results) {
          results = await store.resultCache.prune(options.all ? { all: true } : { maxBytes: (maxMb ?? config.Cache.max_mb) * MB });
        }
        const git = both || options.git ? await gitCacheOf(config).prune(options.all ? { all: true } : { maxBytes: (maxMb ?? config.Cache.git_max_mb) * MB }) : null;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ results, git })}\n`);
          return;
        }
        if (results) process.stdout.write(`result cache: removed ${results.removedEntries} entries (${humanSize(results.removedBytes)}), ${humanSize(results.remainingBytes)} left\n`);
        if (git) process.stdout.write(`git cache: removed ${git.removed.length} repositories (${humanSize(git.freedBytes)})${git.skipped > 0 ? `, ${git.skipped} in use left` : ''}\n`);
      });
    }),
  );
}
