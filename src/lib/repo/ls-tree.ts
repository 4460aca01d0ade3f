/**
 * The file list of a commit from `git ls-tree -r -z --long`, parsed as it streams. Every entry goes through a
 * TreeBudget as it arrives, so a tree over a limit stops git at the first entry past it: a "git bomb" of a few
 * objects that expands to millions of paths costs at most `maxFiles` entries, never the whole expansion in
 * memory (the listing used to be buffered whole, up to 1 GiB, with no time limit).
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { gitEnv } from '../git.js';
import { TreeBudget, type RepoLimits } from './limits.js';

const REGULAR_FILE_MODES = new Set(['100644', '100755', '100664']);
const LS_TREE_ENTRY = /^(\d{6}) (\w+) ([0-9a-f]{40,64}) +(\d+|-)\t([\s\S]+)$/;

export interface LsTreeEntry {
  mode: string;
  type: string;
  oid: string;
  size: number;
  path: string;
}

/** One record of `git ls-tree -r -z --long`; null for what is not a regular file (symlinks, submodules). */
export function parseLsTreeRecord(record: string): LsTreeEntry | null {
  const match = LS_TREE_ENTRY.exec(record);
  if (!match) throw new Error(`unexpected git ls-tree line: ${record.slice(0, 200)}`);
  const [, mode, type, oid, size, path] = match as unknown as [string, string, string, string, string, string];
  if (type !== 'blob' || !REGULAR_FILE_MODES.has(mode)) return null;
  return { mode, type, oid, size: size === '-' ? 0 : Number(size), path };
}

/** Parses a whole `git ls-tree -r -z --long` output; symlinks (120000) and submodules (160000) are left out. */
export function parseLsTree(output: string): LsTreeEntry[] {
  const entries: LsTreeEntry[] = [];
  for (const record of output.split('\0')) {
    if (!record) continue;
    const entry = parseLsTreeRecord(record);
    if (entry) entries.push(entry);
  }
  return entries;
}

export interface ListTreeOptions {
  limits: RepoLimits;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Thrown when git itself failed (not a limit, not the time limit): the caller decides what an empty repository is. */
export class LsTreeExitError extends Error {
  constructor(readonly exitCode: number | null, stderr: string) {
    super(`git ls-tree exited with ${exitCode ?? 'a signal'}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join('; ')}` : ''}`);
    this.name = 'LsTreeExitError';
  }
}

/** Regular files of `rev` in the repository at `gitDir`, checked against `limits` while git streams them. */
export function listTree(gitDir: string, rev: string, options: ListTreeOptions): Promise<LsTreeEntry[]> {
  const budget = new TreeBudget(options.limits);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', gitDir, '-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--long', '--full-tree', '--end-of-options', rev], {
      env: gitEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const entries: LsTreeEntry[] = [];
    const decoder = new StringDecoder('utf8');
    let partial = '';
    let stderr = '';
    let failure: Error | null = null;
    const stop = (err: Error): void => {
      failure ??= err;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new Error(`git ls-tree timed out after ${Math.round(options.timeoutMs / 1000)} s`)), options.timeoutMs);
    const onAbort = (): void => stop(new Error('git ls-tree was stopped'));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    // One 'data' event is at most a pipe's worth (64 KiB, some hundreds of entries): parsing it is short, and
    // the stream gives the event loop back between chunks.
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      const records = (partial + decoder.write(chunk)).split('\0');
      partial = records.pop() ?? '';
      try {
        for (const record of records) {
          if (!record) continue;
          const entry = parseLsTreeRecord(record);
          if (!entry) continue;
          budget.add(entry.path, entry.size);
          entries.push(entry);
        }
      } catch (err) {
        stop(err instanceof Error ? err : new Error(String(err)));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('error', (err) => stop(new Error(`git ls-tree: ${err.message}`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) return reject(failure);
      if (code !== 0) return reject(new LsTreeExitError(code, stderr));
      const rest = partial + decoder.end();
      if (rest) {
        try {
          const entry = parseLsTreeRecord(rest);
          if (entry) {
            budget.add(entry.path, entry.size);
            entries.push(entry);
          }
        } catch (err) {
          return reject(err instanceof Error ? err : new Error(String(err)));
        }
      }
      resolve(entries);
    });
  });
}
