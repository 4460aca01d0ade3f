import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS as SQLITE_MIGRATIONS } from './migrations.js';
import { SqliteStore, migrate, openSqlite } from './sqlite.js';
import { defineStoreContract, newTask } from '../../test/support/store-contract.js';

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
