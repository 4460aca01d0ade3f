/**
 * The per-repository git cache (issue 19, "cheaper fetches"): a bare repository per URL that later tasks fetch
 * into, commits recognised across mirrors, a disk quota with least-recently-used eviction. See
 * docs/operations.md, "Git cache".
 */
import type { Config } from '../../config/schema.js';
import { GitRepoCache } from './cache.js';

export { attachCommit, type AttachOptions } from './attach.js';
export {
  ACQUIRE_HOWS,
  GitCacheUnavailableError,
  GitRepoCache,
  type AcquireHow,
  type AcquireOptions,
  type CachedRepository,
  type GitCacheLease,
  type GitCacheOptions,
  type GitCacheStats,
  type PruneReport,
} from './cache.js';
export { cacheIdentity, type CacheIdentity } from './key.js';

/** The configured git cache ([Cache] git_dir, git_max_mb); null when `git_max_mb` is 0 (every task clones). */
export function gitCacheFromConfig(config: Config): GitRepoCache | null {
  const { git_dir: root, git_max_mb: maxMb } = config.Cache;
  if (maxMb <= 0) return null;
  return new GitRepoCache({ root, maxBytes: maxMb * 1024 * 1024 });
}
