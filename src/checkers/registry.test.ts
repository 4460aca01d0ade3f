import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UPSTREAM_COMMANDS } from './catalogue.js';
import { CHECKER_METAS, isKnownCommand, listCommands } from './metadata.js';
import { IMPLEMENTED_COMMANDS, loadAllCheckers, loadChecker } from './registry.js';

// Compiled tests run from dist/src/checkers; the folders on disk are the same there and in src/.
const here = dirname(fileURLToPath(import.meta.url));
// `shared/` holds helpers used by several checkers, not a command.
const folders = readdirSync(here).filter((name) => name !== 'shared' && statSync(join(here, name)).isDirectory());

test('every checker folder has metadata and code in the registry, and every entry has its folder', () => {
  const names = CHECKER_METAS.map((meta) => meta.name).sort();
  assert.deepEqual(names, [...folders].sort());
  assert.deepEqual([...IMPLEMENTED_COMMANDS].sort(), names);
  for (const name of names) {
    assert.ok(existsSync(join(here, name, 'meta.js')), `${name}/meta`);
    assert.ok(existsSync(join(here, name, 'index.js')), `${name}/index`);
  }
});

test('each loaded checker is its folder\'s metadata plus run', async () => {
  const checkers = await loadAllCheckers();
  for (const checker of checkers) {
    const meta = CHECKER_METAS.find((m) => m.name === checker.name);
    assert.ok(meta, checker.name);
    assert.equal(typeof checker.run, 'function', checker.name);
    assert.deepEqual(Object.fromEntries(Object.entries(checker).filter(([key]) => key !== 'run')), meta, checker.name);
  }
  assert.equal(loadChecker('not-a-command'), undefined);
  assert.equal(await loadChecker('readme-checker'), await loadChecker('readme-checker'), 'loaded once');
});

test('registry keys are unique and upstream command names keep their spelling', () => {
  const names = CHECKER_METAS.map((meta) => meta.name);
  assert.equal(new Set(names).size, names.length);
  assert.equal(Object.keys(UPSTREAM_COMMANDS).length, 33);
  for (const name of names) assert.ok(isKnownCommand(name));
});

test('every checker declares a version, a one-line description and its requirements', () => {
  for (const meta of CHECKER_METAS) {
    assert.ok(Number.isInteger(meta.version) && meta.version >= 1, meta.name);
    assert.ok(meta.description.length > 10 && !meta.description.includes('\n'), meta.name);
    assert.ok(['none', 'shallow', 'full'].includes(meta.requirements.checkout), meta.name);
  }
});

test('listCommands covers all 33 upstream names and marks what is implemented', () => {
  const commands = listCommands();
  for (const name of Object.keys(UPSTREAM_COMMANDS)) assert.ok(commands.some((c) => c.name === name), name);
  for (const meta of CHECKER_METAS) assert.equal(commands.find((c) => c.name === meta.name)?.available, true);
  assert.equal(commands.find((c) => c.name === 'scancode')?.available, CHECKER_METAS.some((c) => c.name === 'scancode'));
});
