/**
 * The distributed store: PostgreSQL through the shared Kysely layer (sql-store.ts), so several `serve`
 * replicas and many agents share tasks, results, users, the agent registry and the service cache. The pool
 * replaces broken connections by itself, so a database restart costs failed requests, not a restart of ours.
 */
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { MIGRATIONS } from './migrations.js';
import type { Database } from './schema.js';
import { SqlStore, taskRow, toTask } from './sql-store.js';
import type { NewTask, TaskRecord } from './types.js';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Pool size per process. */
  maxConnections?: number;
  /** Time limit of one statement (server side), so a stuck query cannot hang a request or a task. */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
}

/** int8 (COUNT(*), bigint ids and epoch-ms columns) as numbers: every value we store fits in 2^53. */
const INT8_OID = 20;
const parseInt8 = (value: string): number => Number(value);
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID ? parseInt8 : (pg.types.getTypeParser(oid, format ?? 'text') as unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

export class PostgresStore extends SqlStore {
  constructor(readonly pool: pg.Pool) {
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    super(db, 'postgres', () => db.destroy());
  }

  /** Inserts tasks in one statement; returns those it created (ids already taken are left out). */
  async insertTasks(tasks: readonly NewTask[]): Promise<Map<string, TaskRecord>> {
    if (tasks.length === 0) return new Map();
    const rows = await this.db
      .insertInto('tasks')
      .values(tasks.map((task) => taskRow(task)))
      .onConflict((oc) => oc.column('task_id').doNothing())
      .returningAll()
      .execute();
    return new Map(rows.map((row) => [row.task_id, toTask(row)]));
  }
}

/** Opens a pool, applies pending migrations (one process at a time, under an advisory lock) and returns the store. */
export async function openPostgres(options: PostgresOptions): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    idleTimeoutMillis: 30_000,
    types: typeParsers,
    application_name: 'openchecker',
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener that kills the process.
  pool.on('error', () => undefined);
  // Likewise a checked-out client whose connection drops emits 'error' besides failing its query; the query's
  // rejection is what callers handle.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const store = new PostgresStore(pool);
  try {
    await migratePostgres(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/** Arbitrary constant naming the migration lock among the application's advisory locks. */
const MIGRATION_LOCK = 0x0c0c_7a5c;

export async function migratePostgres(store: PostgresStore): Promise<number> {
  const { db } = store;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`create table if not exists schema_migrations (version integer primary key, applied_at text not null)`.execute(trx);
    const row = await sql<{ version: number | null }>`select max(version) as version from schema_migrations`.execute(trx);
    const current = row.rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(`the database schema (version ${current}) is newer than this OpenChecker (${MIGRATIONS.length}); upgrade OpenChecker`);
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
      const queries = (MIGRATIONS[version] as (typeof MIGRATIONS)[number])(db, 'postgres');
      for (const query of queries) await trx.executeQuery(query);
      await sql`insert into schema_migrations (version, applied_at) values (${version + 1}, ${new Date().toISOString()})`.execute(trx);
    }
    return MIGRATIONS.length;
  });
}
