/**
 * Per-user submission quotas: submissions per minute (a sliding window) and unfinished tasks at once.
 *
 * Both are counted in the store, from the tasks themselves, rather than in per-process counters: with several
 * `serve` replicas behind a balancer a per-process limit would multiply by the number of replicas, and restart
 * from zero at every deploy. The window's count is one indexed lookup (when was the owner's Nth newest task
 * created?), the unfinished count one bounded count.
 *
 * Submissions of one user that are being stored right now are not in the store yet; each process adds its own
 * in-flight ones, so a burst of concurrent requests to one process cannot slip past the limit. What stays open
 * is concurrent submissions to different replicas at the same instant: the limit may be exceeded by at most the
 * requests in flight on the other replicas.
 */
import type { Config } from '../config/schema.js';
import type { Store, UserRecord } from '../store/types.js';

export const QUOTA_WINDOW_MS = 60_000;
/** Retry-After of the unfinished-task quota: a hint (a typical check takes about this long), not a promise. */
export const OPEN_TASKS_RETRY_AFTER_S = 60;

export interface QuotaLimits {
  /** Submissions per user per minute; 0: unlimited. */
  submissionsPerMinute: number;
  /** Queued or running tasks per user; 0: unlimited. */
  maxQueuedTasks: number;
  /** Whether admins are limited too. */
  applyToAdmins: boolean;
}

export function quotaLimits(config: Config): QuotaLimits {
  return {
    submissionsPerMinute: config.Quotas.submissions_per_minute,
    maxQueuedTasks: config.Quotas.max_queued_tasks,
    applyToAdmins: config.Quotas.apply_to_admins,
  };
}

export type Admission =
  | { ok: true; release: () => void }
  | { ok: false; code: 'OC_ERR_API_QUOTA_EXCEEDED' | 'OC_ERR_API_QUOTA_QUEUED'; message: string; retryAfterS: number };

const admitted: Admission = { ok: true, release: () => undefined };

export class SubmissionQuota {
  /** Submissions of each user being stored by this process right now. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly store: Pick<Store, 'ownerTaskCreatedAt' | 'countOpenTasks'>,
    private readonly limits: QuotaLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Admits one submission by `user`, or says why not. An admitted submission holds a reservation until its
   * `release()` (call it once the task is stored, or failed to be).
   */
  async admit(user: UserRecord): Promise<Admission> {
    const { submissionsPerMinute: perMinute, maxQueuedTasks: maxOpen } = this.limits;
    if ((perMinute === 0 && maxOpen === 0) || (user.role === 'admin' && !this.limits.applyToAdmins)) return admitted;
    // Reserve first, so that concurrent requests of one user see each other while the store is read.
    const others = this.inFlight.get(user.id) ?? 0;
    this.inFlight.set(user.id, others + 1);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(user.id) ?? 1) - 1;
      if (left > 0) this.inFlight.set(user.id, left);
      else this.inFlight.delete(user.id);
    };
    try {
      const refusal = await this.check(user.id, others, perMinute, maxOpen);
      if (refusal) release();
      return refusal ?? { ok: true, release };
    } catch (err) {
      release();
      throw err;
    }
  }

  private async check(ownerId: string, others: number, perMinute: number, maxOpen: number): Promise<Admission | null> {
    if (perMinute > 0) {
      // Refused when the stored tasks of the last minute plus the ones in flight reach the limit: that is, when
      // the owner's (perMinute - others)th newest task is younger than the window. It leaves the window at
      // created + window, which is when a retry can succeed.
      const nth = perMinute - others;
      const created = nth > 0 ? await this.store.ownerTaskCreatedAt(ownerId, nth) : null;
      const now = this.now();
      const until = nth <= 0 ? now + QUOTA_WINDOW_MS : created === null ? null : Date.parse(created) + QUOTA_WINDOW_MS;
      if (until !== null && until > now) {
        const retryAfterS = Math.max(1, Math.ceil((until - now) / 1000));
        return {
          ok: false,
          code: 'OC_ERR_API_QUOTA_EXCEEDED',
          message: `Quota exceeded: at most ${perMinute} submissions per minute per user; retry in ${retryAfterS} s`,
          retryAfterS,
        };
      }
    }
    if (maxOpen > 0) {
      const open = (await this.store.countOpenTasks(ownerId, maxOpen)) + others;
      if (open >= maxOpen) {
        return {
          ok: false,
          code: 'OC_ERR_API_QUOTA_QUEUED',
          message: `Quota exceeded: you have ${maxOpen} tasks queued or running, the most allowed per user; submit more once some have finished`,
          retryAfterS: OPEN_TASKS_RETRY_AFTER_S,
        };
      }
    }
    return null;
  }
}
