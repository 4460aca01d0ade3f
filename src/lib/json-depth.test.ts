import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, jsonDepth, jsonDepthProblem } from './json-depth.js';

const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

test('jsonDepth counts objects and arrays, not brackets inside strings', () => {
  assert.equal(jsonDepth('1'), 0);
  assert.equal(jsonDepth('"{[{["'), 0);
  assert.equal(jsonDepth('{}'), 1);
  assert.equal(jsonDepth('{"a":[1,{"b":[]}],"c":{}}'), 4);
  assert.equal(jsonDepth('{"a":"\\"{{{{","b":"\\\\"}'), 1, 'escaped quotes and backslashes do not end or start a string');
  assert.equal(jsonDepth('[[["]]]"]]]'), 3);
  assert.equal(jsonDepth(nested(40)), 40);
  for (const value of [{ x: [1, [2, [3]]], y: 'a]}' }, [[], [[[{}]]]]]) assert.equal(jsonDepth(JSON.stringify(value)), value instanceof Array ? 5 : 4);
});

test('the limit is inclusive; deep texts are refused without recursion, even at 500,000 levels', () => {
  assert.equal(jsonDepthProblem(nested(MAX_JSON_DEPTH), 'the body'), null);
  assert.equal(jsonDepthProblem(nested(MAX_JSON_DEPTH + 1), 'the body'), `the body nests JSON deeper than ${MAX_JSON_DEPTH} levels`);
  const huge = '['.repeat(500_000) + ']'.repeat(500_000);
  const started = performance.now();
  assert.match(jsonDepthProblem(huge, 'the body') ?? '', /deeper than 32/);
  assert.ok(jsonDepth(huge) === 500_000);
  assert.ok(performance.now() - started < 500);
});
