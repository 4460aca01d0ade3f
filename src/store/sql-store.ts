/**
 * The store, written once against Kysely and run on SQLite (embedded) and PostgreSQL (distributed). Every
 * method is a single statement (or a read followed by a guarded update), never a multi-statement transaction:
 * the embedded queue shares the SQLite connection, and single statements keep the two from interleaving.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { redact, redactNullable } from '../lib/redact.js';
import { SqlResultCache } from './result-cache.js';
import type { Database, SqlDialect, TasksTable, UsersTable } from './schema.js';
import {
  TASK_STATUSES,
  type AgentInfo,
  type AgentRecord,
  type CallbackOutcome,
  type CommandResultQuery,
  type CommandResultRef,
  type DueCallback,
  type FinishTask,
  type NewTask,
  type Store,
  type TaskPage,
  type TaskQuery,
  type TaskRecord,
  type StoredCommandResult,
  type TaskStatus,
  type UserRecord,
  type UserRole,
} from './types.js';

/**
 * User ids are random. Upstream derived them from the name (uuid5(NAMESPACE_DNS, username)), and the id is the
 * JWT `sub`: a user deleted and created again under the same name would have inherited every token the first
 * one was given. Users created before keep their id.
 */
function newUserId(): string {
  return randomUUID();
}

function toUser(row: Selectable<UsersTable>): UserRecord {
  return { id: row.id, username: row.username, passwordHash: row.password_hash, role: row.role, createdAt: row.created_at, tokenGeneration: Number(row.token_generation) };
}

/**
 * Errors are stored redacted: git and HTTP clients quote the URL they were given, credentials included, and the
 * error of a command (`{"error": "..."}`) is what a failed clone puts in every result.
 */
function redactedErrors(results: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(results).map(([command, result]) => {
      const error = (result as { error?: unknown } | null)?.error;
      return [command, typeof error === 'string' ? { ...(result as Record<string, unknown>), error: redact(error) } : result];
    }),
  );
}

/** The user name is taken (also when two processes create the same user at once). */
export class UserExistsError extends Error {
  constructor(username: string) {
    super(`user "${username}" exists already`);
    this.name = 'UserExistsError';
  }
}

/** A unique-constraint failure, as SQLite (better-sqlite3) and PostgreSQL (pg) report it. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const now = (): string => new Date().toISOString();

/** A command name as the queries of one command's results use it (in a LIKE pattern and a JSON path). */
function commandName(command: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(command)) throw new RangeError(`invalid command name: ${JSON.stringify(command)}`);
  return command;
}

export type TaskRow = Selectable<TasksTable>;

/** A finished task as the rescan of one command's results lists it. */
function toCommandResultRef(row: Pick<TaskRow, 'seq' | 'task_id' | 'project_url' | 'commit_hash' | 'finished_at' | 'owner_id' | 'task_metadata'>): CommandResultRef {
  return {
    taskId: row.task_id,
    seq: Number(row.seq),
    projectUrl: row.project_url,
    commitHash: row.commit_hash,
    finishedAt: row.finished_at ?? '',
    ownerId: row.owner_id,
    taskMetadata: JSON.parse(row.task_metadata) as Record<string, unknown>,
  };
}

/**
 * One version per command that has a result, read from the stored map; null where none was stored (rows
 * finished before versions were kept, dead-lettered tasks).
 */
function commandVersionsOf(scanResults: Record<string, unknown>, stored: string | null): Record<string, number | null> {
  const versions = stored === null ? {} : (JSON.parse(stored) as Record<string, number | null>);
  return Object.fromEntries(Object.keys(scanResults).map((command) => [command, Object.hasOwn(versions, command) ? (versions[command] ?? null) : null]));
}

type ListColumn = Exclude<keyof TasksTable, 'scan_results' | 'command_versions' | 'reused_from'>;
/**
 * The task list's columns: every column but the result bodies, which can be tens of MB per task (a list page
 * that read them took seconds). Written as a record so a new column that is not listed here fails to compile.
 */
