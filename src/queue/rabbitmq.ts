/**
 * The RabbitMQ queue (amqplib): the layout of contract.md (`opencheck` with the dead-letter arguments,
 * `dead_letters`), made durable; persistent messages; publisher confirms; manual acks with prefetch =
 * concurrency; heartbeats; reconnection with capped, jittered backoff. A delivery is acked only on the channel
 * it came from and only while that channel lives: after a reconnect the broker redelivers the message and the
 * agent, idempotent by task id, acks it without running the task again.
 */
import { EventEmitter } from 'node:events';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, type GetMessage } from 'amqplib';
import type { Logger } from '../lib/log.js';
import { stringField } from './body.js';
import { DEAD_LETTER_QUEUE, WORK_QUEUE } from './names.js';
import type { Consumer, DeadLetter, Delivery, DeliveryHandler, QueueStats, TaskMessage, TaskQueue } from './types.js';

export { DEAD_LETTER_QUEUE, WORK_QUEUE };
/** Upstream's arguments, kept exactly so Python clients and ours agree on the queue. */
export const WORK_QUEUE_ARGUMENTS = { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': DEAD_LETTER_QUEUE } as const;
/** Why a message was dead-lettered, set when we move it ourselves (RabbitMQ's own x-death only says "rejected"). */
export const REASON_HEADER = 'x-openchecker-reason';
export const DEAD_AT_HEADER = 'x-openchecker-dead-lettered-at';

export interface RabbitQueueOptions {
  url: string;
  heartbeatS: number;
  log: Logger;
  /** Time limit for a connection attempt and for a publisher confirm. */
  timeoutMs?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
}

/** The broker cannot take the message now (no connection, or no confirm): the API answers 503. */
export class QueueUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueUnavailableError';
  }
}

/** What the queue layout looks like on the broker. */
export type Layout = 'durable' | 'legacy';

interface ConsumerState {
  handler: DeliveryHandler;
  concurrency: number;
  consumerTag: string;
  channel: Channel | null;
  stopping: boolean;
  active: Map<number, { controller: AbortController; done: Promise<void> }>;
}

let nextDeliveryId = 0;

export class RabbitQueue implements TaskQueue {
  private connection: ChannelModel | null = null;
  private publishChannel: ConfirmChannel | null = null;
  private readonly consumers = new Set<ConsumerState>();
  /** Correlation ids of publishes the broker returned as unroutable, until their confirm arrives. */
  private readonly returned = new Set<string>();
  private closed = false;
  private reconnectDelay: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private connecting: Promise<void> | null = null;
  /** `legacy` when the queues existed with other settings (e.g. declared non-durable by the Python version). */
  layout: Layout = 'durable';
  readonly events = new EventEmitter();

  private constructor(private readonly options: RabbitQueueOptions) {
    this.reconnectDelay = options.reconnectInitialMs ?? 500;
  }

  /** Connects and declares the queues; fails if the broker cannot be reached now. */
  static async connect(options: RabbitQueueOptions): Promise<RabbitQueue> {
    const queue = new RabbitQueue(options);
    await queue.open();
    return queue;
  }

  /**
   * Connects in the background, retrying until the broker answers (agents may start before it does). Use for
   * long-running processes; `connect` for commands that should fail fast.
   */
  static start(options: RabbitQueueOptions): RabbitQueue {
    const queue = new RabbitQueue(options);
    queue.open().catch((err: unknown) => {
      options.log.warn({ err: describe(err) }, 'RabbitMQ not reachable yet; retrying');
      queue.scheduleReconnect();
    });
    return queue;
  }

  get connected(): boolean {
    return this.connection !== null && this.publishChannel !== null;
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 10_000;
  }

  private connectionUrl(): string {
    const url = new URL(this.options.url);
    if (!url.searchParams.has('heartbeat')) url.searchParams.set('heartbeat', String(this.options.heartbeatS));
    return url.toString();
  }

