/**
 * The embedded database: one SQLite file (WAL) owned by one process, holding tasks, results, callback
 * deliveries, users, agents and — in the same file — the embedded queue, so a task is queued atomically with
 * its creation. The store's queries are the shared Kysely layer (sql-store.ts); this module opens the file,
 * migrates it, and runs those queries through a statement cache.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { MIGRATIONS } from './migrations.js';
import type { Database as Schema } from './schema.js';
import { SqlStore, toTask, type TaskRow } from './sql-store.js';
import type { NewTask, TaskRecord } from './types.js';

export { decodeCursor } from './sql-store.js';

export type SqliteDatabase = Database.Database;

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

/**
 * The database and its -wal/-shm files are readable by their owner only, whatever the umask or the folder's
 * mode: they hold password hashes, results and, until a task is done, its credentials. SQLite creates the
 * -wal and -shm files with the database file's mode, so creating that one 0600 is enough for new files; files
 * of an older installation (0644) are narrowed too.
 */
function restrictFileModes(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

export function openSqlite(path: string): SqliteDatabase {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    restrictFileModes(path);
  }
  const db = new Database(path);
  // Deleted and overwritten content is zeroed, so a credential removed from a row (a task's URLs once it is
  // done, a queue message once acknowledged) does not stay readable in freed pages of the file.
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  // The WAL holds old page images until a checkpoint lets it restart; limit 0 truncates it at that restart, so
  // those images (credentials among them) do not outlive the next checkpoint either.
  db.pragma('journal_size_limit = 0');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** A Kysely instance over an open database, preparing each distinct statement once. */
export function sqliteKysely(db: SqliteDatabase): Kysely<Schema> {
  return new Kysely<Schema>({
    dialect: new SqliteDialect({
      database: {
        prepare: (sql: string) => prepared(db, sql),
        close: () => {
          if (db.open) db.close();
        },
      },
    }),
  });
}

/** Runs pending migrations synchronously (the embedded backend opens its database in a constructor). */
export function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database schema (version ${current}) is newer than this OpenChecker (${MIGRATIONS.length}); upgrade OpenChecker`);
  }
  if (current === MIGRATIONS.length) return;
  // A Kysely instance used only to compile the schema builders; nothing runs through it.
  const compiler = sqliteKysely(db);
  // Each step reads the version inside its write transaction (BEGIN IMMEDIATE): two processes opening a new
  // database at once (two `openchecker check` runs on one cache file) run every migration once between them.
  const step = db.transaction((): boolean => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version >= MIGRATIONS.length) return false;
    const queries = (MIGRATIONS[version] as (typeof MIGRATIONS)[number])(compiler, 'sqlite');
    for (const query of queries) db.prepare(query.sql).run(...(query.parameters as unknown[]));
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one migration per transaction
  }
}

/** Runs a compiled query synchronously (for the embedded backend's group commit inside one transaction). */
function runSync(db: SqliteDatabase, query: CompiledQuery): Database.RunResult {
  return prepared(db, query.sql).run(...(query.parameters as unknown[]));
}
function getSync<T>(db: SqliteDatabase, query: CompiledQuery): T | undefined {
  return prepared(db, query.sql).get(...(query.parameters as unknown[])) as T | undefined;
}

export class SqliteStore extends SqlStore {
  constructor(readonly sqlite: SqliteDatabase) {
    super(sqliteKysely(sqlite), 'sqlite', async () => {
      if (sqlite.open) sqlite.close();
    });
  }

  /** Synchronous insert, so the embedded backend can enqueue in the same transaction. */
  insertTask(task: NewTask): TaskRecord {
    runSync(this.sqlite, this.insertTaskQuery(task).compile());
    return this.getTaskSync(task.taskId) as TaskRecord;
  }

  getTaskSync(taskId: string): TaskRecord | null {
    const row = getSync<TaskRow>(this.sqlite, this.getTaskQuery(taskId).compile());
    return row ? toTask(row) : null;
  }
}
