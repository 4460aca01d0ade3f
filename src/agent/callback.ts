/**
 * Callback delivery. Results are already stored when a callback is due, so delivery is an outbox: a
 * dispatcher leases due callbacks from the store, POSTs them with a time limit, and records the outcome.
 * Network errors, 429 and 5xx are retried with exponential backoff and jitter (Retry-After honoured); any 2xx
 * is delivered; other statuses fail at once. The schedule lives in the store, so it survives restarts.
 */
import { createHmac } from 'node:crypto';
import type { Config } from '../config/schema.js';
import { errorMessage } from '../lib/errors.js';
import { BlockedAddressError, safeRequest } from '../lib/http.js';
import { networkPolicyFor } from '../lib/net-policy.js';
import type { Logger } from '../lib/log.js';
import type { Metrics } from '../lib/metrics.js';
import { EQUAL_JITTER, backoffDelayMs, parseRetryAfter } from '../platforms/http.js';
import type { CallbackOutcome, Store, TaskRecord } from '../store/types.js';
import { normaliseProjectUrl } from '../tasks/validation.js';

/** The upstream payload keys, then ours (task_id, status, timings). task_metadata is echoed exactly. */
export function callbackPayload(task: TaskRecord): Record<string, unknown> {
  return {
    command_list: task.commandList,
    project_url: normaliseProjectUrl(task.projectUrl),
    task_metadata: task.taskMetadata,
    scan_results: task.scanResults ?? {},
    task_id: task.taskId,
    status: task.status,
    error: task.error,
    created_at: task.createdAt,
    started_at: task.startedAt,
    finished_at: task.finishedAt,
  };
}

/**
 * The callback body, at most `maxBytes`. Above it, the largest results are replaced, one by one until it fits,
 * by `{"error": "result too large for the callback: ..."}` naming where the whole result is read (the task
 * view keeps it). Null when even a body without results is too large (huge task_metadata).
 */
export function callbackBody(task: TaskRecord, maxBytes: number): string | null {
  const payload = callbackPayload(task);
  const body = JSON.stringify(payload);
  let total = Buffer.byteLength(body);
  if (total <= maxBytes) return body;
  const results = { ...(payload.scan_results as Record<string, unknown>) };
  const sizes = Object.entries(results)
    .map(([command, result]) => [command, Buffer.byteLength(JSON.stringify(result) ?? 'null')] as const)
    .sort((a, b) => b[1] - a[1]);
  for (const [command, size] of sizes) {
    if (total <= maxBytes) break;
    const replacement = { error: `result too large for the callback: ${size} bytes (limit [Callback] max_body_mb); read it with GET /opencheck/${task.taskId}` };
    total += Buffer.byteLength(JSON.stringify(replacement)) - size;
    results[command] = replacement;
  }
  if (total > maxBytes) return null;
  return JSON.stringify({ ...payload, scan_results: results });
}

/**
 * Credentials in a callback URL (`https://user:pass@host/cb`) are sent as HTTP Basic auth: the request line
 * carries the URL without them, and redirects are not followed, so they go to that host only. (HTTP clients
 * drop user-info from the request silently; the receiver that asked for it would never get it.)
 */
export function callbackTarget(url: string): { url: string; headers: Record<string, string> } {
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { url, headers: {} };
  const credentials = `${safeDecode(parsed.username)}:${safeDecode(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), headers: { authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` } };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface RetryPolicy {
  maxAttempts: number;
  initialMs: number;
  maxMs: number;
}

/** Delay before retry number `attempt` (1 = first retry): doubling, capped, with "equal jitter". */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  return backoffDelayMs({ initialDelayMs: policy.initialMs, maxDelayMs: policy.maxMs, jitter: EQUAL_JITTER }, attempt, random);
}

export interface DispatcherOptions {
  store: Store;
  config: Config;
  log: Logger;
  metrics?: Metrics;
  owner: string;
  /** How often due callbacks are looked for when nothing kicks the dispatcher. */
  pollMs?: number;
}

