/**
 * Versioned schema for both databases, written once with Kysely's schema builder and compiled per dialect, so
 * SQLite and PostgreSQL hold the same tables. Each entry runs once, in order, in a transaction; SQLite records
 * progress in PRAGMA user_version (as the first embedded releases did), PostgreSQL in `schema_migrations`.
 * Never edit a released entry: append a new one.
 */
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database, SqlDialect } from './schema.js';

type Migration = (db: Kysely<Database>, dialect: SqlDialect) => CompiledQuery[];

const TASK_STATUSES_SQL = sql`status in ('queued', 'running', 'succeeded', 'failed', 'dead_lettered')`;
const CALLBACK_STATUSES_SQL = sql`callback_status in ('none', 'pending', 'delivered', 'failed')`;

export const MIGRATIONS: readonly Migration[] = [
  // 1: tasks with results and callback delivery state, users, agents, the embedded queue (SQLite only).
  (db, dialect) => {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    const queries: CompiledQuery[] = [
      db.schema
        .createTable('tasks')
        .ifNotExists()
        .addColumn('seq', big, (c) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
        .addColumn('task_id', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull().check(TASK_STATUSES_SQL))
        .addColumn('project_url', 'text', (c) => c.notNull())
        .addColumn('command_list', 'text', (c) => c.notNull())
        .addColumn('task_metadata', 'text', (c) => c.notNull())
        .addColumn('commit_hash', 'text')
        .addColumn('callback_url', 'text')
        .addColumn('submitted_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('agent', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .addColumn('scan_results', 'text')
        .addColumn('callback_status', 'text', (c) => c.notNull().defaultTo('none').check(CALLBACK_STATUSES_SQL))
        .addColumn('callback_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('callback_last_error', 'text')
        .addColumn('callback_next_attempt_at', big)
        .addColumn('callback_lease_until', big)
        .addColumn('callback_delivered_at', 'text')
        .compile(),
      db.schema.createIndex('tasks_by_status').ifNotExists().on('tasks').columns(['status', 'seq']).compile(),
      db.schema.createIndex('tasks_callbacks_due').ifNotExists().on('tasks').columns(['callback_status', 'callback_next_attempt_at']).compile(),
      db.schema
        .createTable('users')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'user')`))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .compile(),
      db.schema
        .createTable('agents')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hostname', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('concurrency', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('last_heartbeat_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('current_tasks', 'text', (c) => c.notNull().defaultTo('[]'))
        .compile(),
    ];
    if (dialect === 'sqlite') {
      queries.push(
        db.schema
          .createTable('queue_messages')
          .ifNotExists()
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          .addColumn('queue', 'text', (c) => c.notNull().check(sql`queue in ('opencheck', 'dead_letters')`))
          .addColumn('task_id', 'text')
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('deliveries', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('lease_owner', 'text')
          .addColumn('lease_until', 'integer')
          .addColumn('dead_reason', 'text')
          .addColumn('created_at', 'integer', (c) => c.notNull())
          .compile(),
        db.schema.createIndex('queue_ready').ifNotExists().on('queue_messages').columns(['queue', 'lease_until', 'id']).compile(),
      );
    }
    return queries;
  },
  // 2: embedded queue claims walk the queue in id order instead of sorting every waiting message per claim.
  (db, dialect) => (dialect === 'sqlite' ? [db.schema.createIndex('queue_by_id').ifNotExists().on('queue_messages').columns(['queue', 'id']).compile()] : []),
  // 3: agents report the commands they can run; a cache of external-service answers shared across tasks.
  (db, dialect) => [
    db.schema.alterTable('agents').addColumn('commands', 'text', (c) => c.notNull().defaultTo('[]')).compile(),
    db.schema
      .createTable('cache')
      .addColumn('namespace', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('expires_at', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('cache_pk', ['namespace', 'key'])
      .compile(),
    db.schema.createIndex('cache_expiry').on('cache').column('expires_at').compile(),
  ],
  // 4: dead-lettered tasks listed newest first without a scan.
  (db) => [db.schema.createIndex('tasks_by_finish').on('tasks').columns(['status', 'finished_at']).compile()],
  // 5: the checker version behind each command's result, kept as it was when the task ran. Rows finished
  // before this migration keep NULL and read as unknown versions.
  (db) => [db.schema.alterTable('tasks').addColumn('command_versions', 'text').compile()],
  // 6: tenants. A task belongs to the user id that submitted it (NULL: a queue message from the Python main, or a
  // row from before this migration; both are visible to admins only). Retention records when a task's results
  // were purged. Indexes: one owner's tasks newest first (listing, the per-minute quota) and their unfinished
  // ones (the queued-task quota); terminal tasks whose results are still kept, oldest first (the purge).
  (db) => [
    db.schema.alterTable('tasks').addColumn('owner_id', 'text').compile(),
    db.schema.alterTable('tasks').addColumn('results_purged_at', 'text').compile(),
    db.schema.createIndex('tasks_by_owner').on('tasks').columns(['owner_id', 'seq']).compile(),
    db.schema.createIndex('tasks_owner_open').on('tasks').columns(['owner_id', 'status']).compile(),
    db.schema.createIndex('tasks_results_kept').on('tasks').columns(['status', 'results_purged_at', 'finished_at']).compile(),
  ],
  // 7: secrets. Each user's token generation: an access token carries the generation it was issued under and a
  // password change increments it, so the tokens issued before stop working. Users from before start at 0, as do
  // tokens issued before (they carry none).
  (db) => [db.schema.alterTable('users').addColumn('token_generation', 'integer', (c) => c.notNull().defaultTo(0)).compile()],
  // 8: the shared result cache. Per-file facts keyed by kind and blob key, per-command results keyed by a hash of
  // what they depend on, both with size and last use for eviction (oldest first: the used_at indexes); hit, miss
  // and write totals by kind; and the tasks whose results reused stored ones say from which task.
  (db, dialect) => {
    const big = dialect === 'postgres' ? 'bigint' : 'integer';
    return [
      db.schema
        .createTable('file_facts')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('bytes', big, (c) => c.notNull())
        .addColumn('used_at', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('file_facts_pk', ['kind', 'key'])
        .compile(),
      db.schema.createIndex('file_facts_by_use').on('file_facts').column('used_at').compile(),
      db.schema
        .createTable('command_results')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('command', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('bytes', big, (c) => c.notNull())
        .addColumn('created_at', big, (c) => c.notNull())
        .addColumn('used_at', big, (c) => c.notNull())
        .compile(),
      db.schema.createIndex('command_results_by_use').on('command_results').column('used_at').compile(),
      db.schema
        .createTable('cache_counters')
        .addColumn('kind', 'text', (c) => c.primaryKey())
        .addColumn('hits', big, (c) => c.notNull().defaultTo(0))
        .addColumn('misses', big, (c) => c.notNull().defaultTo(0))
        .addColumn('writes', big, (c) => c.notNull().defaultTo(0))
        .compile(),
      db.schema.alterTable('tasks').addColumn('reused_from', 'text').compile(),
    ];
  },
];
