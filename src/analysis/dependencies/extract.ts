/**
 * Extracts the packages of every lockfile/manifest in a repository, once per repository view: the file list
 * is walked once, each path is offered to the registry's extractors (a cheap name test), and matching files
 * are parsed with a few reads in flight. A file that cannot be parsed becomes an ExtractionResult with an
 * `error`, never a failure of the whole extraction.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';
import { extractors as registered } from './registry.js';
import type { ExtractionResult, Extractor } from './types.js';

export interface ExtractOptions {
  /** Also read lockfiles under node_modules/ and vendored folders (vendor/, third_party/, ...). */
  readonly includeVendored?: boolean;
}

/**
 * Folders holding other projects' code: dependencies installed or copied into the tree. OSV-Scanner and
 * Scorecard skip them too; their lockfiles describe those projects, not this one.
 */
const VENDORED_FOLDERS = new Set(['node_modules', 'bower_components', 'jspm_packages', 'oh_modules', 'vendor', 'vendors', 'third_party', 'third-party', 'thirdparty', '3rdparty']);

/** Files parsed at once: reads overlap, while parses (synchronous) still run one after another. */
const PARALLEL_FILES = 8;

export function isVendoredPath(path: string): boolean {
  const segments = path.split('/');
  // Go's vendor/modules.txt lists the project's own dependencies (those `go mod vendor` copied), not another
  // project's: its vendor folder counts only when it sits inside another vendored folder.
  const last = segments.length >= 2 && segments[segments.length - 1] === 'modules.txt' && segments[segments.length - 2] === 'vendor' ? segments.length - 2 : segments.length - 1;
  for (let i = 0; i < last; i++) {
    if (VENDORED_FOLDERS.has((segments[i] as string).toLowerCase())) return true;
  }
  return false;
}

/** Every file an extractor reads, with that extractor, in path order. */
export function findLockfiles(repo: RepoView, options: ExtractOptions = {}, extractors: readonly Extractor[] = registered): Promise<readonly { path: string; extractor: Extractor }[]> {
  const find = async (): Promise<{ path: string; extractor: Extractor }[]> => {
    const found: { path: string; extractor: Extractor }[] = [];
    for (const file of await repo.files()) {
      if (!options.includeVendored && isVendoredPath(file.path)) continue;
      const extractor = extractors.find((candidate) => candidate.matches(file.path));
      if (extractor) found.push({ path: file.path, extractor });
    }
    return found;
  };
  // With the registered extractors the answer is one per view: the extraction and the result cache's key of the
  // dependency files both ask, and matching every path against every extractor is not free on a large tree.
  return extractors === registered ? repo.memo(`lockfiles:${options.includeVendored === true}`, find) : find();
}

/**
 * The packages of every lockfile of the repository; computed once per view (and per `includeVendored`).
 * The computation is shared by every checker of the task, so no single caller's signal may cancel it (a
 * checker that times out would leave the others an aborted result): it always runs to the end — bounded
 * work, since reads are size-capped by the view — and `signal` only ends this caller's wait.
 */
export function extractDependencies(repo: RepoView, signal: AbortSignal, options: ExtractOptions = {}): Promise<ExtractionResult[]> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  const key = `dependencies:extract:${options.includeVendored === true ? 'with-vendored' : 'default'}`;
  return raceAbort(
    repo.memo(key, () => runExtraction(repo, options)),
    signal,
  );
}

/** Given to extractors by the shared computation (see extractDependencies). */
const UNCANCELLED = new AbortController().signal;

async function runExtraction(repo: RepoView, options: ExtractOptions): Promise<ExtractionResult[]> {
  const files = await findLockfiles(repo, options);
  const results: ExtractionResult[] = new Array<ExtractionResult>(files.length);
  let next = 0;
  // A small worker pool (no library: eight loops over one index are the whole of it).
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const { path, extractor } = files[index] as { path: string; extractor: Extractor };
      results[index] = await extractOne(repo, path, extractor, UNCANCELLED);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_FILES, files.length) }, worker));
  return results;
}

/** One file through one extractor; whatever goes wrong becomes the result's `error`. */
export async function extractOne(repo: RepoView, path: string, extractor: Extractor, signal: AbortSignal): Promise<ExtractionResult> {
  try {
    const packages = await extractor.extract(repo, path, signal);
    return { file: path, extractor: extractor.name, packages };
  } catch (err) {
    if (signal.aborted) throw err;
    const message = err instanceof Error ? err.message : String(err);
    return { file: path, extractor: extractor.name, packages: [], error: `${path}: ${message}` };
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('dependency extraction aborted');
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (the shared computation itself goes on). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolvePromise, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