export class CallbackDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private started = false;
  private readonly controller = new AbortController();
  private readonly policy: RetryPolicy;

  constructor(private readonly options: DispatcherOptions) {
    const cb = options.config.Callback;
    this.policy = { maxAttempts: cb.max_attempts, initialMs: cb.backoff_initial_s * 1000, maxMs: cb.backoff_max_s * 1000 };
  }

  start(): void {
    this.started = true;
    this.schedule(0);
  }

  /** Look for due callbacks now (a task just finished). */
  kick(): void {
    if (!this.started || this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.controller.abort();
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.sweep().finally(() => {
        this.running = null;
        const next = this.again ? 0 : (this.options.pollMs ?? 1000);
        this.again = false;
        this.schedule(next);
      });
    }, ms);
  }

  private async sweep(): Promise<void> {
    const leaseMs = this.options.config.Callback.timeout_s * 1000 + 30_000;
    try {
      const due = await this.options.store.claimDueCallbacks(this.options.owner, Date.now(), leaseMs, 16);
      await Promise.all(due.map((callback) => this.deliver(callback.taskId, callback.callbackUrl, callback.attempts)));
    } catch (err) {
      this.options.log.error({ err }, 'callback sweep failed');
    }
  }

  private async deliver(taskId: string, url: string, previousAttempts: number): Promise<void> {
    const log = this.options.log.child({ taskId });
    const task = await this.options.store.getTask(taskId);
    if (!task) return;
    const maxBody = this.options.config.Callback.max_body_mb * 1024 * 1024;
    const body = callbackBody(task, maxBody);
    const attempt = previousAttempts + 1;
    const outcome: CallbackOutcome =
      body === null
        ? { kind: 'failed', error: `callback body larger than ${maxBody} bytes even without results (limit [Callback] max_body_mb)` }
        : await this.post(url, body, taskId, attempt).then(
            (response) => this.classify(attempt, response.status, response.retryAfter),
            // A refused address fails at once, with the same words whether or not anything listens there.
            (err: unknown) =>
              err instanceof BlockedAddressError
                ? { kind: 'failed', error: `callback refused: ${err.message}` }
                : this.retryOrFail(attempt, `callback failed: ${errorMessage(err)}`, null),
          );
    if (this.stopped && outcome.kind !== 'delivered') {
      // Interrupted by shutdown: leave the attempt uncounted; the lease expires and a later sweep retries.
      return;
    }
    await this.options.store.recordCallbackOutcome(taskId, outcome);
    this.options.metrics?.callbacks.inc({ outcome: outcome.kind });
    if (outcome.kind === 'delivered') log.info({ attempt }, 'callback delivered');
    else log.warn({ attempt, error: outcome.error, outcome: outcome.kind }, 'callback not delivered');
  }

  private async post(url: string, body: string, taskId: string, attempt: number): Promise<{ status: number; retryAfter: number | null }> {
    const target = callbackTarget(url);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'OpenChecker-Agent',
      'x-openchecker-task-id': taskId,
      // At least once: a retry, or the resend after a crash mid-POST, carries the same key; receivers dedupe on it.
      'idempotency-key': taskId,
      'x-openchecker-delivery': `${taskId}:${attempt}`,
      ...target.headers,
    };
    const secret = this.options.config.Callback.hmac_secret;
    if (secret) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      headers['x-openchecker-timestamp'] = timestamp;
      headers['x-openchecker-signature'] = signBody(secret, timestamp, body);
    }
    const response = await safeRequest(target.url, {
      policy: networkPolicyFor(this.options.config.Network),
      method: 'POST',
      headers,
      body,
      timeoutMs: this.options.config.Callback.timeout_s * 1000,
      signal: this.controller.signal,
      maxRedirects: 0,
      maxBodyBytes: 64 * 1024,
    });
    return { status: response.status, retryAfter: parseRetryAfter(response.headers['retry-after']) };
  }

  private classify(attempt: number, status: number, retryAfter: number | null): CallbackOutcome {
    if (status >= 200 && status < 300) return { kind: 'delivered' };
    const error = `callback answered HTTP ${status}`;
    if (status === 429 || status >= 500) return this.retryOrFail(attempt, error, retryAfter);
    return { kind: 'failed', error };
  }

  private retryOrFail(attempt: number, error: string, retryAfter: number | null): CallbackOutcome {
    if (attempt >= this.policy.maxAttempts) return { kind: 'failed', error: `${error} (gave up after ${attempt} attempts)` };
    const delay = Math.max(backoffDelay(this.policy, attempt), Math.min(retryAfter ?? 0, this.policy.maxMs));
    return { kind: 'retry', error, nextAttemptAtMs: Date.now() + delay };
  }
}
