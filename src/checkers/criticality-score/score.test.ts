import { test } from 'node:test';
import assert from 'node:assert/strict';
import { criticalityScore, monthsSince, normaliseCompany, paramScore, recentReleases, roundHalfEven, SIGNALS, type Signals } from './score.js';

const zero: Signals = {
  created_since: 0,
  updated_since: 0,
  contributor_count: 0,
  org_count: 0,
  commit_frequency: 0,
  recent_releases_count: 0,
  updated_issues_count: 0,
  closed_issues_count: 0,
  comment_frequency: 0,
  dependents_count: 0,
};

void test('the published weights and thresholds (criticality_score/constants.py)', () => {
  assert.deepEqual(
    Object.fromEntries(Object.entries(SIGNALS).map(([name, { weight, threshold }]) => [name, [weight, threshold]])),
    {
      created_since: [1, 120],
      updated_since: [-1, 120],
      contributor_count: [2, 5000],
      org_count: [1, 10],
      commit_frequency: [1, 1000],
      recent_releases_count: [0.5, 26],
      updated_issues_count: [0.5, 5000],
      closed_issues_count: [0.5, 5000],
      comment_frequency: [1, 15],
      dependents_count: [2, 500000],
    },
  );
});

void test('score: weighted log signals over the weight sum 8.5, rounded to 5 decimals', () => {
  assert.equal(criticalityScore(zero), 0);
  // Every signal at its threshold: each term is its weight, so the sum is 8.5 and the score 1.
  const atThreshold = Object.fromEntries(Object.entries(SIGNALS).map(([name, { threshold }]) => [name, threshold])) as Signals;
  assert.equal(criticalityScore(atThreshold), 1);
  // Past the threshold a signal counts as its full weight, never more.
  assert.equal(paramScore(10_000, 5000, 2), 2);
  assert.equal(criticalityScore({ ...zero, created_since: 120 }), 0.11765);
  // Values computed by hand with the Python tool's formula.
  assert.equal(criticalityScore({ ...zero, created_since: 60, updated_since: 6, contributor_count: 100 }), 0.1806);
  assert.equal(
    criticalityScore({ created_since: 122, updated_since: 0, contributor_count: 4, org_count: 2, commit_frequency: 0.5, recent_releases_count: 2, updated_issues_count: 3, closed_issues_count: 1, comment_frequency: 2, dependents_count: 1234 }),
    0.43114,
  );
});

void test("months as the tool counts them: whole days / 30 with Python's round", () => {
  const now = new Date('2025-01-31T00:00:00Z');
  assert.equal(monthsSince(new Date('2025-01-01T00:00:00Z'), now), 1);
  assert.equal(monthsSince(new Date('2025-01-16T00:00:00Z'), now), 0); // 15/30 = 0.5 → 0 (half to even)
  assert.equal(roundHalfEven(1.5), 2);
  assert.equal(roundHalfEven(2.5), 2);
  assert.equal(roundHalfEven(2.51), 3);
});

void test("companies are normalised as the tool did ('@Acme Inc.' and 'acme inc.' are one)", () => {
  assert.equal(normaliseCompany('@Acme Inc.'), 'acme');
  assert.equal(normaliseCompany('acme inc.'), 'acme');
  assert.equal(normaliseCompany('Initech LLC,'), 'initech');
});

void test('recent releases: count of the last year, else the tag rate over the project life', async () => {
  const now = new Date('2025-06-01T00:00:00Z');
  const day = 86_400_000;
  let asked = 0;
  const tags = (): Promise<number> => {
    asked++;
    return Promise.resolve(20);
  };
  assert.equal(await recentReleases([new Date(now.getTime() - 10 * day), new Date(now.getTime() - 400 * day)], 24, tags, now), 1);
  assert.equal(asked, 0);
  // 20 tags over 24 months (720 days) → 20 / 720 · 365 ≈ 10.1 → 10.
  assert.equal(await recentReleases([new Date(now.getTime() - 400 * day)], 24, tags, now), 10);
  assert.equal(await recentReleases([], 0, tags, now), 0);
});