  private async open(): Promise<void> {
    if (this.connecting) return this.connecting;
    this.connecting = (async () => {
      const connection = await amqp.connect(this.connectionUrl(), { timeout: this.timeoutMs, clientProperties: { connection_name: 'openchecker' } });
      connection.on('error', (err: unknown) => this.options.log.warn({ err: describe(err) }, 'RabbitMQ connection error'));
      connection.on('close', () => this.onConnectionLost(connection));
      connection.on('blocked', (reason: unknown) => this.options.log.warn({ reason }, 'RabbitMQ blocked the connection (resource alarm)'));
      try {
        this.layout = await declareTopology(connection, this.options.log);
        const publishChannel = await connection.createConfirmChannel();
        publishChannel.on('error', (err: unknown) => this.options.log.warn({ err: describe(err) }, 'RabbitMQ publish channel error'));
        publishChannel.on('return', (message: { properties: { correlationId?: unknown } }) => {
          if (typeof message.properties.correlationId === 'string') this.returned.add(message.properties.correlationId);
        });
        publishChannel.on('close', () => {
          if (this.publishChannel === publishChannel) this.publishChannel = null;
          // A channel closed by the broker on a live connection: reopen it with the connection's cycle.
          if (!this.closed && this.connection === connection) void connection.close().catch(() => undefined);
        });
        this.connection = connection;
        this.publishChannel = publishChannel;
        for (const consumer of this.consumers) if (!consumer.stopping) await this.subscribe(consumer);
      } catch (err) {
        await connection.close().catch(() => undefined);
        throw err;
      }
      this.reconnectDelay = this.options.reconnectInitialMs ?? 500;
      this.options.log.info({ layout: this.layout }, 'connected to RabbitMQ');
      this.events.emit('connected');
    })();
    try {
      await this.connecting;
    } finally {
      this.connecting = null;
    }
  }

