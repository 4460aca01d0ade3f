import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS as SQLITE_MIGRATIONS } from './migrations.js';
import { SqliteStore, migrate, openSqlite, sqliteKysely } from './sqlite.js';
import { defineStoreContract, newTask } from '../../test/support/store-contract.js';
import { defineResultCacheContract } from '../../test/support/result-cache-contract.js';
import { MemoryResultCacheStore } from '../lib/result-cache/memory.js';

function tempStore(): { store: SqliteStore; path: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'oc-store-'));
  const path = join(dir, 'sub', 'openchecker.db');
  const store = new SqliteStore(openSqlite(path));
  return {
    store,
    path,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('migrations create the schema once; reopening is a no-op and user_version is recorded', async () => {
  const { store, path, cleanup } = tempStore();
  try {
    assert.equal(store.sqlite.pragma('user_version', { simple: true }), SQLITE_MIGRATIONS.length);
    assert.equal(store.sqlite.pragma('journal_mode', { simple: true }), 'wal');
    await store.createTask(newTask({ taskId: 'survivor' }));
    // Migrating again, or opening the same file a second time, changes nothing and keeps the data.
    migrate(store.sqlite);
    const second = new SqliteStore(openSqlite(path));
    try {
      assert.equal(second.sqlite.pragma('user_version', { simple: true }), SQLITE_MIGRATIONS.length);
      assert.equal((await second.getTask('survivor'))?.taskId, 'survivor');
    } finally {
      await second.close();
    }
  } finally {
    await cleanup();
  }
});

test('results stored before checker versions were kept read as null versions after the upgrade', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oc-store-'));
  const path = join(dir, 'old.db');
  // A database at schema 4, the last one without command_versions, holding a finished task.
  const BEFORE_VERSIONS = 4;
  const old = new Database(path);
  const compiler = sqliteKysely(old);
  SQLITE_MIGRATIONS.slice(0, BEFORE_VERSIONS).forEach((migration, index) => {
    for (const query of migration(compiler, 'sqlite')) old.prepare(query.sql).run(...(query.parameters as unknown[]));
    old.pragma(`user_version = ${index + 1}`);
  });
  old
    .prepare('insert into tasks (task_id, status, project_url, command_list, task_metadata, created_at, scan_results) values (?, ?, ?, ?, ?, ?, ?)')
    .run('old-task', 'succeeded', 'https://github.com/acme/demo', '["readme-checker"]', '{}', new Date().toISOString(), '{"readme-checker":{"readme_file":["README.md"]}}');
  old.close();
  const store = new SqliteStore(openSqlite(path));
  try {
    const task = await store.getTask('old-task');
    assert.deepEqual(task?.scanResults, { 'readme-checker': { readme_file: ['README.md'] } });
    assert.deepEqual(task?.commandVersions, { 'readme-checker': null });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database newer than this version is refused', async () => {
  const { store, cleanup } = tempStore();
  try {
    store.sqlite.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`);
    assert.throws(() => migrate(store.sqlite), /newer than this OpenChecker/);
  } finally {
    await cleanup();
  }
});

defineStoreContract('sqlite', async () => {
  const { store, cleanup } = tempStore();
  return { store, cleanup };
});

defineResultCacheContract('sqlite', async () => {
  const { store, cleanup } = tempStore();
  return { cache: store.resultCache, cleanup };
});

defineResultCacheContract('memory', async () => ({ cache: new MemoryResultCacheStore(), cleanup: async () => undefined }));
