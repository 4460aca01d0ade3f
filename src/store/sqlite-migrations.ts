/**
 * Versioned schema of the embedded SQLite database. Each entry runs once, in order, inside a transaction;
 * PRAGMA user_version records how far a database has come. Never edit a released entry: append a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: tasks with results and callback delivery state, users, agents, the embedded queue.
  `
  CREATE TABLE tasks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'dead_lettered')),
    project_url TEXT NOT NULL,
    command_list TEXT NOT NULL,
    task_metadata TEXT NOT NULL,
    commit_hash TEXT,
    callback_url TEXT,
    submitted_by TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    agent TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    scan_results TEXT,
    callback_status TEXT NOT NULL DEFAULT 'none' CHECK (callback_status IN ('none', 'pending', 'delivered', 'failed')),
    callback_attempts INTEGER NOT NULL DEFAULT 0,
    callback_last_error TEXT,
    callback_next_attempt_at INTEGER,
    callback_lease_until INTEGER,
    callback_delivered_at TEXT
  );
  CREATE INDEX tasks_by_status ON tasks (status, seq);
  CREATE INDEX tasks_callbacks_due ON tasks (callback_status, callback_next_attempt_at);

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    hostname TEXT NOT NULL,
    pid INTEGER NOT NULL,
    version TEXT NOT NULL,
    concurrency INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    last_heartbeat_at TEXT NOT NULL,
    status TEXT NOT NULL,
    current_tasks TEXT NOT NULL DEFAULT '[]'
  );

  CREATE TABLE queue_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    queue TEXT NOT NULL CHECK (queue IN ('opencheck', 'dead_letters')),
    task_id TEXT,
    body TEXT NOT NULL,
    deliveries INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until INTEGER,
    dead_reason TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX queue_ready ON queue_messages (queue, lease_until, id);
  `,
  // 2: claims walk the queue in id order instead of sorting every waiting message on each claim.
  `
  CREATE INDEX queue_by_id ON queue_messages (queue, id);
  `,
];
