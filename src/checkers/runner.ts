/**
 * Runs a task's commands against one shared repository view. Each command gets its requirements checked, its
 * own time limit and abort signal; whatever happens, the command's result is JSON and one command's failure
 * never affects another's.
 */
import { createHash } from 'node:crypto';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Config } from '../config/schema.js';
import { toBoundedJson } from '../lib/bounded-json.js';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import { getCheckerMeta } from './metadata.js';
import { loadChecker } from './registry.js';
import type { RepoView } from '../lib/repo/repo-view.js';
import type { ResultCache } from '../lib/result-cache/cache.js';
import { MemoryCache, type SharedCache } from '../lib/shared-cache.js';
import { reuseKey, type ReuseKey } from './result-reuse.js';
import { CheckerInputError, type CheckContext, type Checker, type CheckerMeta, type Json, type TaskInfo } from './types.js';

export type CommandOutcome = 'ok' | 'error' | 'timeout' | 'unavailable';

export interface RunCommandsOptions {
  commands: readonly string[];
  task: TaskInfo;
  /** The checkout, or null when none was made (all commands declared `checkout: 'none'`, or the clone failed). */
  repo: RepoView | null;
  config: Config;
  configDir: string;
  log: Logger;
  signal?: AbortSignal;
  /** Cache shared across tasks; a process-wide in-memory one when absent. */
  cache?: SharedCache;
  /** How many commands run at once (I/O-bound checkers overlap well). */
  concurrency?: number;
  onCommandDone?: (command: string, outcome: CommandOutcome, seconds: number) => void;
  onCommandStart?: (command: string) => void;
  /** Where checkers are looked up; the registry unless a test supplies its own. */
  lookup?: (name: string) => Checker | undefined;
  /**
   * The shared result cache: a command that declares `cache` reuses the stored result of the same input, and
   * stores its own. Null or absent: every command runs.
   */
  resultCache?: ResultCache | null;
  /** Run every command even when a stored result could be reused (the fresh result replaces it). */
  fresh?: boolean;
  /** Told about each command whose result was reused, with the task that computed it. */
  onReused?: (command: string, fromTaskId: string) => void;
}

/** The default shared cache: one per process, so repeated tasks in one agent still share answers. */
const processCache = new MemoryCache();

/** Results keyed by command, in the order the commands were given (duplicates run once). */
export async function runCommands(options: RunCommandsOptions): Promise<Record<string, Json>> {
  const commands = [...new Set(options.commands)];
  const results = new Map<string, Json>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < commands.length) {
      const command = commands[next++] as string;
      options.onCommandStart?.(command);
      const started = performance.now();
      const { result, outcome } = await runOne(command, options);
      results.set(command, result);
      options.onCommandDone?.(command, outcome, (performance.now() - started) / 1000);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, commands.length)) }, worker);
  await Promise.all(workers);
  return Object.fromEntries(commands.map((command) => [command, results.get(command) ?? null]));
}

