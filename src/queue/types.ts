/**
 * The queue interface: publish task messages, consume them with manual acknowledgement. The embedded queue
 * (SQLite, one process) and the RabbitMQ queue implement it. Delivery is at least once: handlers must be
 * idempotent by task id.
 */

/** The wire message: upstream's keys, plus `task_id` (absent in messages published by the Python version). */
export interface TaskMessage {
  command_list: string[];
  project_url: string;
  commit_hash: string | null;
  access_token: string | null;
  callback_url: string | null;
  task_metadata: Record<string, unknown>;
  task_id?: string;
  /** Ours: run every command even when a stored result could be reused (absent: reuse allowed). */
  fresh?: boolean;
}

/** A message as we write it: every upstream key and the task id; `fresh` only when set. */
export type QueuedTaskMessage = Required<Omit<TaskMessage, 'fresh'>> & Pick<TaskMessage, 'fresh'>;

export interface Delivery {
  /** The raw body as received (it may not be valid JSON: poison messages are rejected, not crashed on). */
  readonly body: string;
  /** How many times this message has been delivered, including this time (1 = first). */
  readonly deliveryCount: number;
  /** Done: remove the message. */
  ack(): Promise<void>;
  /** Cannot be processed: move it to dead letters with a reason. */
  reject(reason: string): Promise<void>;
  /** Hand the message back for another consumer (e.g. at shutdown); does not count as an attempt. */
  release(): Promise<void>;
}

export type DeliveryHandler = (delivery: Delivery, signal: AbortSignal) => Promise<void>;

export interface Consumer {
  /**
   * Stops taking new messages and waits up to `graceMs` for running handlers; handlers still running then are
   * aborted (their signal fires) and must release their message.
   */
  stop(graceMs: number): Promise<void>;
  /** Task ids (or delivery tags) currently being handled. */
  inFlight(): number;
}

export interface QueueStats {
  /** Messages waiting to be consumed. */
  ready: number;
  /** Messages delivered and not yet acknowledged; null where the broker does not say (AMQP's queue check). */
  unacked: number | null;
  deadLetters: number;
  /** Consumers attached to the work queue, where known. */
  consumers?: number;
}

/** A message in the dead-letter queue, as operators see it. */
export interface DeadLetter {
  /** The task id (message id or body `task_id`); null for bodies that carry none (poison or upstream format). */
  taskId: string | null;
  /** Why it was dead-lettered, when recorded. */
  reason: string | null;
  body: string;
  deadLetteredAt: string | null;
}

export interface TaskQueue {
  /** Resolves once the message is durably stored by the queue; rejects otherwise (the API then answers 503). */
  publish(message: TaskMessage): Promise<void>;
  consume(handler: DeliveryHandler, options: { concurrency: number; consumerTag: string }): Promise<Consumer>;
  stats(): Promise<QueueStats>;
  /** Up to `limit` dead letters, oldest first, without removing them. */
  listDeadLetters(limit: number): Promise<DeadLetter[]>;
  /**
   * Moves the dead letters `select` picks back to the work queue, calling `beforeRequeue` for each first (the
   * caller resets the task's row there, so the agent does not take it for a finished task). Returns those moved.
   */
  requeueDeadLetters(select: (letter: DeadLetter) => boolean, beforeRequeue: (letter: DeadLetter) => Promise<void>): Promise<DeadLetter[]>;
  /** Deletes every dead letter; returns how many. */
  purgeDeadLetters(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
