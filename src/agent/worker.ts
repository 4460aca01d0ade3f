/**
 * The agent: consumes task messages and, for each, makes an isolated workspace keyed by task id, runs the task
 * through the pipeline it shares with `openchecker check` (src/tasks/run-task.ts: hardened clone, commands),
 * stores the results, acknowledges the message and hands the callback to the dispatcher. Redelivered messages of finished tasks are acknowledged without re-running.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHECKER_METAS } from '../checkers/metadata.js';
import type { Config } from '../config/schema.js';
import { failpoint } from '../lib/failpoints.js';
import { gitCacheFromConfig, type GitRepoCache } from '../lib/git-cache/index.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../lib/metrics.js';
import type { SharedCache } from '../lib/shared-cache.js';
import type { Consumer, Delivery, QueuedTaskMessage } from '../queue/types.js';
import { StoreCache } from '../store/cache.js';
import { resultCacheFromConfig } from '../tasks/result-cache.js';
import type { ResultCache } from '../lib/result-cache/cache.js';
import type { Backend } from '../tasks/backend.js';
import { runTask, type TaskRun } from '../tasks/run-task.js';
import { parseMessage, type TaskDescription } from '../tasks/task-input.js';
import { toNewTask, toTaskInfo } from '../tasks/task-records.js';
import { CallbackDispatcher } from './callback.js';
import { claimWorkspace, removeWorkspace, sweepWorkspaces, type SweepReport } from './workspace-sweep.js';

export const AGENT_VERSION = '0.1.0';

export interface AgentOptions {
  backend: Backend;
  config: Config;
  configDir: string;
  log: Logger;
  metrics?: Metrics;
  concurrency: number;
  /** Defaults to `<hostname>-<pid>-<random>`. */
  agentId?: string;
  /**
   * The process's git cache (one for all its agents); default: the configured one ([Cache] git_dir,
   * git_max_mb), null for none.
   */
  gitCache?: GitRepoCache | null;
}

export class Agent {
  readonly id: string;
  private consumer: Consumer | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly dispatcher: CallbackDispatcher;
  private readonly current = new Set<string>();
  private readonly log: Logger;
  private readonly cache: SharedCache;
  private readonly resultCache: ResultCache | null;
  private readonly gitCache: GitRepoCache | null;
  /** The start-up sweep of workspaces left by killed agents (runs beside the work; awaited by tests). */
  startupSweep: Promise<SweepReport> | null = null;

  constructor(private readonly options: AgentOptions) {
    this.cache = new StoreCache(options.backend.store);
    this.resultCache = resultCacheFromConfig(options.backend.store.resultCache, options.config, options.metrics, options.log.child({ component: 'result-cache' }));
    this.gitCache = options.gitCache === undefined ? gitCacheFromConfig(options.config) : options.gitCache;
    this.id = options.agentId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.log = options.log.child({ agent: this.id });
    this.dispatcher = new CallbackDispatcher({
      store: options.backend.store,
      config: options.config,
      log: this.log.child({ component: 'callback' }),
      metrics: options.metrics,
      owner: this.id,
    });
  }

  async start(): Promise<void> {
    const { backend, concurrency } = this.options;
    await mkdir(this.reposDir, { recursive: true });
    // Not awaited: removing a large leftover clone must not delay taking tasks.
    this.startupSweep = this.sweepStaleWorkspaces();
    await backend.store.registerAgent({
      id: this.id,
      hostname: hostname(),
      pid: process.pid,
      version: AGENT_VERSION,
      concurrency,
      commands: CHECKER_METAS.map((meta) => meta.name),
    });
    this.heartbeat = setInterval(() => {
      backend.store.heartbeatAgent(this.id, [...this.current]).catch((err: unknown) => this.log.warn({ err }, 'agent heartbeat failed'));
    }, this.options.config.OpenCheck.agent_heartbeat_s * 1000);
    this.heartbeat.unref();
    this.dispatcher.start();
    this.consumer = await backend.queue.consume((delivery, signal) => this.handle(delivery, signal), { concurrency, consumerTag: this.id });
    this.log.info({ concurrency }, 'agent started');
  }

