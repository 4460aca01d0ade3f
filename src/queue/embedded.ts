/**
 * The embedded queue: messages live in the SQLite database next to the tasks. A consumer leases a message
 * (renewing the lease while it works); ack deletes it, reject moves it to `dead_letters`, release hands it back.
 * A lease left behind by a killed process expires, so the message is delivered again: nothing is lost.
 */
import { EventEmitter } from 'node:events';
import type { Statement } from 'better-sqlite3';
import { prepared, type SqliteDatabase } from '../store/sqlite.js';
import { stringField } from './body.js';
import type { Consumer, DeadLetter, Delivery, DeliveryHandler, QueueStats, TaskMessage, TaskQueue } from './types.js';

const RETRY_DELAY_MS = 1000;

interface MessageRow {
  id: number;
  body: string;
  deliveries: number;
}

interface DeadRow {
  task_id: string | null;
  body: string;
  dead_reason: string | null;
  lease_until: number | null;
}

function deadLetterOf(row: DeadRow): DeadLetter {
  const taskId = row.task_id ?? stringField(row.body, 'task_id');
  return { taskId, reason: row.dead_reason, body: row.body, deadLetteredAt: row.lease_until === null ? null : new Date(row.lease_until).toISOString() };
}

export interface EmbeddedQueueOptions {
  /** How long a delivery stays leased without renewal. */
  leaseMs?: number;
  /** Poll interval when idle (new messages from this process wake consumers at once). */
  pollMs?: number;
}

export class EmbeddedQueue implements TaskQueue {
  private readonly wake = new EventEmitter();
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private closed = false;

  constructor(
    private readonly db: SqliteDatabase,
    options: EmbeddedQueueOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 500;
    this.wake.setMaxListeners(0);
  }

  private sql(text: string): Statement {
    return prepared(this.db, text);
  }

  /**
   * One process owns the database, so at start-up every lease belongs to a process that is gone (killed, or
   * crashed mid-task): hand those messages back now instead of waiting for the leases to expire.
   */
  recoverOrphanedLeases(): number {
    return this.sql(`UPDATE queue_messages SET lease_owner = NULL, lease_until = NULL WHERE queue = 'opencheck' AND lease_until IS NOT NULL`).run()
      .changes;
  }

  /** Inserts a message synchronously, so callers can enqueue inside their own transaction. */
  enqueueSync(message: TaskMessage): void {
    if (this.closed) throw new Error('the queue is closed');
    this.sql(`INSERT INTO queue_messages (queue, task_id, body, created_at) VALUES ('opencheck', ?, ?, ?)`)
      .run(message.task_id ?? null, JSON.stringify(message), Date.now());
  }

  /** Tells this process's consumers that a message is waiting (after the enclosing transaction committed). */
  notify(): void {
    this.wake.emit('message');
  }

  async publish(message: TaskMessage): Promise<void> {
    this.enqueueSync(message);
    this.notify();
  }

  /** Adds a raw body (e.g. from another client) exactly as given; used by tests of poison-message handling. */
  async publishRaw(body: string): Promise<void> {
    this.sql(`INSERT INTO queue_messages (queue, task_id, body, created_at) VALUES ('opencheck', NULL, ?, ?)`).run(body, Date.now());
    this.notify();
  }

  async stats(): Promise<QueueStats> {
    const row = this.sql(
        `SELECT
           SUM(CASE WHEN queue = 'opencheck' AND (lease_until IS NULL OR lease_until < @now) THEN 1 ELSE 0 END) AS ready,
           SUM(CASE WHEN queue = 'opencheck' AND lease_until >= @now THEN 1 ELSE 0 END) AS unacked,
           SUM(CASE WHEN queue = 'dead_letters' THEN 1 ELSE 0 END) AS dead
         FROM queue_messages`,
      )
      .get({ now: Date.now() }) as { ready: number | null; unacked: number | null; dead: number | null };
    return { ready: row.ready ?? 0, unacked: row.unacked ?? 0, deadLetters: row.dead ?? 0 };
  }

  async listDeadLetters(limit: number): Promise<DeadLetter[]> {
    const rows = this.sql(`SELECT task_id, body, dead_reason, lease_until FROM queue_messages WHERE queue = 'dead_letters' ORDER BY id LIMIT ?`)
      .all(limit) as DeadRow[];
    return rows.map(deadLetterOf);
  }

  async requeueDeadLetters(select: (letter: DeadLetter) => boolean, beforeRequeue: (letter: DeadLetter) => Promise<void>): Promise<DeadLetter[]> {
    const rows = this.sql(`SELECT id, task_id, body, dead_reason, lease_until FROM queue_messages WHERE queue = 'dead_letters' ORDER BY id`)
      .all() as (DeadRow & { id: number })[];
    const moved: DeadLetter[] = [];
    for (const row of rows) {
      const letter = deadLetterOf(row);
      if (!select(letter)) continue;
      await beforeRequeue(letter);
      this.sql(`UPDATE queue_messages SET queue = 'opencheck', dead_reason = NULL, deliveries = 0, lease_owner = NULL, lease_until = NULL WHERE id = ?`)
        .run(row.id);
      moved.push(letter);
    }
    if (moved.length > 0) this.notify();
    return moved;
  }