  private onConnectionLost(connection: ChannelModel): void {
    if (this.connection !== connection && this.connection !== null) return;
    this.connection = null;
    this.publishChannel = null;
    for (const consumer of this.consumers) consumer.channel = null;
    if (this.closed) return;
    this.options.log.warn('lost the RabbitMQ connection; reconnecting');
    this.events.emit('disconnected');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const max = this.options.reconnectMaxMs ?? 30_000;
    // Full jitter: many agents losing one broker must not reconnect in lockstep.
    const delay = Math.round(this.reconnectDelay / 2 + Math.random() * (this.reconnectDelay / 2));
    this.reconnectDelay = Math.min(max, this.reconnectDelay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open().catch((err: unknown) => {
        this.options.log.warn({ err: describe(err), retryInMs: this.reconnectDelay }, 'RabbitMQ reconnect failed');
        this.scheduleReconnect();
      });
    }, delay);
  }

  async publish(message: TaskMessage): Promise<void> {
    await this.publishRaw(Buffer.from(JSON.stringify(message)), WORK_QUEUE, {
      messageId: message.task_id,
    });
  }

  /** Publishes and waits for the broker's confirm; rejects with QueueUnavailableError otherwise. */
  publishRaw(body: Buffer, queue: string, extra: { messageId?: string | undefined; headers?: Record<string, unknown> }): Promise<void> {
    const channel = this.publishChannel;
    if (!channel || this.closed) return Promise.reject(new QueueUnavailableError('RabbitMQ is not connected'));
    // `mandatory`: a message no queue takes (the queue was deleted) comes back as basic.return, which the
    // broker sends before its confirm; without it the broker would confirm and drop the message.
    const correlationId = `oc-${++nextDeliveryId}`;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new QueueUnavailableError(`RabbitMQ did not confirm within ${this.timeoutMs} ms`)), this.timeoutMs);
      const onClose = (): void => {
        clearTimeout(timer);
        reject(new QueueUnavailableError('the RabbitMQ channel closed before the broker confirmed'));
      };
      channel.once('close', onClose);
      try {
        channel.sendToQueue(
          queue,
          body,
          {
            persistent: true,
            mandatory: true,
            correlationId,
            contentType: 'application/json',
            ...(extra.messageId ? { messageId: extra.messageId } : {}),
            ...(extra.headers ? { headers: extra.headers } : {}),
          },
          (err: unknown) => {
            clearTimeout(timer);
            channel.removeListener('close', onClose);
            const returned = this.returned.delete(correlationId);
            if (err) reject(new QueueUnavailableError(`RabbitMQ refused the message: ${describe(err)}`));
            else if (returned) reject(new QueueUnavailableError(`no queue "${queue}" took the message (was it deleted?)`));
            else resolve();
          },
        );
      } catch (err) {
        clearTimeout(timer);
        channel.removeListener('close', onClose);
        reject(new QueueUnavailableError(`publish failed: ${describe(err)}`));
      }
    });
  }

  async consume(handler: DeliveryHandler, options: { concurrency: number; consumerTag: string }): Promise<Consumer> {
    const state: ConsumerState = {
      handler,
      concurrency: options.concurrency,
      consumerTag: options.consumerTag,
      channel: null,
      stopping: false,
      active: new Map(),
    };
    this.consumers.add(state);
    if (this.connection) await this.subscribe(state);
    return {
      inFlight: () => state.active.size,
      stop: (graceMs: number) => this.stopConsumer(state, graceMs),
    };
  }

  /** Opens the consumer's channel on the current connection and starts consuming. */
  private async subscribe(state: ConsumerState): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    const channel = await connection.createConfirmChannel();
    channel.on('error', (err: unknown) => this.options.log.warn({ err: describe(err) }, 'RabbitMQ consumer channel error'));
    channel.on('close', () => {
      if (state.channel === channel) state.channel = null;
    });
    await channel.prefetch(state.concurrency);
    state.channel = channel;
    await channel.consume(
      WORK_QUEUE,
      (message) => {
        if (message === null) {
          // The broker cancelled us (queue deleted, e.g. during `queue migrate`): resubscribe shortly.
          this.options.log.warn('RabbitMQ cancelled the consumer; resubscribing');
          state.channel = null;
          void channel.close().catch(() => undefined);
          setTimeout(() => {
            if (!state.stopping && !this.closed) this.subscribe(state).catch(() => this.scheduleReconnect());
          }, 1000).unref();
          return;
        }
        this.dispatch(state, channel, message);
      },
      { noAck: false, consumerTag: `${state.consumerTag}-${++nextDeliveryId}` },
    );
  }

  private dispatch(state: ConsumerState, channel: ConfirmChannel, message: ConsumeMessage): void {
    const id = ++nextDeliveryId;
    const controller = new AbortController();
    let settled = false;
    // Acks go to the channel the message came from, and only while it lives: a message on a dead channel is
    // redelivered by the broker anyway, and acking it on another channel would be a protocol error.
    const settle = (what: string, action: () => void): void => {
      if (settled) return;
      settled = true;
      if (state.channel !== channel) {
        this.options.log.info({ what }, 'channel gone before settling; the broker redelivers the message');
        return;
      }
      try {
        action();
      } catch (err) {
        this.options.log.warn({ err: describe(err), what }, 'could not settle a delivery');
      }
    };
    const delivery: Delivery = {
      body: message.content.toString('utf8'),
      deliveryCount: deliveryCountOf(message),
      ack: async () => settle('ack', () => channel.ack(message)),
      release: async () => settle('release', () => channel.nack(message, false, true)),
      reject: async (reason: string) => {
        if (settled) return;
        // Copy to dead_letters with the reason (confirmed), then ack; if that fails, reject without requeue so
        // RabbitMQ's own dead-lettering (the queue's DLX arguments) still moves it.
        try {
          await this.publishRaw(message.content, DEAD_LETTER_QUEUE, {
            messageId: typeof message.properties.messageId === 'string' ? message.properties.messageId : undefined,
            headers: { ...(message.properties.headers ?? {}), [REASON_HEADER]: reason.slice(0, 1000), [DEAD_AT_HEADER]: new Date().toISOString() },
          });
          settle('ack', () => channel.ack(message));
        } catch {
          settle('reject', () => channel.nack(message, false, false));
        }
      },
    };
    const done = (async () => {
      try {
        await state.handler(delivery, controller.signal);
      } catch (err) {
        this.options.log.error({ err }, 'delivery handler failed; releasing the message');
        await delivery.release();
      } finally {
        state.active.delete(id);
        if (state.active.size === 0) this.events.emit('idle');
      }
    })();
    state.active.set(id, { controller, done });
  }

  private async stopConsumer(state: ConsumerState, graceMs: number): Promise<void> {
    state.stopping = true;
    const channel = state.channel;
    // Stop taking messages first; prefetched ones not yet handed to us return to the queue when the channel closes.
    if (channel) {
      const tags = (channel as unknown as { consumers?: Map<string, unknown> }).consumers;
      for (const tag of tags ? [...tags.keys()] : []) await channel.cancel(tag).catch(() => undefined);
    }
    const running = [...state.active.values()];
    const all = Promise.all(running.map((entry) => entry.done));
    let timer: NodeJS.Timeout | undefined;
    const expired = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (expired) {
      for (const entry of state.active.values()) entry.controller.abort(new Error('agent shutting down'));
      await Promise.all([...state.active.values()].map((entry) => entry.done));
    }
    // Channel before connection, and only after every in-flight message was settled on it.
    if (state.channel) await state.channel.close().catch(() => undefined);
    state.channel = null;
    this.consumers.delete(state);
  }

  async stats(): Promise<QueueStats> {
    return this.withChannel(async (channel) => {
      const work = await channel.checkQueue(WORK_QUEUE);
      const dead = await channel.checkQueue(DEAD_LETTER_QUEUE);
      return { ready: work.messageCount, unacked: null, deadLetters: dead.messageCount, consumers: work.consumerCount };
    });
  }

  async ping(): Promise<void> {
    if (!this.connected) throw new QueueUnavailableError('RabbitMQ is not connected');
  }

  /** A short-lived channel for management operations (a failed passive check closes its channel). */
  async withChannel<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
    const connection = this.connection;
    if (!connection) throw new QueueUnavailableError('RabbitMQ is not connected');
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    try {
      return await work(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  async listDeadLetters(limit: number): Promise<DeadLetter[]> {
    // Take messages without acking, then close the channel: every one goes back to the queue in order.
    return this.withChannel(async (channel) => {
      const out: DeadLetter[] = [];
      while (out.length < limit) {
        const message = await channel.get(DEAD_LETTER_QUEUE, { noAck: false });
        if (message === false) break;
        out.push(deadLetterOf(message));
      }
      return out;
    });
  }

  async requeueDeadLetters(select: (letter: DeadLetter) => boolean, beforeRequeue: (letter: DeadLetter) => Promise<void>): Promise<DeadLetter[]> {
    const connection = this.connection;
    if (!connection || !this.publishChannel) throw new QueueUnavailableError('RabbitMQ is not connected');
    return this.withChannel(async (channel) => {
      const requeued: DeadLetter[] = [];
      const total = (await channel.checkQueue(DEAD_LETTER_QUEUE)).messageCount;
      for (let index = 0; index < total; index++) {
        const message = await channel.get(DEAD_LETTER_QUEUE, { noAck: false });
        if (message === false) break;
        const letter = deadLetterOf(message);
        if (!select(letter)) continue; // left unacked: back to dead_letters when this channel closes
        await beforeRequeue(letter);
        const headers = { ...(message.properties.headers ?? {}) };
        delete headers[REASON_HEADER];
        delete headers[DEAD_AT_HEADER];
        delete headers['x-death'];
        // Publish (confirmed) before acking: a crash in between duplicates the message, never loses it.
        await this.publishRaw(message.content, WORK_QUEUE, { messageId: letter.taskId ?? undefined, headers });
        channel.ack(message);
        requeued.push(letter);
      }
      return requeued;
    });
  }

  async purgeDeadLetters(): Promise<number> {
    return this.withChannel(async (channel) => (await channel.purgeQueue(DEAD_LETTER_QUEUE)).messageCount);
  }

  /**
   * Moves queues declared with other settings (the Python version's non-durable ones) to the durable layout
   * without losing messages: each message is copied (confirmed) to a temporary durable queue before it is
   * acked, the queue is re-declared, and the messages are copied back the same way. Publishers get 503 (ours,
   * thanks to `mandatory`) during the few milliseconds the queue does not exist; stop Python publishers first.
   */
  async migrateLayout(progress: (line: string) => void): Promise<{ queue: string; moved: number; changed: boolean }[]> {
    const outcome: { queue: string; moved: number; changed: boolean }[] = [];
    for (const [name, args] of [
      [DEAD_LETTER_QUEUE, {}],
      [WORK_QUEUE, WORK_QUEUE_ARGUMENTS],
    ] as const) {
      const matches = await this.withChannel(async (channel) => {
        try {
          await channel.assertQueue(name, { durable: true, arguments: args });
          return true;
        } catch (err) {
          if (isPreconditionFailed(err)) return false;
          throw err;
        }
      }).catch((err: unknown) => {
        if (isPreconditionFailed(err)) return false;
        throw err;
      });
      if (matches) {
        progress(`${name}: already durable with the expected arguments`);
        outcome.push({ queue: name, moved: 0, changed: false });
        continue;
      }
      // Deleting a queue drops the messages its consumers hold unacked: only migrate an unconsumed queue.
      const { consumerCount } = await this.withChannel((channel) => channel.checkQueue(name));
      if (consumerCount > 0) {
        throw new Error(`queue "${name}" has ${consumerCount} consumer(s): stop every agent (Python and OpenChecker) first, then run the migration again`);
      }
      const temporary = `${name}.openchecker-migration`;
      await this.withChannel((channel) => channel.assertQueue(temporary, { durable: true }));
      const out = await this.moveAll(name, temporary);
      progress(`${name}: ${out} message(s) parked in ${temporary}`);
      await this.withChannel((channel) => channel.deleteQueue(name));
      await this.withChannel((channel) => channel.assertQueue(name, { durable: true, arguments: args }));
      const back = await this.moveAll(temporary, name);
      await this.withChannel((channel) => channel.deleteQueue(temporary, { ifEmpty: true }));
      progress(`${name}: re-declared durable; ${back} message(s) moved back`);
      outcome.push({ queue: name, moved: back, changed: true });
    }
    this.layout = 'durable';
    return outcome;
  }

  /** Moves every message from one queue to another, publish-confirmed before each ack. */
  private async moveAll(from: string, to: string): Promise<number> {
    return this.withChannel(async (channel) => {
      let moved = 0;
      for (;;) {
        const message = await channel.get(from, { noAck: false });
        if (message === false) return moved;
        await this.publishRaw(message.content, to, {
          messageId: typeof message.properties.messageId === 'string' ? message.properties.messageId : undefined,
          headers: message.properties.headers ?? {},
        });
        channel.ack(message);
        moved += 1;
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const consumer of [...this.consumers]) await this.stopConsumer(consumer, 0);
    if (this.publishChannel) await this.publishChannel.close().catch(() => undefined);
    this.publishChannel = null;
    const connection = this.connection;
    this.connection = null;
    if (connection) await connection.close().catch(() => undefined);
  }
}

/**
 * How many times a message has been delivered. Quorum queues count in `x-delivery-count`; classic queues (our
 * layout, and upstream's) only flag a redelivery, so the agent also counts attempts in the store.
 */
function deliveryCountOf(message: ConsumeMessage): number {
  const header: unknown = message.properties.headers?.['x-delivery-count'];
  if (typeof header === 'number') return header + 1;
  return message.fields.redelivered ? 2 : 1;
}

function deadLetterOf(message: GetMessage): DeadLetter {
  const body = message.content.toString('utf8');
  const headers: Record<string, unknown> = message.properties.headers ?? {};
  const taskId = (typeof message.properties.messageId === 'string' ? message.properties.messageId : null) ?? stringField(body, 'task_id');
  const deaths = headers['x-death'];
  const death = Array.isArray(deaths) ? (deaths[0] as { reason?: unknown } | undefined) : undefined;
  const reason = typeof headers[REASON_HEADER] === 'string' ? headers[REASON_HEADER] : typeof death?.reason === 'string' ? `dead-lettered by RabbitMQ (${death.reason})` : null;
  const at = typeof headers[DEAD_AT_HEADER] === 'string' ? headers[DEAD_AT_HEADER] : null;
  return { taskId, reason, body, deadLetteredAt: at };
}

/** Is this the broker refusing a declaration that differs from the existing queue? */
function isPreconditionFailed(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 406;
}

/**
 * Declares `dead_letters` and `opencheck` durable with upstream's arguments. Queues that exist with other
 * settings (the Python version declares them non-durable) are used as they are, with a warning: redeclaring
 * would need deleting them, which is `openchecker queue migrate`'s job, not a start-up side effect.
 */
export async function declareTopology(connection: ChannelModel, log: Logger): Promise<Layout> {
  let layout: Layout = 'durable';
  for (const [name, args] of [
    [DEAD_LETTER_QUEUE, {}],
    [WORK_QUEUE, WORK_QUEUE_ARGUMENTS],
  ] as const) {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    try {
      await channel.assertQueue(name, { durable: true, arguments: args });
      await channel.close();
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
      layout = 'legacy';
      log.warn(
        { queue: name },
        `queue "${name}" exists with other settings (probably declared non-durable by the Python version): using it as it is. ` +
          'Messages in a non-durable queue are LOST if RabbitMQ restarts. Run `openchecker queue migrate` to move to the durable layout without losing messages.',
      );
      const check = await connection.createChannel();
      check.on('error', () => undefined);
      await check.checkQueue(name);
      await check.close();
    }
  }
  return layout;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