const LIST_COLUMNS = Object.keys({
  seq: true,
  task_id: true,
  status: true,
  project_url: true,
  command_list: true,
  task_metadata: true,
  commit_hash: true,
  callback_url: true,
  submitted_by: true,
  owner_id: true,
  created_at: true,
  started_at: true,
  finished_at: true,
  agent: true,
  attempts: true,
  error: true,
  callback_status: true,
  callback_attempts: true,
  callback_last_error: true,
  callback_next_attempt_at: true,
  callback_lease_until: true,
  callback_delivered_at: true,
  results_purged_at: true,
} satisfies Record<ListColumn, true>) as ListColumn[];

export function toTask(row: TaskRow): TaskRecord {
  const scanResults = row.scan_results === null ? null : (JSON.parse(row.scan_results) as Record<string, unknown>);
  return {
    seq: Number(row.seq),
    taskId: row.task_id,
    status: row.status,
    projectUrl: row.project_url,
    commandList: JSON.parse(row.command_list) as string[],
    taskMetadata: JSON.parse(row.task_metadata) as Record<string, unknown>,
    commitHash: row.commit_hash,
    callbackUrl: row.callback_url,
    submittedBy: row.submitted_by,
    ownerId: row.owner_id,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    agent: row.agent,
    attempts: row.attempts,
    error: row.error,
    scanResults,
    commandVersions: scanResults === null ? null : commandVersionsOf(scanResults, row.command_versions),
    reusedFrom: scanResults === null || !row.reused_from ? null : (JSON.parse(row.reused_from) as Record<string, string>),
    resultsPurgedAt: row.results_purged_at,
    callback: {
      status: row.callback_status,
      attempts: row.callback_attempts,
      lastError: row.callback_last_error,
      deliveredAt: row.callback_delivered_at,
      nextAttemptAt: row.callback_next_attempt_at === null ? null : new Date(Number(row.callback_next_attempt_at)).toISOString(),
    },
  };
}