async function runOne(command: string, options: RunCommandsOptions): Promise<{ result: Json; outcome: CommandOutcome }> {
  const log = options.log.child({ command });
  // Requirements are checked on the metadata, so a command that cannot run never loads its code.
  const meta: CheckerMeta | undefined = options.lookup ? options.lookup(command) : getCheckerMeta(command);
  if (!meta) {
    return { result: { error: `${command} is not available in this version of OpenChecker` }, outcome: 'unavailable' };
  }
  const unmet = await unmetRequirement(meta, options);
  if (unmet) {
    log.info({ reason: unmet }, 'command cannot run');
    return { result: { error: unmet }, outcome: 'unavailable' };
  }
  const timeoutMs = meta.timeoutMs ?? options.config.OpenCheck.command_timeout_s * 1000;
  const reuse = await reusable(meta, options, log);
  if (reuse?.stored) {
    options.onReused?.(command, reuse.stored.taskId);
    return { result: reuse.stored.result, outcome: 'ok' };
  }
  let reuseRefused: string | null = null;
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort(new Error('the task was stopped'));
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new CommandTimeoutError(`${command} timed out after ${Math.round(timeoutMs / 1000)} s`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const ctx: CheckContext = {
    task: options.task,
    repo: options.repo ?? noCheckout(command),
    config: options.config,
    configDir: options.configDir,
    signal: controller.signal,
    log,
    cache: options.cache ?? processCache,
    doNotReuse: (reason) => {
      reuseRefused = reason;
    },
  };
  try {
    const checker = options.lookup?.(command) ?? (await loadChecker(command));
    if (!checker) throw new Error(`${command} has metadata but no code in the registry`);
    const result = await toJson(await Promise.race([checker.run(ctx), timeout]), options.config.OpenCheck.result_max_mb * 1024 * 1024, log);
    if (reuse && reuseRefused === null) await storeForReuse(meta, reuse.key, result, options, log);
    else if (reuse) log.debug({ reason: reuseRefused }, 'result not stored for reuse');
    return { result, outcome: 'ok' };
  } catch (err) {
    if (err instanceof CommandTimeoutError) {
      log.warn({ timeoutMs }, 'command timed out');
      return { result: { error: err.message }, outcome: 'timeout' };
    }
    if (err instanceof CheckerInputError) log.info({ err: err.message }, 'command could not run');
    else log.error({ err }, 'command failed');
    return { result: { error: errorMessage(err) || `${command} failed` }, outcome: 'error' };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

class CommandTimeoutError extends Error {}

/**
 * The command's reuse key when it declares `cache` and a result cache is at hand, with the stored result when
 * one may be reused. Any failure (a key that cannot be made, the store, a corrupt entry) means "run it".
 */
async function reusable(meta: CheckerMeta, options: RunCommandsOptions, log: Logger): Promise<{ key: ReuseKey; stored: { result: Json; taskId: string } | null } | null> {
  const cache = options.resultCache;
  if (!cache || !cache.options.reuseResults || !meta.cache || !options.repo) return null;
  let key: ReuseKey | null;
  try {
    key = await reuseKey(meta, options.repo, options.config, options.signal ?? new AbortController().signal);
  } catch (err) {
    log.debug({ err: errorMessage(err) }, 'no reuse key');
    return null;
  }
  if (!key) return null;
  const kind = `result:${meta.name}`;
  if (options.fresh) return { key, stored: null };
  const stored = await cache.store.getResult(key.key).catch(() => null);
  if (!stored || (key.maxAgeMs !== null && Date.now() - stored.createdAtMs > key.maxAgeMs)) {
    cache.count(kind, 'miss');
    return { key, stored: null };
  }
  let result: Json;
  try {
    result = JSON.parse(verified(stored.value)) as Json;
  } catch {
    cache.count(kind, 'corrupt');
    return { key, stored: null };
  }
  if (!storable(result)) {
    cache.count(kind, 'corrupt');
    return { key, stored: null };
  }
  cache.count(kind, 'hit');
  return { key, stored: { result, taskId: stored.taskId } };
}

/**
 * A stored result carries the SHA-256 of its JSON on a first line: a damaged entry (a truncated write, a changed
 * byte, an edited row) fails the check and is computed again, even where the damage still parses as JSON.
 */
function sealed(json: string): string {
  return `${createHash('sha256').update(json).digest('hex')}\n${json}`;
}

/** The JSON of a sealed value; throws when the seal does not match. */
function verified(value: string): string {
  const newline = value.indexOf('\n');
  const json = value.slice(newline + 1);
  if (newline !== 64 || createHash('sha256').update(json).digest('hex') !== value.slice(0, 64)) throw new Error('stored result does not match its digest');
  return json;
}

/**
 * A result that may be stored and reused: an object or an array (several commands answer with a list), never
 * an `{"error"}` (a failure may not repeat) nor a bare value (what a stored result never is, so a corrupt one).
 */
function storable(result: Json): boolean {
  if (result === null || typeof result !== 'object') return false;
  return Array.isArray(result) || !('error' in result);
}

/** Stores a command's result for reuse; `{"error"}` results are not stored (a failure may not repeat). */
async function storeForReuse(meta: CheckerMeta, key: ReuseKey, result: Json, options: RunCommandsOptions, log: Logger): Promise<void> {
  const cache = options.resultCache;
  if (!cache || !storable(result)) return;
  try {
    await cache.store.putResult({ key: key.key, command: meta.name, version: meta.version, taskId: options.task.taskId, value: sealed(JSON.stringify(result)) });
    cache.count(`result:${meta.name}`, 'write');
  } catch (err) {
    log.warn({ err: errorMessage(err) }, 'could not store the result for reuse');
  }
}

async function unmetRequirement(checker: CheckerMeta, options: RunCommandsOptions): Promise<string | null> {
  const needs = checker.requirements;
  if (needs.checkout !== 'none' && !options.repo) return `${checker.name} needs a checkout of the repository, and none is available`;
  if (needs.commitHash && !options.task.commitHash) return 'No commit hash provided';
  for (const key of needs.config ?? []) {
    const [section, name] = key.split('.') as [string, string];
    const value = (options.config as unknown as Record<string, Record<string, unknown>>)[section]?.[name];
    if (value === undefined || value === null || value === '') {
      return `${checker.name} needs the configuration key [${section}] ${name} (or ${`OPENCHECKER_${section}_${name}`.toUpperCase()})`;
    }
  }
  for (const tool of needs.tools ?? []) {
    if (!(await onPath(tool))) return `${checker.name} needs the program "${tool}", which is not installed on this agent`;
  }
  return null;
}

const pathCache = new Map<string, Promise<boolean>>();
function onPath(tool: string): Promise<boolean> {
  let found = pathCache.get(tool);
  if (!found) {
    found = (async () => {
      for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
        try {
          await access(join(dir, tool), constants.X_OK);
          return true;
        } catch {
          // not in this directory
        }
      }
      return false;
    })();
    pathCache.set(tool, found);
  }
  return found;
}

function noCheckout(command: string): RepoView {
  return new Proxy({} as RepoView, {
    get() {
      throw new Error(`${command} declared that it needs no checkout, but used the repository`);
    },
  });
}

/**
 * Results must be plain JSON (undefined dropped, cycles refused: the JSON round trip's rules) and at most
 * `maxBytes` as JSON text. A larger result is replaced whole by `{"error": "result too large: ..."}` rather
 * than cut: a cut result would look complete to a client, and every result is stored and sent in the
 * callback. The copy is made without blocking the event loop, and stops at the cap.
 */
async function toJson(value: Json, maxBytes: number, log: Logger): Promise<Json> {
  const bounded = await toBoundedJson(value, maxBytes);
  if (bounded.ok) return bounded.value;
  log.warn({ maxBytes }, 'result too large');
  return { error: `result too large: more than ${maxBytes} bytes as JSON (limit [OpenCheck] result_max_mb = ${Math.round(maxBytes / 1024 ** 2)})` };
}
