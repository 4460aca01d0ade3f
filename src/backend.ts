/**
 * A backend pairs a store with a queue and knows how to submit a task through both so that an accepted task is
 * never lost: the embedded backend writes the task and its queue message in one SQLite transaction.
 */
import { join, resolve } from 'node:path';
import { EmbeddedQueue, type EmbeddedQueueOptions } from './queue/embedded.js';
import type { TaskMessage, TaskQueue } from './queue/types.js';
import { SqliteStore, openSqlite } from './store/sqlite.js';
import type { NewTask, Store, TaskRecord } from './store/types.js';

export interface Backend {
  readonly kind: string;
  readonly store: Store;
  readonly queue: TaskQueue;
  /** Persists the task and queues its message; resolves only when both are durable. */
  submit(task: NewTask, message: TaskMessage): Promise<TaskRecord>;
  close(): Promise<void>;
}

export class EmbeddedBackend implements Backend {
  readonly kind = 'embedded';
  readonly store: SqliteStore;
  readonly queue: EmbeddedQueue;

  constructor(dbPath: string, queueOptions: EmbeddedQueueOptions = {}) {
    const db = openSqlite(dbPath);
    this.store = new SqliteStore(db);
    this.queue = new EmbeddedQueue(db, queueOptions);
  }

  async submit(task: NewTask, message: TaskMessage): Promise<TaskRecord> {
    const record = this.store.db.transaction(() => {
      const existing = this.store.getTaskSync(task.taskId);
      if (existing) return existing;
      const created = this.store.insertTask(task);
      this.queue.enqueueSync(message);
      return created;
    })();
    this.queue.notify();
    return record;
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.store.close();
  }
}

export function embeddedDatabasePath(dataDir: string): string {
  return join(resolve(dataDir), 'openchecker.db');
}
