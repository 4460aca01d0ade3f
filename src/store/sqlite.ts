/**
 * The embedded store: one SQLite database (WAL) owned by one process, holding tasks, results, callback
 * deliveries, users, agents and — in the same file — the embedded queue, so a task is queued atomically
 * with its creation.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { v5 as uuidv5 } from 'uuid';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import {
  TASK_STATUSES,
  type AgentInfo,
  type AgentRecord,
  type CallbackOutcome,
  type CallbackStatus,
  type DueCallback,
  type FinishTask,
  type NewTask,
  type Store,
  type TaskPage,
  type TaskRecord,
  type TaskStatus,
  type UserRecord,
  type UserRole,
} from './types.js';

export type SqliteDatabase = Database.Database;

/** Upstream's user ids: uuid5(NAMESPACE_DNS, username), which is also the JWT `sub`. */
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
export function userIdFor(username: string): string {
  return uuidv5(username, DNS_NAMESPACE);
}

const caches = new WeakMap<SqliteDatabase, Map<string, Database.Statement>>();

/**
 * Prepared statements of a database, compiled once per SQL text: preparing costs 50–70 µs here, several
 * times more than running the statement, and the same few statements run on every request.
 */
export function prepared(db: SqliteDatabase, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

export function openSqlite(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SQLITE_MIGRATIONS.length) {
    throw new Error(`the database schema (version ${current}) is newer than this OpenChecker (${SQLITE_MIGRATIONS.length}); upgrade OpenChecker`);
  }
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

interface TaskRow {
  seq: number;
  task_id: string;
  status: TaskStatus;
  project_url: string;
  command_list: string;
  task_metadata: string;
  commit_hash: string | null;
  callback_url: string | null;
  submitted_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  agent: string | null;
  attempts: number;
  error: string | null;
  scan_results: string | null;
  callback_status: CallbackStatus;
  callback_attempts: number;
  callback_last_error: string | null;
  callback_next_attempt_at: number | null;
  callback_delivered_at: string | null;
}

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: UserRole;
  created_at: string;
}

interface AgentRow {
  id: string;
  hostname: string;
  pid: number;
  version: string;
  concurrency: number;
  started_at: string;
  last_heartbeat_at: string;
  status: 'running' | 'stopped';
  current_tasks: string;
}

const now = (): string => new Date().toISOString();

function toTask(row: TaskRow): TaskRecord {
  return {
    seq: row.seq,
    taskId: row.task_id,
    status: row.status,
    projectUrl: row.project_url,
    commandList: JSON.parse(row.command_list) as string[],
    taskMetadata: JSON.parse(row.task_metadata) as Record<string, unknown>,
    commitHash: row.commit_hash,
    callbackUrl: row.callback_url,
    submittedBy: row.submitted_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    agent: row.agent,
    attempts: row.attempts,
    error: row.error,
    scanResults: row.scan_results === null ? null : (JSON.parse(row.scan_results) as Record<string, unknown>),
    callback: {
      status: row.callback_status,
      attempts: row.callback_attempts,
      lastError: row.callback_last_error,
      deliveredAt: row.callback_delivered_at,
      nextAttemptAt: row.callback_next_attempt_at === null ? null : new Date(row.callback_next_attempt_at).toISOString(),
    },
  };
}

function toUser(row: UserRow): UserRecord {
  return { id: row.id, username: row.username, passwordHash: row.password_hash, role: row.role, createdAt: row.created_at };
}