/** Cursors are opaque to clients: the base64url of the last seen sequence number. */
function encodeCursor(seq: number): string {
  return Buffer.from(`s:${seq}`).toString('base64url');
}
export function decodeCursor(cursor: string): number | null {
  const match = /^s:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/** The row of a new task, as inserted. */
export function taskRow(task: NewTask) {
  return {
    task_id: task.taskId,
    status: 'queued' as const,
    project_url: task.projectUrl,
    command_list: JSON.stringify(task.commandList),
    task_metadata: JSON.stringify(task.taskMetadata),
    commit_hash: task.commitHash,
    callback_url: task.callbackUrl,
    submitted_by: task.submittedBy,
    owner_id: task.ownerId ?? null,
    created_at: now(),
  };
}

/** Column values that (re)schedule the callback of a task that just reached a final state. */
function scheduleCallback(nowMs: number) {
  const hasCallback = sql<boolean>`callback_url is not null and callback_url <> ''`;
  return {
    callback_status: sql<'none' | 'pending'>`case when ${hasCallback} then 'pending' else 'none' end`,
    callback_attempts: 0,
    callback_last_error: null,
    callback_lease_until: null,
    callback_delivered_at: null,
    callback_next_attempt_at: sql<number | null>`case when ${hasCallback} then cast(${nowMs} as bigint) else null end`,
  };
}

export class SqlStore implements Store {
  readonly resultCache: SqlResultCache;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: SqlDialect,
    private readonly onClose: () => Promise<void> = () => db.destroy(),
  ) {
    this.resultCache = new SqlResultCache(db);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  /** The insert of a new task, shared by `createTask` and the embedded backend's synchronous group commit. */
  insertTaskQuery(task: NewTask) {
    return this.db
      .insertInto('tasks')
      .values(taskRow(task))
      .onConflict((oc) => oc.column('task_id').doNothing());
  }

  getTaskQuery(taskId: string) {
    return this.db.selectFrom('tasks').selectAll().where('task_id', '=', taskId);
  }

  async createTask(task: NewTask): Promise<TaskRecord> {
    const inserted = await this.insertTaskQuery(task).returningAll().executeTakeFirst();
    if (inserted) return toTask(inserted);
    return (await this.getTask(task.taskId)) as TaskRecord;
  }

  async getTask(taskId: string): Promise<TaskRecord | null> {
    const row = await this.getTaskQuery(taskId).executeTakeFirst();
    return row ? toTask(row) : null;
  }

  async listTasks(query: TaskQuery): Promise<TaskPage> {
    const before = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.cursor && before === null) throw new RangeError('invalid cursor');
    let select = this.db.selectFrom('tasks').select(LIST_COLUMNS);
    if (query.status) select = select.where('status', '=', query.status);
    if (query.projectUrl) select = select.where('project_url', '=', query.projectUrl);
    if (query.ownerId !== undefined) select = select.where('owner_id', '=', query.ownerId);
    if (before !== null) select = select.where('seq', '<', before);
    const rows = await select.orderBy('seq', 'desc').limit(query.limit + 1).execute();
    const page = rows.slice(0, query.limit).map((row) => toTask({ ...row, scan_results: null, command_versions: null, reused_from: null }));
    const last = page.at(-1);
    return { tasks: page, nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq) : null };
  }

  async countTasksByStatus(): Promise<Record<TaskStatus, number>> {
    const counts = Object.fromEntries(TASK_STATUSES.map((status) => [status, 0])) as Record<TaskStatus, number>;
    const rows = await this.db
      .selectFrom('tasks')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  async ownerTaskCreatedAt(ownerId: string, nth: number): Promise<string | null> {
    const row = await this.db
      .selectFrom('tasks')
      .select('created_at')
      .where('owner_id', '=', ownerId)
      .orderBy('seq', 'desc')
      .limit(1)
      .offset(Math.max(0, nth - 1))
      .executeTakeFirst();
    return row?.created_at ?? null;
  }

  async countOpenTasks(ownerId: string, atMost: number): Promise<number> {
    // Counting inside a bounded subquery keeps the cost at `atMost` index entries, however many are queued.
    const open = this.db
      .selectFrom('tasks')
      .select('seq')
      .where('owner_id', '=', ownerId)
      .where('status', 'in', ['queued', 'running'])
      .limit(atMost)
      .as('open');
    const row = await this.db
      .selectFrom(open)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * The finished tasks retention may touch: final status, finished before the cutoff, no callback still being
   * delivered (its body is read from the row at each attempt). PostgreSQL: SKIP LOCKED hands each row to one of
   * several replicas purging at once; each statement is idempotent, so no purge lock is needed.
   */
  private purgeable(finishedBefore: string, limit: number, onlyKeptResults: boolean) {
    let select = this.db
      .selectFrom('tasks')
      .select('task_id')
      .where('status', 'in', ['succeeded', 'failed', 'dead_lettered'])
      .where('finished_at', '<', finishedBefore)
      .where('callback_status', '<>', 'pending');
    if (onlyKeptResults) select = select.where('results_purged_at', 'is', null);
    select = select.orderBy('finished_at').limit(limit);
    return this.dialect === 'postgres' ? select.forUpdate().skipLocked() : select;
  }

  async purgeResults(finishedBefore: string, limit: number): Promise<number> {
    const result = await this.db
      .updateTable('tasks')
      .set({ scan_results: null, command_versions: null, reused_from: null, results_purged_at: now() })
      .where('task_id', 'in', this.purgeable(finishedBefore, limit, true))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async purgeTasks(finishedBefore: string, limit: number): Promise<number> {
    const result = await this.db.deleteFrom('tasks').where('task_id', 'in', this.purgeable(finishedBefore, limit, false)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async startTask(taskId: string, agent: string): Promise<TaskRecord | null> {
    const row = await this.db
      .updateTable('tasks')
      .set({ status: 'running', agent, attempts: sql<number>`attempts + 1`, started_at: now(), error: null })
      .where('task_id', '=', taskId)
      .where('status', 'in', ['queued', 'running'])
      .returningAll()
      .executeTakeFirst();
    return row ? toTask(row) : null;
  }

  async finishTask(taskId: string, outcome: FinishTask): Promise<void> {
    await this.db
      .updateTable('tasks')
      .set({
        status: outcome.status,
        scan_results: JSON.stringify(redactedErrors(outcome.scanResults)),
        command_versions: outcome.commandVersions ? JSON.stringify(outcome.commandVersions) : null,
        reused_from: outcome.reusedFrom && Object.keys(outcome.reusedFrom).length > 0 ? JSON.stringify(outcome.reusedFrom) : null,
        error: redactNullable(outcome.error),
        finished_at: now(),
        ...scheduleCallback(Date.now()),
      })
      .where('task_id', '=', taskId)
      .execute();
    await this.forgetCredentials(taskId);
  }

  async requeueTask(taskId: string, options: { handBack?: boolean } = {}): Promise<void> {
    // A hand-back at shutdown is not a failed attempt: undo the count startTask made, so graceful restarts
    // never push a healthy task towards the delivery limit.
    await this.db
      .updateTable('tasks')
      .set({ status: 'queued', agent: null, ...(options.handBack ? { attempts: sql<number>`case when attempts > 0 then attempts - 1 else 0 end` } : {}) })
      .where('task_id', '=', taskId)
      .where('status', '=', 'running')
      .execute();
  }

  /** Removes a task that was never queued (the broker refused its message); a started task is kept. */
  async discardQueuedTask(taskId: string): Promise<void> {
    await this.db.deleteFrom('tasks').where('task_id', '=', taskId).where('status', '=', 'queued').where('attempts', '=', 0).execute();
  }

  async markDeadLettered(taskId: string, reason: string): Promise<void> {
    const task = await this.getTask(taskId);
    if (!task || (task.status !== 'queued' && task.status !== 'running')) return;
    // Every requested command gets the reason as its error and the callback is scheduled, so a client is
    // never left waiting for a task that will not run. No checker ran, so no versions.
    const results = Object.fromEntries(task.commandList.map((command) => [command, { error: `task dead-lettered: ${redact(reason)}` }]));
    await this.db
      .updateTable('tasks')
      .set({ status: 'dead_lettered', error: redact(reason), finished_at: now(), scan_results: JSON.stringify(results), command_versions: null, reused_from: null, ...scheduleCallback(Date.now()) })
      .where('task_id', '=', taskId)
      .where('status', 'in', ['queued', 'running'])
      .execute();
    await this.forgetCredentials(taskId);
  }

  /**
   * Credentials a task carries in its URLs (`https://user:token@…`, `?private_token=…`, a callback's user-info)
   * are kept only while something needs them: the agent clones from the queue message, and the callback reads
   * callback_url until it is delivered or has finally failed. After that the row keeps their redacted form
   * (SQLite's secure_delete zeroes the old text). The access token never reaches the row at all.
   */
  private async forgetCredentials(taskId: string): Promise<void> {
    const row = await this.db
      .selectFrom('tasks')
      .select(['project_url', 'callback_url'])
      .where('task_id', '=', taskId)
      .where('status', 'in', ['succeeded', 'failed', 'dead_lettered'])
      .where('callback_status', '<>', 'pending')
      .executeTakeFirst();
    if (!row) return;
    const projectUrl = redact(row.project_url);
    const callbackUrl = redactNullable(row.callback_url);
    if (projectUrl === row.project_url && callbackUrl === row.callback_url) return;
    await this.db
      .updateTable('tasks')
      .set({ project_url: projectUrl, callback_url: callbackUrl })
      .where('task_id', '=', taskId)
      .where('project_url', '=', row.project_url)
      .where('callback_status', '<>', 'pending')
      .execute();
  }

  async requeueDeadLettered(taskId: string, urls?: { projectUrl: string; callbackUrl: string | null }): Promise<TaskRecord | null> {
    const row = await this.db
      .updateTable('tasks')
      .set({
        ...(urls ? { project_url: urls.projectUrl, callback_url: urls.callbackUrl } : {}),
        status: 'queued',
        attempts: 0,
        error: null,
        scan_results: null,
        command_versions: null,
        reused_from: null,
        results_purged_at: null,
        started_at: null,
        finished_at: null,
        agent: null,
        callback_status: 'none',
        callback_attempts: 0,
        callback_last_error: null,
        callback_next_attempt_at: null,
        callback_lease_until: null,
        callback_delivered_at: null,
      })
      .where('task_id', '=', taskId)
      .where('status', '=', 'dead_lettered')
      .returningAll()
      .executeTakeFirst();
    return row ? toTask(row) : null;
  }

  async claimDueCallbacks(owner: string, nowMs: number, leaseMs: number, limit: number): Promise<DueCallback[]> {
    void owner; // the lease alone keeps dispatchers apart: a claimed row is invisible to others until it expires
    const due = this.db
      .selectFrom('tasks')
      .select('task_id')
      .where('callback_status', '=', 'pending')
      .where('callback_next_attempt_at', '<=', nowMs)
      .where((eb) => eb.or([eb('callback_lease_until', 'is', null), eb('callback_lease_until', '<', nowMs)]))
      .orderBy('callback_next_attempt_at')
      .limit(limit);
    // PostgreSQL: several replicas claim at once; SKIP LOCKED hands each row to exactly one of them.
    const claimable = this.dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
    const rows = await this.db
      .updateTable('tasks')
      .set({ callback_lease_until: nowMs + leaseMs })
      .where('task_id', 'in', claimable)
      .returning(['task_id', 'callback_url', 'callback_attempts'])
      .execute();
    return rows.map((row) => ({ taskId: row.task_id, callbackUrl: row.callback_url ?? '', attempts: row.callback_attempts }));
  }

  async recordCallbackOutcome(taskId: string, outcome: CallbackOutcome): Promise<void> {
    const common = { callback_attempts: sql<number>`callback_attempts + 1`, callback_lease_until: null };
    const values =
      outcome.kind === 'delivered'
        ? { callback_status: 'delivered' as const, callback_last_error: null, callback_next_attempt_at: null, callback_delivered_at: now() }
        : outcome.kind === 'retry'
          ? { callback_status: 'pending' as const, callback_last_error: redact(outcome.error), callback_next_attempt_at: outcome.nextAttemptAtMs, callback_delivered_at: null }
          : { callback_status: 'failed' as const, callback_last_error: redact(outcome.error), callback_next_attempt_at: null, callback_delivered_at: null };
    await this.db.updateTable('tasks').set({ ...common, ...values }).where('task_id', '=', taskId).execute();
    if (outcome.kind !== 'retry') await this.forgetCredentials(taskId);
  }

  async createUser(user: { username: string; passwordHash: string; role: UserRole }): Promise<UserRecord> {
    const id = newUserId();
    const at = now();
    try {
      await this.db
        .insertInto('users')
        .values({ id, username: user.username, password_hash: user.passwordHash, role: user.role, created_at: at, updated_at: at })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new UserExistsError(user.username);
      throw err;
    }
    return { id, username: user.username, passwordHash: user.passwordHash, role: user.role, createdAt: at, tokenGeneration: 0 };
  }

  async getUserByName(username: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async getUserById(id: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map(toUser);
  }

  async updatePassword(username: string, passwordHash: string): Promise<boolean> {
    const result = await this.db.updateTable('users').set({ password_hash: passwordHash, updated_at: now(), token_generation: sql<number>`token_generation + 1` }).where('username', '=', username).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteUser(username: string): Promise<boolean> {
    const result = await this.db.deleteFrom('users').where('username', '=', username).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async registerAgent(agent: AgentInfo): Promise<void> {
    const at = now();
    const values = {
      hostname: agent.hostname,
      pid: agent.pid,
      version: agent.version,
      concurrency: agent.concurrency,
      commands: JSON.stringify(agent.commands ?? []),
      started_at: at,
      last_heartbeat_at: at,
      status: 'running' as const,
      current_tasks: '[]',
    };
    await this.db
      .insertInto('agents')
      .values({ id: agent.id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }

  async heartbeatAgent(agentId: string, currentTasks: string[]): Promise<void> {
    await this.db
      .updateTable('agents')
      .set({ last_heartbeat_at: now(), current_tasks: JSON.stringify(currentTasks), status: 'running' })
      .where('id', '=', agentId)
      .execute();
  }

  async stopAgent(agentId: string): Promise<void> {
    await this.db.updateTable('agents').set({ status: 'stopped', current_tasks: '[]', last_heartbeat_at: now() }).where('id', '=', agentId).execute();
  }

  async listAgents(): Promise<AgentRecord[]> {
    const rows = await this.db.selectFrom('agents').selectAll().orderBy('started_at', 'desc').execute();
    return rows.map((row) => ({
      id: row.id,
      hostname: row.hostname,
      pid: row.pid,
      version: row.version,
      concurrency: row.concurrency,
      commands: JSON.parse(row.commands) as string[],
      startedAt: row.started_at,
      lastHeartbeatAt: row.last_heartbeat_at,
      status: row.status,
      currentTasks: JSON.parse(row.current_tasks) as string[],
    }));
  }

  /** Removes agents that stopped or stopped heartbeating long ago, so the registry does not grow forever. */
  async pruneAgents(olderThanMs: number): Promise<number> {
    const cutoff = new Date(Date.now() - olderThanMs).toISOString();
    const result = await this.db.deleteFrom('agents').where('last_heartbeat_at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async latestCommandResultTasks(query: CommandResultQuery): Promise<CommandResultRef[]> {
    // command_list is a JSON array of names: the quoted name matches that element only (LIKE's wildcards escaped).
    const pattern = `%${JSON.stringify(commandName(query.command)).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    let latest = this.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('status', '=', 'succeeded')
      .where('results_purged_at', 'is', null)
      .where(sql<boolean>`command_list like ${pattern} escape '\\'`);
    if (query.projectUrl !== undefined) latest = latest.where('project_url', '=', query.projectUrl);
    if (query.finishedSince !== undefined) latest = latest.where('finished_at', '>=', query.finishedSince);
    let select = this.db
      .selectFrom('tasks')
      .select(['seq', 'task_id', 'project_url', 'commit_hash', 'finished_at', 'owner_id', 'task_metadata'])
      .where('seq', 'in', latest.groupBy('project_url'))
      .orderBy('seq', 'desc');
    if (query.limit !== undefined) select = select.limit(query.limit);
    const rows = await select.execute();
    return rows.map(toCommandResultRef);
  }

  async readCommandResults(taskIds: readonly string[], command: string): Promise<StoredCommandResult[]> {
    if (taskIds.length === 0) return [];
    const name = commandName(command);
    // Only the command's part of the body leaves the database: other results (a scancode result is tens of MB)
    // are never sent to or parsed by this process.
    const part =
      this.dialect === 'postgres'
        ? sql<string | null>`(scan_results::json -> ${name})::text`
        : sql<string | null>`json_extract(scan_results, ${`$.${JSON.stringify(name)}`})`;
    const rows = await this.db
      .selectFrom('tasks')
      .select(['seq', 'task_id', 'project_url', 'commit_hash', 'finished_at', 'owner_id', 'task_metadata', 'command_versions', part.as('result')])
      .where('task_id', 'in', [...taskIds])
      .orderBy('seq', 'desc')
      .execute();
    return rows.map((row) => {
      const versions = row.command_versions === null ? {} : (JSON.parse(row.command_versions) as Record<string, number | null>);
      return {
        ...toCommandResultRef(row),
        result: row.result === null ? null : (JSON.parse(row.result) as unknown),
        version: versions[name] ?? null,
      };
    });
  }

  async cacheGet(namespace: string, key: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('cache')
      .select('value')
      .where('namespace', '=', namespace)
      .where('key', '=', key)
      .where('expires_at', '>', Date.now())
      .executeTakeFirst();
    return row?.value ?? null;
  }

  async cacheSet(namespace: string, key: string, value: string, ttlMs: number): Promise<void> {
    const expires = Date.now() + ttlMs;
    await this.db
      .insertInto('cache')
      .values({ namespace, key, value, expires_at: expires })
      .onConflict((oc) => oc.columns(['namespace', 'key']).doUpdateSet({ value, expires_at: expires }))
      .execute();
  }

  async cachePurgeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('cache').where('expires_at', '<=', Date.now()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
