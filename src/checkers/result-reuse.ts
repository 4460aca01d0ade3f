/**
 * Per-command results in the shared result cache: the key of a command's result is a hash of everything it
 * depends on, as the command declares it in its metadata (`cache`, CheckerMeta): the command and its version,
 * the build (code-digest.ts: an upgrade never serves an older build's results),
 * the repository name (output paths carry it), the configuration values it reads, and an input digest: every
 * file's path and blob id for whole-tree commands, or only the dependency files' (vulnerability scan) or the
 * workflow files' (token permissions, dangerous workflows),
 * plus the OSV offline database's snapshot. The same tree and commands on another forge, a fork or a later task
 * give the same key, so the stored result is reused instead of computed.
 */
import { createHash } from 'node:crypto';
import { findLockfiles } from '../analysis/dependencies/extract.js';
import { offlineSnapshot } from '../analysis/osv/offline.js';
import { findWorkflowFiles } from '../analysis/workflows/discover.js';
import type { Config } from '../config/schema.js';
import { buildDigest } from '../lib/code-digest.js';
import type { RepoView } from '../lib/repo/repo-view.js';
import type { CheckerMeta, ResultReuse } from './types.js';

/**
 * Files an extractor may read besides the lockfiles it is named after (a Maven parent POM, a requirements file
 * a `-r` line includes, a workspace file, the root manifests of the project's own packages): every file with
 * a manifest-like extension, none at all (Gemfile, Podfile) or a dot file (.nvmrc, .tool-versions). Deliberately wide: a
 * source-only change keeps the key, anything that could change the extraction changes it.
 */
const MANIFEST_LIKE = /(?:^|\/)(?:[^/.]+|\.[^/]+)$|\.(?:json|json5|jsonc|toml|ya?ml|lock|txt|in|xml|gradle|kts|mod|sum|work|cfg|ini|edn|cabal|freeze|gemspec|podspec|props|targets|csproj|fsproj|vbproj|nuspec|config|resolved|exs|rockspec|sbt|bzl|bazel|conf|deps|pins)$/i;

export interface ReuseKey {
  readonly key: string;
  /** The stored result counts only when younger than this (ms); null: no age limit. */
  readonly maxAgeMs: number | null;
}

/** The key of `meta`'s result on this repository and configuration; null when the command is not reusable here. */
export async function reuseKey(meta: CheckerMeta, repo: RepoView, config: Config, signal: AbortSignal): Promise<ReuseKey | null> {
  const reuse = meta.cache;
  if (!reuse) return null;
  let maxAgeMs: number | null = null;
  let vulnerabilities: string | null = null;
  if (reuse.vulnerabilities) {
    if (config.OSV.offline_dir.trim() !== '') vulnerabilities = `offline:${await offlineSnapshot(config.OSV.offline_dir, signal)}`;
    else {
      if (config.Cache.osv_ttl_s === 0) return null;
      vulnerabilities = `online:${config.OSV.api_url}`;
      maxAgeMs = config.Cache.osv_ttl_s * 1000;
    }
  }
  const parts = {
    command: meta.name,
    version: meta.version,
    build: buildDigest(),
    repo: repo.name,
    config: configValues(reuse, config),
    input: await inputDigest(reuse, repo),
    vulnerabilities,
  };
  return { key: createHash('sha256').update(JSON.stringify(parts)).digest('hex'), maxAgeMs };
}

function configValues(reuse: ResultReuse, config: Config): Record<string, unknown> {
  const sections = config as unknown as Record<string, Record<string, unknown>>;
  const values: Record<string, unknown> = {};
  for (const name of [...(reuse.config ?? [])].sort()) {
    const [section, key] = name.split('.') as [string, string | undefined];
    values[name] = key === undefined ? sections[section] : sections[section]?.[key];
  }
  return values;
}

async function inputDigest(reuse: ResultReuse, repo: RepoView): Promise<string> {
  if (reuse.input === 'tree') return repo.treeDigest();
  const paths = new Set<string>();
  if (reuse.input === 'workflow-files') {
    for (const ref of findWorkflowFiles(await repo.files())) paths.add(ref.path);
  } else {
    for (const found of await findLockfiles(repo)) paths.add(found.path);
    for (const file of await repo.files()) if (MANIFEST_LIKE.test(file.path)) paths.add(file.path);
  }
  const ids = await repo.blobIds();
  const hash = createHash('sha256');
  for (const path of [...paths].sort()) hash.update(`${path}\0${ids.get(path) ?? ''}\n`);
  return `${reuse.input}:${hash.digest('hex')}`;
}