  private reportTimer: NodeJS.Timeout | null = null;

  /** Tells the registry about a change of current tasks shortly (coalesced), not only at the next heartbeat. */
  private reportSoon(): void {
    if (this.reportTimer) return;
    this.reportTimer = setTimeout(() => {
      this.reportTimer = null;
      this.options.backend.store.heartbeatAgent(this.id, [...this.current]).catch(() => undefined);
    }, 250);
    this.reportTimer.unref();
  }

  /** Stops taking tasks; running ones get `graceMs` to finish, then are handed back to the queue. */
  async stop(graceMs: number): Promise<void> {
    await this.consumer?.stop(graceMs);
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.reportTimer) clearTimeout(this.reportTimer);
    await this.dispatcher.stop();
    await this.options.backend.store.stopAgent(this.id).catch(() => undefined);
    this.log.info('agent stopped');
  }

  /**
   * A message in the Python main's format has no task id, so nothing ties a redelivery to its first delivery:
   * an agent killed mid-task would have the task run (and called back) a second time under a new id. So it is
   * published once more with the id it was given (confirmed), and the original acknowledged; every later
   * delivery carries that id and is handled idempotently. Only a crash between the two steps can still
   * duplicate it, instead of one at any point of the task.
   */
  private async adopt(delivery: Delivery, message: QueuedTaskMessage, signal: AbortSignal, log: Logger): Promise<void> {
    try {
      await this.options.backend.queue.publish(message);
    } catch (err) {
      log.error({ err }, 'could not re-publish an upstream-format message with a task id; releasing it');
      if (!signal.aborted) await sleep(1000);
      await delivery.release().catch(() => undefined);
      return;
    }
    await delivery.ack();
    log.info('upstream-format message queued again with a task id');
  }

  /** Removes the workspaces of agents that are gone (workspace-sweep.ts); the registry judges other hosts. */
  private async sweepStaleWorkspaces(): Promise<SweepReport> {
    const { config, backend } = this.options;
    const silentAfterMs = config.OpenCheck.agent_heartbeat_s * 3000;
    const agents = await backend.store.listAgents().catch(() => null);
    const byId = new Map((agents ?? []).map((agent) => [agent.id, agent]));
    return sweepWorkspaces(this.reposDir, {
      log: this.log,
      staleAfterMs: config.OpenCheck.stale_workspace_minutes * 60_000,
      registry: agents
        ? (agentId) => {
            const agent = byId.get(agentId);
            if (!agent) return null;
            return agent.status === 'running' && Date.now() - Date.parse(agent.lastHeartbeatAt) <= silentAfterMs ? 'alive' : 'gone';
          }
        : undefined,
    });
  }

  private get reposDir(): string {
    return resolve(this.options.config.OpenCheck.repos_dir);
  }

  /** Handles one delivery; never throws (every path acks, rejects or releases). */
  async handle(delivery: Delivery, signal: AbortSignal): Promise<void> {
    const { store } = this.options.backend;
    const parsed = parseMessage(delivery.body, this.options.config.OpenCheck.allow_local_repos);
    if (!parsed.ok) {
      this.log.warn({ reason: parsed.reason, taskId: parsed.taskId }, 'rejecting message to dead letters');
      if (parsed.taskId) await store.markDeadLettered(parsed.taskId, parsed.reason).catch(() => undefined);
      await delivery.reject(parsed.reason);
      return;
    }
    const message = parsed.message;
    const taskId = message.task_id;
    const log = this.log.child({ taskId });
    if (parsed.idAssigned) {
      await this.adopt(delivery, message, signal, log);
      return;
    }
    let workspace: string | null = null;
    try {
      // Messages published by the Python version have no task row yet: create it. Our own messages have one
      // (written with the message), so the usual path costs a read, not a write.
      const existing = await store.getTask(taskId);
      if (!existing) await store.createTask(toNewTask(taskId, parsed.task, null));
      const maxAttempts = this.options.config.OpenCheck.task_max_attempts;
      // Classic queues only flag a redelivery, so the store's count of started runs is the attempt counter;
      // quorum queues' x-delivery-count, when present, counts the same thing.
      const deliveries = Math.max(delivery.deliveryCount, (existing?.attempts ?? 0) + 1);
      if (deliveries > maxAttempts && (!existing || existing.status === 'queued' || existing.status === 'running')) {
        const reason = `delivered ${deliveries} times without finishing (limit ${maxAttempts}); the task may crash agents`;
        await store.markDeadLettered(taskId, reason);
        await delivery.reject(reason);
        log.error({ reason }, 'task dead-lettered');
        return;
      }
      const task = await store.startTask(taskId, this.id);
      if (!task) {
        log.info('task already finished; acknowledging the redelivered message');
        await delivery.ack();
        return;
      }
      this.current.add(taskId);
      this.reportSoon();
      const crashOn = failpoint('agent-crash-on-project');
      if (crashOn && message.project_url.includes(crashOn)) process.kill(process.pid, 'SIGKILL');
      // Keyed by task id and this delivery, never by repository name: two tasks never share a workspace, and a
      // new attempt never meets the leftovers of a killed one (whose git may even still be writing there).
      workspace = join(this.reposDir, taskId, `${this.id}-${randomUUID().slice(0, 8)}`);
      // Recorded before the workspace exists, so a kill at any point leaves an owner the next start-up can judge.
      await claimWorkspace(workspace, this.id);
      const outcome = await this.execute(taskId, parsed.task, workspace, signal, log);
      if (signal.aborted) {
        await store.requeueTask(taskId, { handBack: true });
        await delivery.release();
        log.info('task handed back to the queue (agent shutting down)');
        return;
      }
      // The run's checker versions are stored beside its results (commandVersions).
      await store.finishTask(taskId, outcome);
      await delivery.ack();
      this.options.metrics?.tasksProcessed.inc({ status: outcome.status });
      log.info({ status: outcome.status }, 'task finished');
      this.dispatcher.kick();
    } catch (err) {
      // The store or queue failed under us: hand the message back so another attempt can finish it.
      log.error({ err }, 'task handling failed; releasing the message');
      // Usually the store or broker is down: pause before handing back, or the message would bounce between
      // agents in a tight loop for the whole outage.
      if (!signal.aborted) await sleep(1000);
      await store.requeueTask(taskId).catch(() => undefined);
      await delivery.release().catch(() => undefined);
    } finally {
      // Removed after the ack, off the task's critical path, but before the slot takes the next task.
      if (workspace) {
        // With its owner record; the task's folder goes too once no other attempt uses it.
        await removeWorkspace(workspace).catch((err: unknown) => log.warn({ err }, 'could not remove workspace'));
      }
      this.current.delete(taskId);
      this.reportSoon();
    }
  }

  private async execute(taskId: string, description: TaskDescription, workspace: string, signal: AbortSignal, log: Logger): Promise<TaskRun> {
    const { config, metrics } = this.options;
    const run = await runTask({
      task: toTaskInfo(taskId, description),
      commands: description.commands,
      // Local paths are cloned like any URL, so checkers never touch the original.
      source: { clone: description.repo },
      makeWorkspace: async () => {
        // A leftover of an attempt that was killed mid-task is discarded first.
        await rm(workspace, { recursive: true, force: true });
        await mkdir(workspace, { recursive: true });
        return workspace;
      },
      allowLocalRepos: config.OpenCheck.allow_local_repos,
      config,
      configDir: this.options.configDir,
      log,
      signal,
      cache: this.cache,
      resultCache: this.resultCache,
      fresh: description.fresh,
      ...(this.gitCache ? { gitCache: this.gitCache } : {}),
      onCloned: (seconds) => metrics?.cloneDuration.observe(seconds),
      onCommandDone: (command, outcome, seconds) => metrics?.checkerDuration.observe({ command, outcome }, seconds),
    });
    if (run.error) log.warn({ reason: run.error }, 'clone failed');
    return run;
  }
}
