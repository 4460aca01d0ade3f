import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rubyRegex } from './ruby-regex.js';

void test('Ruby anchors, flags and classes translate to the same meaning', () => {
  // ^ and $ are line anchors in Ruby; \A and \z are string anchors.
  assert.ok(rubyRegex('^import').test('x\nimport y'));
  assert.ok(rubyRegex('\\Afirst').test('first\nsecond'));
  assert.ok(!rubyRegex('\\Asecond').test('first\nsecond'));
  assert.ok(rubyRegex('end\\z').test('the end'));
  assert.ok(!rubyRegex('end\\z').test('the end\n'));
  assert.ok(rubyRegex('end\\Z').test('the end\n'));
  assert.ok(rubyRegex('0x\\h+').test('0xBEEF'));
  // Leading flag groups and scoped case-insensitivity (unsupported by Node 20's engine as such).
  assert.ok(rubyRegex('(?i)^module').test('MODULE x'));
  assert.ok(rubyRegex('\\b(?i:codeunit|page)\\b').test('PAGE 50100'));
  assert.ok(!rubyRegex('\\b(?i:codeunit)\\bX').test('codeunit x'));
  assert.ok(rubyRegex('^(?i:<pre\\s+class)').test('<PRE class'));
  assert.ok(!rubyRegex('^(?i:a)b').test('AB'));
  // Possessive quantifiers and atomic groups become plain ones.
  assert.ok(rubyRegex('a*+b').test('aaab'));
  assert.ok(rubyRegex('(?>foo|bar)baz').test('barbaz'));
  // Free-spacing mode drops whitespace and comments.
  assert.ok(rubyRegex('(?x) foo \\s+ bar # comment').test('foo   bar'));
});

void test('constructs JavaScript cannot express are refused, not silently changed', () => {
  assert.throws(() => rubyRegex('\\[(?<v>a)(?:;\\g<v>)*\\]'));
});