/** Cursors are opaque to clients: the base64url of the last seen sequence number. */
function encodeCursor(seq: number): string {
  return Buffer.from(`s:${seq}`).toString('base64url');
}
export function decodeCursor(cursor: string): number | null {
  const match = /^s:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

export class SqliteStore implements Store {
  constructor(readonly db: SqliteDatabase) {}

  private sql(text: string): Database.Statement {
    return prepared(this.db, text);
  }

  async ping(): Promise<void> {
    this.sql('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Synchronous insert, so the embedded backend can enqueue in the same transaction. */
  insertTask(task: NewTask): TaskRecord {
    this.sql(
        `INSERT INTO tasks (task_id, status, project_url, command_list, task_metadata, commit_hash, callback_url, submitted_by, created_at)
         VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (task_id) DO NOTHING`,
      )
      .run(
        task.taskId,
        task.projectUrl,
        JSON.stringify(task.commandList),
        JSON.stringify(task.taskMetadata),
        task.commitHash,
        task.callbackUrl,
        task.submittedBy,
        now(),
      );
    return this.getTaskSync(task.taskId) as TaskRecord;
  }

  async createTask(task: NewTask): Promise<TaskRecord> {
    return this.insertTask(task);
  }

  getTaskSync(taskId: string): TaskRecord | null {
    const row = this.sql('SELECT * FROM tasks WHERE task_id = ?').get(taskId) as TaskRow | undefined;
    return row ? toTask(row) : null;
  }

  async getTask(taskId: string): Promise<TaskRecord | null> {
    return this.getTaskSync(taskId);
  }

  async listTasks(query: { status?: TaskStatus; limit: number; cursor?: string | null }): Promise<TaskPage> {
    const before = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.cursor && before === null) throw new RangeError('invalid cursor');
    const rows = this.sql(
        `SELECT * FROM tasks WHERE (@status IS NULL OR status = @status) AND (@before IS NULL OR seq < @before)
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ status: query.status ?? null, before, limit: query.limit + 1 }) as TaskRow[];
    const page = rows.slice(0, query.limit).map(toTask);
    const last = page.at(-1);
    return { tasks: page, nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq) : null };
  }

  async countTasksByStatus(): Promise<Record<TaskStatus, number>> {
    const counts = Object.fromEntries(TASK_STATUSES.map((status) => [status, 0])) as Record<TaskStatus, number>;
    const rows = this.sql('SELECT status, COUNT(*) AS n FROM tasks GROUP BY status').all() as { status: TaskStatus; n: number }[];
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  async startTask(taskId: string, agent: string): Promise<TaskRecord | null> {
    const row = this.sql(
        `UPDATE tasks SET status = 'running', agent = ?, attempts = attempts + 1, started_at = ?, error = NULL
         WHERE task_id = ? AND status IN ('queued', 'running') RETURNING *`,
      )
      .get(agent, now(), taskId) as TaskRow | undefined;
    return row ? toTask(row) : null;
  }

  async finishTask(taskId: string, outcome: FinishTask): Promise<void> {
    this.sql(
        `UPDATE tasks SET status = @status, scan_results = @results, error = @error, finished_at = @now,
           callback_status = CASE WHEN callback_url IS NULL OR callback_url = '' THEN 'none' ELSE 'pending' END,
           callback_attempts = 0, callback_last_error = NULL, callback_lease_until = NULL,
           callback_next_attempt_at = CASE WHEN callback_url IS NULL OR callback_url = '' THEN NULL ELSE @nowMs END
         WHERE task_id = @taskId`,
      )
      .run({
        taskId,
        status: outcome.status,
        results: JSON.stringify(outcome.scanResults),
        error: outcome.error,
        now: now(),
        nowMs: Date.now(),
      });
  }

  async requeueTask(taskId: string): Promise<void> {
    this.sql(`UPDATE tasks SET status = 'queued', agent = NULL WHERE task_id = ? AND status = 'running'`).run(taskId);
  }

  async markDeadLettered(taskId: string, reason: string): Promise<void> {
    // Every requested command gets the reason as its error and the callback is scheduled, so a client is
    // never left waiting for a task that will not run.
    this.db.transaction(() => {
      const task = this.getTaskSync(taskId);
      if (!task || (task.status !== 'queued' && task.status !== 'running')) return;
      const results = Object.fromEntries(task.commandList.map((command) => [command, { error: `task dead-lettered: ${reason}` }]));
      this.sql(
          `UPDATE tasks SET status = 'dead_lettered', error = @reason, finished_at = @now, scan_results = @results,
             callback_status = CASE WHEN callback_url IS NULL OR callback_url = '' THEN 'none' ELSE 'pending' END,
             callback_attempts = 0, callback_last_error = NULL, callback_lease_until = NULL,
             callback_next_attempt_at = CASE WHEN callback_url IS NULL OR callback_url = '' THEN NULL ELSE @nowMs END
           WHERE task_id = @taskId`,
        )
        .run({ taskId, reason, now: now(), nowMs: Date.now(), results: JSON.stringify(results) });
    })();
  }

  async claimDueCallbacks(owner: string, nowMs: number, leaseMs: number, limit: number): Promise<DueCallback[]> {
    void owner; // one process owns the database: the lease alone keeps two dispatch loops apart
    const rows = this.sql(
        `UPDATE tasks SET callback_lease_until = @leaseUntil
         WHERE task_id IN (
           SELECT task_id FROM tasks WHERE callback_status = 'pending' AND callback_next_attempt_at <= @now
             AND (callback_lease_until IS NULL OR callback_lease_until < @now)
           ORDER BY callback_next_attempt_at LIMIT @limit)
         RETURNING task_id, callback_url, callback_attempts`,
      )
      .all({ now: nowMs, leaseUntil: nowMs + leaseMs, limit }) as { task_id: string; callback_url: string; callback_attempts: number }[];
    return rows.map((row) => ({ taskId: row.task_id, callbackUrl: row.callback_url, attempts: row.callback_attempts }));
  }

  async recordCallbackOutcome(taskId: string, outcome: CallbackOutcome): Promise<void> {
    const statement = this.sql(
      `UPDATE tasks SET callback_status = @status, callback_attempts = callback_attempts + 1, callback_last_error = @error,
         callback_next_attempt_at = @next, callback_lease_until = NULL, callback_delivered_at = @delivered
       WHERE task_id = @taskId`,
    );
    switch (outcome.kind) {
      case 'delivered':
        statement.run({ taskId, status: 'delivered', error: null, next: null, delivered: now() });
        break;
      case 'retry':
        statement.run({ taskId, status: 'pending', error: outcome.error, next: outcome.nextAttemptAtMs, delivered: null });
        break;
      case 'failed':
        statement.run({ taskId, status: 'failed', error: outcome.error, next: null, delivered: null });
        break;
    }
  }

  async createUser(user: { username: string; passwordHash: string; role: UserRole }): Promise<UserRecord> {
    const id = userIdFor(user.username);
    const at = now();
    this.sql('INSERT INTO users (id, username, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, user.username, user.passwordHash, user.role, at, at);
    return { id, username: user.username, passwordHash: user.passwordHash, role: user.role, createdAt: at };
  }

  async getUserByName(username: string): Promise<UserRecord | null> {
    const row = this.sql('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async getUserById(id: string): Promise<UserRecord | null> {
    const row = this.sql('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (this.sql('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
  }

  async updatePassword(username: string, passwordHash: string): Promise<boolean> {
    return this.sql('UPDATE users SET password_hash = ?, updated_at = ? WHERE username = ?').run(passwordHash, now(), username).changes > 0;
  }

  async deleteUser(username: string): Promise<boolean> {
    return this.sql('DELETE FROM users WHERE username = ?').run(username).changes > 0;
  }

  async registerAgent(agent: AgentInfo): Promise<void> {
    const at = now();
    this.sql(
        `INSERT INTO agents (id, hostname, pid, version, concurrency, started_at, last_heartbeat_at, status, current_tasks)
         VALUES (@id, @hostname, @pid, @version, @concurrency, @at, @at, 'running', '[]')
         ON CONFLICT (id) DO UPDATE SET hostname = @hostname, pid = @pid, version = @version, concurrency = @concurrency,
           started_at = @at, last_heartbeat_at = @at, status = 'running', current_tasks = '[]'`,
      )
      .run({ ...agent, at });
  }

  async heartbeatAgent(agentId: string, currentTasks: string[]): Promise<void> {
    this.sql('UPDATE agents SET last_heartbeat_at = ?, current_tasks = ? WHERE id = ?').run(now(), JSON.stringify(currentTasks), agentId);
  }

  async stopAgent(agentId: string): Promise<void> {
    this.sql(`UPDATE agents SET status = 'stopped', current_tasks = '[]', last_heartbeat_at = ? WHERE id = ?`).run(now(), agentId);
  }

  async listAgents(): Promise<AgentRecord[]> {
    const rows = this.sql('SELECT * FROM agents ORDER BY started_at DESC').all() as AgentRow[];
    return rows.map((row) => ({
      id: row.id,
      hostname: row.hostname,
      pid: row.pid,
      version: row.version,
      concurrency: row.concurrency,
      startedAt: row.started_at,
      lastHeartbeatAt: row.last_heartbeat_at,
      status: row.status,
      currentTasks: JSON.parse(row.current_tasks) as string[],
    }));
  }
}
