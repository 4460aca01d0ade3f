import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateScore } from './aggregate.js';
import { scorecardChecks, SCORECARD_CATALOGUE } from './checks.js';
import type { ScorecardCheck } from './types.js';

test('aggregate: risk-weighted mean over conclusive checks, one decimal', () => {
  assert.equal(aggregateScore([]), -1);
  assert.equal(aggregateScore([{ score: -1, risk: 'High' }]), -1);
  assert.equal(aggregateScore([{ score: 10, risk: 'Critical' }, { score: 0, risk: 'Low' }, { score: -1, risk: 'High' }]), 8);
  // (10*7.5 + 3*5 + 0*2.5) / 15 = 6.0; (7*10 + 4*7.5) / 17.5 = 5.714… → 5.7
  assert.equal(aggregateScore([{ score: 10, risk: 'High' }, { score: 3, risk: 'Medium' }, { score: 0, risk: 'Low' }]), 6);
  assert.equal(aggregateScore([{ score: 7, risk: 'Critical' }, { score: 4, risk: 'High' }]), 5.7);
});

test('every Scorecard check is listed once, sorted; unimplemented ones say what they need', async () => {
  assert.deepEqual(scorecardChecks().map((c) => c.name), SCORECARD_CATALOGUE.map((c) => c.name).sort());
  // With nothing implemented, every check is pending with the reason it cannot run.
  const checks = scorecardChecks([]);
  assert.deepEqual(checks.map((c) => c.name), SCORECARD_CATALOGUE.map((c) => c.name).sort());
  assert.equal((await checks.find((c) => c.name === 'Vulnerabilities')?.run({} as never))?.reason, 'needs the OSV vulnerability database (run the osv-scanner command)');
  const branch = checks.find((c) => c.name === 'Branch-Protection');
  assert.ok(branch);
  assert.deepEqual(await branch.run({} as never), { score: -1, reason: 'needs the GitHub API: set [Github] access_key', details: [] });
});

test('an added implementation replaces the pending entry (the seam for API checks)', async () => {
  const codeReview: ScorecardCheck = { name: 'Code-Review', risk: 'High', run: () => Promise.resolve({ score: 8, reason: 'r', details: [] }) };
  const checks = scorecardChecks([codeReview]);
  assert.equal(checks.filter((c) => c.name === 'Code-Review').length, 1);
  assert.equal((await checks.find((c) => c.name === 'Code-Review')?.run({} as never))?.score, 8);
  assert.equal(checks.length, SCORECARD_CATALOGUE.length);
});
