import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateScore, oneDecimalLikeGo } from './aggregate.js';
import type { Risk } from './types.js';

const cases: { name: string; checks: { score: number; risk: Risk }[]; expected: number }[] = [
  { name: 'nothing scored', checks: [], expected: -1 },
  { name: 'only inconclusive checks', checks: [{ score: -1, risk: 'High' }, { score: -1, risk: 'Critical' }], expected: -1 },
  { name: 'one check', checks: [{ score: 7, risk: 'Low' }], expected: 7 },
  // (10*10 + 0*2.5) / 12.5 = 8; the -1 High check is left out, not counted as 0 (that would give 5.0)
  { name: 'inconclusive excluded, not 0', checks: [{ score: 10, risk: 'Critical' }, { score: 0, risk: 'Low' }, { score: -1, risk: 'High' }], expected: 8 },
  // (10*7.5 + 3*5 + 0*2.5) / 15 = 6
  { name: 'weights by risk', checks: [{ score: 10, risk: 'High' }, { score: 3, risk: 'Medium' }, { score: 0, risk: 'Low' }], expected: 6 },
  // (7*10 + 4*7.5) / 17.5 = 5.714… → 5.7
  { name: 'rounds down below the half', checks: [{ score: 7, risk: 'Critical' }, { score: 4, risk: 'High' }], expected: 5.7 },
  // (10*10 + 5*7.5) / 17.5 = 7.857… → 7.9
  { name: 'rounds up above the half', checks: [{ score: 10, risk: 'Critical' }, { score: 5, risk: 'High' }], expected: 7.9 },
  // (8*2.5 + 7*2.5 + 7*2.5 + 7*2.5) / 10 = 7.25 exactly: Go's %.1f prints 7.2 (tie to even); Math.round gives 7.3
  { name: 'exact tie goes to the even digit (down)', checks: [{ score: 8, risk: 'Low' }, { score: 7, risk: 'Low' }, { score: 7, risk: 'Low' }, { score: 7, risk: 'Low' }], expected: 7.2 },
  // (8+8+8+7) / 4 = 7.75 exactly: 7.8 (tie to even, up)
  { name: 'exact tie goes to the even digit (up)', checks: [{ score: 8, risk: 'Low' }, { score: 8, risk: 'Low' }, { score: 8, risk: 'Low' }, { score: 7, risk: 'Low' }], expected: 7.8 },
  // (10*10 + 0*7.5*3 + 10*5 + 3*2.5) / 40 = 3.9375 → 3.9
  { name: 'mixed risks', checks: [{ score: 10, risk: 'Critical' }, { score: 0, risk: 'High' }, { score: 0, risk: 'High' }, { score: 0, risk: 'High' }, { score: 10, risk: 'Medium' }, { score: 3, risk: 'Low' }], expected: 3.9 },
  { name: 'all ten', checks: [{ score: 10, risk: 'Critical' }, { score: 10, risk: 'Low' }], expected: 10 },
  { name: 'all zero', checks: [{ score: 0, risk: 'Critical' }, { score: 0, risk: 'Medium' }], expected: 0 },
];

for (const { name, checks, expected } of cases) {
  test(`aggregate: ${name}`, () => {
    assert.equal(aggregateScore(checks), expected);
  });
}

test('one decimal as Go prints it: ties of the exact binary value to even, others to nearest', () => {
  assert.equal(oneDecimalLikeGo(0.25), 0.2);
  assert.equal(oneDecimalLikeGo(0.75), 0.8);
  assert.equal(oneDecimalLikeGo(2.5), 2.5);
  // 0.35 is stored as 0.34999999999999997…: below the half, so Go prints 0.3
  assert.equal(oneDecimalLikeGo(0.35), 0.3);
  // 0.15 is stored as 0.1499999999999999944…: 0.1
  assert.equal(oneDecimalLikeGo(0.15), 0.1);
  // 9.95 is stored as 9.949999999999999289…: 9.9
  assert.equal(oneDecimalLikeGo(9.95), 9.9);
  assert.equal(oneDecimalLikeGo(100 / 17.5), 5.7);
  assert.equal(oneDecimalLikeGo(10), 10);
  assert.equal(oneDecimalLikeGo(0), 0);
});
