/**
 * A "git bomb": a repository of a handful of objects whose trees reference the same subtree over and over, so
 * that `levels` trees of `fanout` entries expand to fanout^levels files (6 × 10: 8 objects, a few hundred
 * bytes, 10^6 files, the repository of issue #14). Built with git's plumbing (hash-object, mktree,
 * commit-tree) and argument arrays; a commit on `main` points at the top tree.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GitBombOptions {
  /** Nesting levels of trees; files sit at depth `levels`. */
  levels: number;
  /** Entries per tree. */
  fanout: number;
  /** Content of the one blob every file shares. */
  content?: string | Buffer;
  /** Folder name of the repository (the repository name of its tasks). */
  name?: string;
}

export interface GitBomb {
  /** The repository (a normal, non-bare one without a worktree; clone it with file:// or its path). */
  dir: string;
  /** How many file paths its tree expands to. */
  files: number;
  cleanup(): Promise<void>;
}

const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

function git(dir: string, args: string[], input?: string | Buffer): string {
  return execFileSync('git', ['-C', dir, ...args], { env, input, encoding: 'utf8' }).trim();
}

export async function makeGitBomb(options: GitBombOptions): Promise<GitBomb> {
  const parent = await mkdtemp(join(tmpdir(), 'oc-git-bomb-'));
  const dir = join(parent, options.name ?? 'bomb');
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir], { env });
  const blob = git(dir, ['hash-object', '-w', '--stdin'], options.content ?? 'boom\n');
  let entry = (i: number): string => `100644 blob ${blob}\tf${i}`;
  let tree = '';
  for (let level = 0; level < options.levels; level++) {
    const listing = Array.from({ length: options.fanout }, (_, i) => entry(i)).join('\n');
    tree = git(dir, ['mktree'], `${listing}\n`);
    const subtree = tree;
    entry = (i: number): string => `040000 tree ${subtree}\td${i}`;
  }
  const commit = git(dir, ['commit-tree', tree, '-m', `git bomb: ${options.fanout}^${options.levels} files`]);
  git(dir, ['update-ref', 'refs/heads/main', commit]);
  return { dir, files: options.fanout ** options.levels, cleanup: () => rm(parent, { recursive: true, force: true }) };
}

/** A chain of `depth` nested folders with one file at the bottom (a tree deeper than any real repository). */
export async function makeDeepRepo(depth: number): Promise<GitBomb> {
  const parent = await mkdtemp(join(tmpdir(), 'oc-git-deep-'));
  const dir = join(parent, 'deep');
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir], { env });
  const blob = git(dir, ['hash-object', '-w', '--stdin'], 'deep\n');
  let tree = git(dir, ['mktree'], `100644 blob ${blob}\tfile\n`);
  for (let level = 1; level < depth; level++) tree = git(dir, ['mktree'], `040000 tree ${tree}\td\n`);
  git(dir, ['update-ref', 'refs/heads/main', git(dir, ['commit-tree', tree, '-m', 'deep'])]);
  return { dir, files: 1, cleanup: () => rm(parent, { recursive: true, force: true }) };
}
