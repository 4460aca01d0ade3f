/** The per-user quotas on a fake clock and an in-memory list of tasks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UserRecord } from '../store/types.js';
import { SubmissionQuota, type QuotaLimits } from './quotas.js';

const alice: UserRecord = { id: 'u-alice', username: 'alice', passwordHash: 'x', role: 'user', createdAt: '2025-01-01T00:00:00.000Z' } as UserRecord;
const admin: UserRecord = { ...alice, id: 'u-root', username: 'root', role: 'admin' };

/** Tasks as (owner, created at ms, open); newest last. */
function fakeStore() {
  const tasks: { owner: string; createdMs: number; open: boolean }[] = [];
  return {
    tasks,
    async ownerTaskCreatedAt(ownerId: string, nth: number): Promise<string | null> {
      const mine = tasks.filter((t) => t.owner === ownerId);
      const task = mine[mine.length - nth];
      return task ? new Date(task.createdMs).toISOString() : null;
    },
    async countOpenTasks(ownerId: string, atMost: number): Promise<number> {
      return Math.min(atMost, tasks.filter((t) => t.owner === ownerId && t.open).length);
    },
  };
}

const limits = (overrides: Partial<QuotaLimits>): QuotaLimits => ({ submissionsPerMinute: 0, maxQueuedTasks: 0, applyToAdmins: false, ...overrides });

test('a sliding minute: refused while the limit-th newest submission is younger than 60 s, Retry-After until it leaves', async () => {
  const store = fakeStore();
  let now = Date.parse('2025-06-01T12:00:00.000Z');
  const quota = new SubmissionQuota(store, limits({ submissionsPerMinute: 3 }), () => now);
  const submitAt = async (ms: number): Promise<Awaited<ReturnType<SubmissionQuota['admit']>>> => {
    now = ms;
    const admission = await quota.admit(alice);
    if (admission.ok) {
      store.tasks.push({ owner: alice.id, createdMs: now, open: true });
      admission.release();
    }
    return admission;
  };
  const t0 = now;
  assert.ok((await submitAt(t0)).ok);
  assert.ok((await submitAt(t0 + 10_000)).ok);
  assert.ok((await submitAt(t0 + 20_000)).ok);
  const refused = await submitAt(t0 + 30_000);
  assert.ok(!refused.ok);
  assert.equal(refused.code, 'OC_ERR_API_QUOTA_EXCEEDED');
  assert.equal(refused.retryAfterS, 30, 'the oldest of the three leaves the window at t0 + 60 s');
  const almost = await submitAt(t0 + 59_500);
  assert.ok(!almost.ok);
  assert.equal(almost.retryAfterS, 1, 'rounded up, never 0');
  assert.ok((await submitAt(t0 + 60_000)).ok, 'the first one has left the window');
  const again = await submitAt(t0 + 60_001);
  assert.ok(!again.ok);
  assert.equal(again.retryAfterS, 10, 'now the second one is the limit-th newest');
});

test('submissions still being stored count: a reservation holds a place until released', async () => {
  const store = fakeStore();
  const quota = new SubmissionQuota(store, limits({ submissionsPerMinute: 2, maxQueuedTasks: 0 }), () => 0);
  const first = await quota.admit(alice);
  const second = await quota.admit(alice);
  assert.ok(first.ok && second.ok);
  const third = await quota.admit(alice);
  assert.ok(!third.ok, 'two in flight fill the quota');
  assert.equal(third.retryAfterS, 60);
  first.release();
  first.release(); // releasing twice is harmless
  assert.ok((await quota.admit(alice)).ok, 'a failed submit (released, never stored) gives its place back');
});

test('queued tasks: refused at the limit, admins exempt unless configured, 0 means unlimited', async () => {
  const store = fakeStore();
  for (let i = 0; i < 3; i++) store.tasks.push({ owner: alice.id, createdMs: 0, open: true }, { owner: admin.id, createdMs: 0, open: true });
  const refused = await new SubmissionQuota(store, limits({ maxQueuedTasks: 3 })).admit(alice);
  assert.ok(!refused.ok);
  assert.equal(refused.code, 'OC_ERR_API_QUOTA_QUEUED');
  assert.ok(refused.retryAfterS > 0);
  assert.ok((await new SubmissionQuota(store, limits({ maxQueuedTasks: 4 })).admit(alice)).ok);
  assert.ok((await new SubmissionQuota(store, limits({ maxQueuedTasks: 3 })).admit(admin)).ok, 'admins are exempt by default');
  assert.ok(!(await new SubmissionQuota(store, limits({ maxQueuedTasks: 3, applyToAdmins: true })).admit(admin)).ok);
  assert.ok((await new SubmissionQuota(store, limits({})).admit(alice)).ok, 'both 0: unlimited');
  store.tasks.forEach((t) => (t.open = false));
  assert.ok((await new SubmissionQuota(store, limits({ maxQueuedTasks: 3 })).admit(alice)).ok, 'finished tasks do not count');
});
