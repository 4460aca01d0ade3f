import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UPSTREAM_COMMANDS } from './catalogue.js';
import { CHECKERS, isKnownCommand, listCommands } from './registry.js';

// Compiled tests run from dist/src/checkers; the folders on disk are the same there and in src/.
const here = dirname(fileURLToPath(import.meta.url));
// `shared/` holds helpers used by several checkers, not a command.
const folders = readdirSync(here).filter((name) => name !== 'shared' && statSync(join(here, name)).isDirectory());

test('every checker folder is in the registry and every registry entry has its folder', () => {
  const names = CHECKERS.map((checker) => checker.name).sort();
  assert.deepEqual(names, [...folders].sort());
});

test('registry keys are unique and upstream command names keep their spelling', () => {
  const names = CHECKERS.map((checker) => checker.name);
  assert.equal(new Set(names).size, names.length);
  assert.equal(Object.keys(UPSTREAM_COMMANDS).length, 33);
  for (const name of names) assert.ok(isKnownCommand(name));
});

test('every checker declares a version, a one-line description and its requirements', () => {
  for (const checker of CHECKERS) {
    assert.ok(Number.isInteger(checker.version) && checker.version >= 1, checker.name);
    assert.ok(checker.description.length > 10 && !checker.description.includes('\n'), checker.name);
    assert.ok(['none', 'shallow', 'full'].includes(checker.requirements.checkout), checker.name);
  }
});

test('listCommands covers all 33 upstream names and marks what is implemented', () => {
  const commands = listCommands();
  for (const name of Object.keys(UPSTREAM_COMMANDS)) assert.ok(commands.some((c) => c.name === name), name);
  for (const checker of CHECKERS) assert.equal(commands.find((c) => c.name === checker.name)?.available, true);
  assert.equal(commands.find((c) => c.name === 'scancode')?.available, CHECKERS.some((c) => c.name === 'scancode'));
});
