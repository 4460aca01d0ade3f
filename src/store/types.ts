/**
 * The store interface: tasks and their results, callback deliveries, users and agents. The embedded SQLite
 * store implements it for one machine; a PostgreSQL store implements it for distributed mode.
 */
import type { ResultCacheStore } from '../lib/result-cache/types.js';

export const TASK_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'dead_lettered'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TERMINAL_STATUSES: readonly TaskStatus[] = ['succeeded', 'failed', 'dead_lettered'];

export type CallbackStatus = 'none' | 'pending' | 'delivered' | 'failed';

export interface NewTask {
  taskId: string;
  projectUrl: string;
  commandList: string[];
  taskMetadata: Record<string, unknown>;
  commitHash: string | null;
  callbackUrl: string | null;
  /** The submitter's user name, for display. */
  submittedBy: string | null;
  /**
   * The submitting user's id: the task's owner, who may read it besides admins. Null (or absent): no owner, a
   * task from the queue (the Python main) or stored before owners were; admins only.
   */
  ownerId?: string | null;
}

export interface TaskRecord extends NewTask {
  ownerId: string | null;
  seq: number;
  status: TaskStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  agent: string | null;
  attempts: number;
  /** Why the task failed or was dead-lettered. */
  error: string | null;
  scanResults: Record<string, unknown> | null;
  /**
   * The version of the checker that produced each command's result, as it was when the task ran (a later
   * upgrade does not relabel old results); keyed like `scanResults`, null where it is not known (results stored
   * before versions were, a dead-lettered task's errors). Null while there are no results.
   */
  commandVersions: Readonly<Record<string, number | null>> | null;
  /**
   * Commands whose result was reused from an earlier run on the same input (the result cache): command → the task
   * that computed it. Null when nothing was reused or while there are no results.
   */
  reusedFrom: Readonly<Record<string, string>> | null;
  /** When retention removed the results (scanResults and commandVersions are then null); null: kept. */
  resultsPurgedAt: string | null;
  callback: {
    status: CallbackStatus;
    attempts: number;
    lastError: string | null;
    deliveredAt: string | null;
    nextAttemptAt: string | null;
  };
}

export interface TaskQuery {
  status?: TaskStatus;
  limit: number;
  cursor?: string | null;
  projectUrl?: string;
  ownerId?: string;
}

