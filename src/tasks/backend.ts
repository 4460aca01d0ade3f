/**
 * A backend pairs a store with a queue and knows how to submit a task through both so that an accepted task is
 * never lost: the embedded backend writes the task and its queue message in one SQLite transaction.
 */
import { join, resolve } from 'node:path';
import { EmbeddedQueue, type EmbeddedQueueOptions } from '../queue/embedded.js';
import type { TaskMessage, TaskQueue } from '../queue/types.js';
import { startCheckpointer, type Checkpointer } from '../store/checkpointer.js';
import { SqliteStore, openSqlite } from '../store/sqlite.js';
import type { NewTask, Store, TaskRecord } from '../store/types.js';
import type { PostgresStore } from '../store/postgres.js';
import type { RabbitQueue } from '../queue/rabbitmq.js';

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

  private readonly checkpointer: Checkpointer | null;

  constructor(dbPath: string, queueOptions: EmbeddedQueueOptions = {}) {
    const db = openSqlite(dbPath);
    this.store = new SqliteStore(db);
    this.queue = new EmbeddedQueue(db, queueOptions);
    this.checkpointer = dbPath === ':memory:' ? null : startCheckpointer(db, dbPath);
  }

  private pending: { task: NewTask; message: TaskMessage; resolve: (record: TaskRecord) => void; reject: (err: unknown) => void }[] = [];

  /**
   * Group commit: submits that arrive in the same event-loop turn share one transaction (one WAL append and
   * sync instead of one per request). Each caller is answered only after that commit, so "accepted" still
   * means "durable".
   */
  submit(task: NewTask, message: TaskMessage): Promise<TaskRecord> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ task, message, resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    let records: TaskRecord[];
    try {
      records = this.store.sqlite.transaction(() =>
        batch.map(({ task, message }) => {
          const existing = this.store.getTaskSync(task.taskId);
          if (existing) return existing;
          const created = this.store.insertTask(task);
          this.queue.enqueueSync(message);
          return created;
        }),
      )();
    } catch (err) {
      for (const entry of batch) entry.reject(err);
      return;
    }
    this.queue.notify();
    batch.forEach((entry, index) => entry.resolve(records[index] as TaskRecord));
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.checkpointer?.stop();
    await this.store.close();
  }
}

/**
 * Distributed mode: PostgreSQL for tasks and RabbitMQ for dispatch. The task row is written first, then the
 * message is published and confirmed; if the broker does not confirm, the row is removed and the caller gets
 * an error (the API answers 503), so "accepted" always means "stored and queued".
 */
export class DistributedBackend implements Backend {
  readonly kind = 'distributed';

  constructor(
    readonly store: PostgresStore,
    readonly queue: RabbitQueue,
  ) {}

  private pending: { task: NewTask; message: TaskMessage; resolve: (record: TaskRecord) => void; reject: (err: unknown) => void }[] = [];

  /**
   * Group commit, as in the embedded backend: submits arriving in the same event-loop turn share one multi-row
   * insert (one database round trip instead of one each); each message is then published and confirmed on its
   * own, and each caller is answered only after both.
   */
  submit(task: NewTask, message: TaskMessage): Promise<TaskRecord> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ task, message, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, 500);
    if (this.pending.length > 0) setImmediate(() => void this.flush());
    let created: Map<string, TaskRecord>;
    try {
      created = await this.store.insertTasks(batch.map((entry) => entry.task));
    } catch (err) {
      for (const entry of batch) entry.reject(err);
      return;
    }
    await Promise.all(
      batch.map(async ({ task, message, resolve, reject }) => {
        const record = created.get(task.taskId);
        created.delete(task.taskId); // a second submit of one id in the same batch is not published twice
        try {
          // A task id seen before (a retried submit) was queued by its first submit: not published again.
          if (!record) return resolve((await this.store.getTask(task.taskId)) as TaskRecord);
          await this.queue.publish(message);
          resolve(record);
        } catch (err) {
          if (record) await this.store.discardQueuedTask(task.taskId).catch(() => undefined);
          reject(err);
        }
      }),
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.store.close();
  }
}

export function embeddedDatabasePath(dataDir: string): string {
  return join(resolve(dataDir), 'openchecker.db');
}
