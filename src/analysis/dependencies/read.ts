/**
 * Reads a lockfile whole. The repository view caps `readText` at 8 MiB (and would silently truncate), but
 * lockfiles of large monorepos exceed that (npm lockfiles of 10-30 MB are common): those are read with
 * `head` up to MAX_LOCKFILE_BYTES instead. Bigger files are refused with a clear error rather than parsed
 * truncated.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';
import { MalformedFileError } from './record.js';

/** The view's default read cap (RepoView's DEFAULT_MAX_READ); below it, readText's cached read is used. */
const VIEW_READ_CAP = 8 * 1024 * 1024;
export const MAX_LOCKFILE_BYTES = 128 * 1024 * 1024;

export async function readLockfile(repo: RepoView, path: string): Promise<string> {
  const size = (await repo.lookup(path)).find((file) => file.path === path)?.size ?? 0;
  if (size < VIEW_READ_CAP) return repo.readText(path);
  if (size > MAX_LOCKFILE_BYTES) throw new MalformedFileError(`${size} bytes: larger than the ${MAX_LOCKFILE_BYTES / 1024 / 1024} MiB a lockfile may have`);
  return (await repo.head(path, size)).toString('utf8');
}