export interface TaskPage {
  tasks: TaskRecord[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface FinishTask {
  status: 'succeeded' | 'failed';
  scanResults: Record<string, unknown>;
  error: string | null;
  /** The version of the checker that ran each command (its meta.ts `version` at run time); null where none ran. */
  commandVersions?: Readonly<Record<string, number | null>>;
  /** Commands whose stored result was reused, with the task that computed it. */
  reusedFrom?: Readonly<Record<string, string>>;
}

/** A callback due for delivery, leased to one dispatcher. */
export interface DueCallback {
  taskId: string;
  callbackUrl: string;
  attempts: number;
}

export type CallbackOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; error: string; nextAttemptAtMs: number }
  | { kind: 'failed'; error: string };

export type UserRole = 'admin' | 'user';
export interface UserRecord {
  /** A random UUID (users from before are uuid5 of their name): a user re-created under the same name is another user. */
  id: string;
  username: string;
  passwordHash: string;
  role: UserRole;
  createdAt: string;
  /** The generation access tokens must carry; a password change increments it, revoking the tokens issued before. */
  tokenGeneration: number;
}

export interface AgentInfo {
  id: string;
  hostname: string;
  pid: number;
  version: string;
  concurrency: number;
  /** Commands this agent can run (its registry); empty when unknown. */
  commands?: string[];
}
export interface AgentRecord extends AgentInfo {
  commands: string[];
  startedAt: string;
  lastHeartbeatAt: string;
  status: 'running' | 'stopped';
  currentTasks: string[];
}

/** Which stored results of a command to re-read (`openchecker rescan`): each project's newest succeeded task. */
export interface CommandResultQuery {
  /** The command whose result the task must hold (it is in the task's command list). */
  command: string;
  /** Only this project URL's tasks. */
  projectUrl?: string;
  /** Only tasks that finished at or after this ISO time. */
  finishedSince?: string;
  /** At most this many tasks, newest first. */
  limit?: number;
}

/** A task whose result of a command is kept: its identity without the result body. */
export interface CommandResultRef {
  taskId: string;
  seq: number;
  projectUrl: string;
  commitHash: string | null;
  finishedAt: string;
  ownerId: string | null;
  /** The task's metadata as submitted (parsed JSON). */
  taskMetadata: Record<string, unknown>;
}

/** One command's stored result of a task: that command's part of the results, not the whole body. */
export interface StoredCommandResult extends CommandResultRef {
  /** The command's result (parsed JSON); null when the task holds none for it. */
  result: unknown;
  /** The checker version that produced it; null when unknown. */
  version: number | null;
}

export interface Store {
  /** Fails when the store cannot answer (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Inserts a task in status `queued`; a task id that exists already returns the existing record. */
  createTask(task: NewTask): Promise<TaskRecord>;
  getTask(taskId: string): Promise<TaskRecord | null>;
  /**
   * Newest first. `ownerId`: only that user's tasks (a non-admin caller); absent: every task. Reads no result
   * bodies: `scanResults` and `commandVersions` are null on every listed task (getTask has them).
   */
  listTasks(query: TaskQuery): Promise<TaskPage>;
  countTasksByStatus(): Promise<Record<TaskStatus, number>>;
  /**
   * When the owner's `nth` newest task (1: the newest) was created, or null when they have fewer: the
   * per-minute quota is reached when the `limit`th newest is less than a minute old (a sliding window).
   */
  ownerTaskCreatedAt(ownerId: string, nth: number): Promise<string | null>;
  /** The owner's unfinished (queued or running) tasks, counted up to `atMost` (the quota never needs more). */
  countOpenTasks(ownerId: string, atMost: number): Promise<number>;
  /**
   * Retention: removes the results of up to `limit` finished tasks that finished before `finishedBefore` (an ISO
   * time) and whose callback is not still being delivered; marks them `resultsPurgedAt`. Returns how many.
   * Safe to run from several processes at once (each row is purged once).
   */
  purgeResults(finishedBefore: string, limit: number): Promise<number>;
  /** Retention: deletes up to `limit` finished tasks, as purgeResults selects them. Returns how many. */
  purgeTasks(finishedBefore: string, limit: number): Promise<number>;
  /**
   * Marks a task running on `agent` and counts the attempt. Returns null (and changes nothing) when the task
   * is already finished: a redelivered message must not run it again.
   */
  startTask(taskId: string, agent: string): Promise<TaskRecord | null>;
  /** Stores results and final status; schedules the callback when the task has a callback URL. */
  finishTask(taskId: string, outcome: FinishTask): Promise<void>;
  /**
   * Puts a running task back to `queued`. With `handBack` (graceful shutdown) the run does not count as an
   * attempt towards the delivery limit.
   */
  requeueTask(taskId: string, options?: { handBack?: boolean }): Promise<void>;
  /** Final state for a task that will not run: every command gets the reason as its error; callback scheduled. */
  markDeadLettered(taskId: string, reason: string): Promise<void>;
  /**
   * A dead-lettered task back to `queued` with a clean slate (operator requeue); null if it was not dead-lettered.
   * `urls`: the project and callback URLs as the dead letter's message holds them, credentials included (the row
   * keeps only their redacted form once the task is finished).
   */
  requeueDeadLettered(taskId: string, urls?: { projectUrl: string; callbackUrl: string | null }): Promise<TaskRecord | null>;

  /** Leases up to `limit` callbacks that are due, so one dispatcher delivers each. */
  claimDueCallbacks(owner: string, nowMs: number, leaseMs: number, limit: number): Promise<DueCallback[]>;
  recordCallbackOutcome(taskId: string, outcome: CallbackOutcome): Promise<void>;

  createUser(user: { username: string; passwordHash: string; role: UserRole }): Promise<UserRecord>;
  getUserByName(username: string): Promise<UserRecord | null>;
  getUserById(id: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  /** Also increments the user's token generation: the tokens issued before stop working. */
  updatePassword(username: string, passwordHash: string): Promise<boolean>;
  deleteUser(username: string): Promise<boolean>;

  registerAgent(agent: AgentInfo): Promise<void>;
  heartbeatAgent(agentId: string, currentTasks: string[]): Promise<void>;
  stopAgent(agentId: string): Promise<void>;
  listAgents(): Promise<AgentRecord[]>;
  pruneAgents(olderThanMs: number): Promise<number>;

  /**
   * The newest succeeded task of each project URL whose command list holds `query.command` and whose results
   * are still kept, newest first. Reads no result bodies (readCommandResults does, a page at a time).
   */
  latestCommandResultTasks(query: CommandResultQuery): Promise<CommandResultRef[]>;
  /** `command`'s stored result of each of these tasks (the database extracts that part of the body). */
  readCommandResults(taskIds: readonly string[], command: string): Promise<StoredCommandResult[]>;

  cacheGet(namespace: string, key: string): Promise<string | null>;
  cacheSet(namespace: string, key: string, value: string, ttlMs: number): Promise<void>;
  cachePurgeExpired(): Promise<number>;

  /** The shared result cache: per-file facts and per-command results (src/lib/result-cache/types.ts). */
  readonly resultCache: ResultCacheStore;
}