  async purgeDeadLetters(): Promise<number> {
    return this.sql(`DELETE FROM queue_messages WHERE queue = 'dead_letters'`).run().changes;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('the queue is closed');
    this.sql('SELECT 1 FROM queue_messages LIMIT 1').get();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake.emit('message');
  }

  async consume(handler: DeliveryHandler, options: { concurrency: number; consumerTag: string }): Promise<Consumer> {
    return new EmbeddedConsumer(this, handler, options.concurrency, options.consumerTag);
  }

  /** Leases the oldest available message to `owner`, counting the delivery. */
  claim(owner: string): MessageRow | null {
    const nowMs = Date.now();
    const row = this.sql(
        `UPDATE queue_messages SET lease_owner = @owner, lease_until = @until, deliveries = deliveries + 1
         WHERE id = (SELECT id FROM queue_messages WHERE queue = 'opencheck' AND (lease_until IS NULL OR lease_until < @now) ORDER BY id LIMIT 1)
         RETURNING id, body, deliveries`,
      )
      .get({ owner, until: nowMs + this.leaseMs, now: nowMs }) as MessageRow | undefined;
    return row ?? null;
  }

  renew(id: number, owner: string): void {
    this.sql('UPDATE queue_messages SET lease_until = ? WHERE id = ? AND lease_owner = ?').run(Date.now() + this.leaseMs, id, owner);
  }

  ack(id: number): void {
    this.sql('DELETE FROM queue_messages WHERE id = ?').run(id);
  }

  reject(id: number, reason: string): void {
    // In dead_letters a lease means nothing; lease_until keeps the time the message was dead-lettered.
    this.sql(`UPDATE queue_messages SET queue = 'dead_letters', dead_reason = ?, lease_owner = NULL, lease_until = ? WHERE id = ?`)
      .run(reason.slice(0, 2000), Date.now(), id);
  }

  /** Back to the queue after `delayMs`, keeping the delivery count. */
  retryLater(id: number, delayMs: number): void {
    this.sql('UPDATE queue_messages SET lease_owner = NULL, lease_until = ? WHERE id = ?').run(Date.now() + delayMs, id);
  }

  release(id: number): void {
    this.sql('UPDATE queue_messages SET lease_owner = NULL, lease_until = NULL, deliveries = MAX(deliveries - 1, 0) WHERE id = ?')
      .run(id);
    this.notify();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get leaseRenewMs(): number {
    return Math.max(50, Math.floor(this.leaseMs / 3));
  }

  waitForWork(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake.off('message', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake.once('message', done);
    });
  }

  get pollInterval(): number {
    return this.pollMs;
  }
}

class EmbeddedConsumer implements Consumer {
  private running = true;
  private stopRequested!: () => void;
  /** Settles when stop() is called, so a loop waiting for a free slot wakes up. */
  private readonly stopped = new Promise<void>((resolve) => {
    this.stopRequested = resolve;
  });
  private readonly active = new Map<number, { promise: Promise<void>; controller: AbortController }>();
  private readonly loop: Promise<void>;

  constructor(
    private readonly queue: EmbeddedQueue,
    private readonly handler: DeliveryHandler,
    private readonly concurrency: number,
    private readonly tag: string,
  ) {
    this.loop = this.run();
  }

  inFlight(): number {
    return this.active.size;
  }

  private async run(): Promise<void> {
    while (this.running && !this.queue.isClosed) {
      if (this.active.size >= this.concurrency) {
        await Promise.race([this.stopped, ...[...this.active.values()].map((entry) => entry.promise)]);
        continue;
      }
      let row: MessageRow | null = null;
      try {
        row = this.queue.claim(this.tag);
      } catch {
        row = null; // database busy or closing: try again after the poll interval
      }
      if (!row) {
        await this.queue.waitForWork(this.queue.pollInterval);
        continue;
      }
      this.start(row);
    }
  }

  private start(row: MessageRow): void {
    const controller = new AbortController();
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
    };
    const delivery: Delivery = {
      body: row.body,
      deliveryCount: row.deliveries,
      ack: async () => settle(() => this.queue.ack(row.id)),
      reject: async (reason) => settle(() => this.queue.reject(row.id, reason)),
      release: async () => settle(() => this.queue.release(row.id)),
    };
    const renewal = setInterval(() => {
      try {
        this.queue.renew(row.id, this.tag);
      } catch {
        // the lease simply expires and the message is redelivered
      }
    }, this.queue.leaseRenewMs);
    // A handler that throws (or returns without deciding) gets the message back after a pause, and the
    // delivery still counts: a message that always breaks its handler reaches the delivery limit instead of
    // spinning.
    const retry = (): void => settle(() => this.queue.retryLater(row.id, RETRY_DELAY_MS));
    const promise = this.handler(delivery, controller.signal)
      .then(retry, retry)
      .finally(() => {
        clearInterval(renewal);
        this.active.delete(row.id);
      });
    this.active.set(row.id, { promise, controller });
  }

  async stop(graceMs: number): Promise<void> {
    this.running = false;
    this.stopRequested();
    this.queue.notify();
    await this.loop;
    const pending = [...this.active.values()];
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([Promise.all(pending.map((entry) => entry.promise)).then(() => 'done' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      for (const entry of this.active.values()) entry.controller.abort(new Error('the agent is shutting down'));
      await Promise.all([...this.active.values()].map((entry) => entry.promise));
    }
  }
}
