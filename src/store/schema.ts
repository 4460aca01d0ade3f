/**
 * The database schema as Kysely types: the one typed query layer (src/store/sql-store.ts) is written against
 * these, and runs unchanged on SQLite (embedded) and PostgreSQL (distributed). Migrations creating these
 * tables live in src/store/migrations.ts.
 */
import type { ColumnType, Generated } from 'kysely';
import type { CallbackStatus, TaskStatus, UserRole } from './types.js';

export interface TasksTable {
  seq: Generated<number>;
  task_id: string;
  status: TaskStatus;
  project_url: string;
  /** JSON array of command names. */
  command_list: string;
  /** JSON object, echoed exactly. */
  task_metadata: string;
  commit_hash: string | null;
  callback_url: string | null;
  /** The user name at submission, for display. */
  submitted_by: string | null;
  /** The submitting user's id (migration 6): who may see the task besides admins. NULL: admins only. */
  owner_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  agent: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  error: string | null;
  /** JSON object keyed by command. */
  scan_results: string | null;
  /** JSON object: command → the version of the checker that produced its result (null: unknown). */
  command_versions: ColumnType<string | null, string | null | undefined, string | null>;
  callback_status: ColumnType<CallbackStatus, CallbackStatus | undefined, CallbackStatus>;
  callback_attempts: ColumnType<number, number | undefined, number>;
  callback_last_error: string | null;
  /** Epoch milliseconds. */
  callback_next_attempt_at: number | null;
  callback_lease_until: number | null;
  callback_delivered_at: string | null;
  /** When retention removed the results (scan_results, command_versions); NULL: still kept. */
  results_purged_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON object (migration 8): command → the task whose stored result this task reused; NULL: none reused. */
  reused_from: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: UserRole;
  created_at: string;
  updated_at: string;
  /** Incremented by every password change; access tokens of an older generation are refused. */
  token_generation: ColumnType<number, number | undefined, number>;
}

export interface AgentsTable {
  id: string;
  hostname: string;
  pid: number;
  version: string;
  concurrency: number;
  /** JSON array of the command names the agent can run. */
  commands: ColumnType<string, string | undefined, string>;
  started_at: string;
  last_heartbeat_at: string;
  status: 'running' | 'stopped';
  /** JSON array of task ids. */
  current_tasks: ColumnType<string, string | undefined, string>;
}

/** Answers of external services shared across tasks and agents (src/lib/shared-cache.ts). */
export interface CacheTable {
  namespace: string;
  key: string;
  value: string;
  /** Epoch milliseconds. */
  expires_at: number;
}

/** Per-file facts of the result cache (migration 8), keyed by kind (analysis and version) and blob key. */
export interface FileFactsTable {
  kind: string;
  key: string;
  /** JSON. */
  value: string;
  /** Approximate size of the row (key and value), for the size limit. */
  bytes: number;
  /** Last use, epoch ms (refreshed at most hourly): eviction order. */
  used_at: number;
}

/** Per-command results of the result cache (migration 8), keyed by a hash of command, version, config and input. */
export interface CommandResultsTable {
  key: string;
  command: string;
  version: number;
  /** The task whose run produced the result. */
  task_id: string;
  /** JSON. */
  value: string;
  bytes: number;
  created_at: number;
  used_at: number;
}

/** Deployment-wide hit, miss and write totals of the result cache, by kind (migration 8). */
export interface CacheCountersTable {
  kind: string;
  hits: number;
  misses: number;
  writes: number;
}

/** The embedded queue (SQLite only): messages live next to the tasks so a task is queued atomically. */
export interface QueueMessagesTable {
  id: Generated<number>;
  queue: 'opencheck' | 'dead_letters';
  task_id: string | null;
  body: string;
  deliveries: ColumnType<number, number | undefined, number>;
  lease_owner: string | null;
  lease_until: number | null;
  dead_reason: string | null;
  created_at: number;
}

export interface Database {
  tasks: TasksTable;
  users: UsersTable;
  agents: AgentsTable;
  cache: CacheTable;
  file_facts: FileFactsTable;
  command_results: CommandResultsTable;
  cache_counters: CacheCountersTable;
  queue_messages: QueueMessagesTable;
}

export type SqlDialect = 'sqlite' | 'postgres';
