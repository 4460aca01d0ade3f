import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command } from 'commander';
import { buildProgram } from './main.js';
import { SUBCOMMANDS, invokedSubcommand } from './subcommands.js';

function subcommand(program: Command, name: string): Command {
  const found = program.commands.find((command) => command.name() === name);
  assert.ok(found, name);
  return found;
}

test('the light table lists the subcommands as their modules define them: the same top-level help', async () => {
  const full = await buildProgram('all');
  const light = await buildProgram(new Set());
  assert.deepEqual(
    light.commands.map((command) => command.name()),
    full.commands.map((command) => command.name()),
  );
  assert.equal(light.helpInformation(), full.helpInformation());
  for (const entry of SUBCOMMANDS) assert.equal(subcommand(full, entry.name).description(), entry.description, entry.name);
});

test('a subcommand loaded alone has the same help as in the full program, and the others stay placeholders', async () => {
  const full = await buildProgram('all');
  for (const entry of SUBCOMMANDS) {
    const alone = await buildProgram(new Set([entry.name]));
    assert.equal(subcommand(alone, entry.name).helpInformation(), subcommand(full, entry.name).helpInformation(), entry.name);
    assert.equal(alone.helpInformation(), full.helpInformation(), `top-level help with ${entry.name} loaded`);
    const others = alone.commands.filter((command) => command.name() !== entry.name);
    assert.ok(others.every((command) => command.options.length === 0 && command.commands.length === 0), entry.name);
  }
});

test('invokedSubcommand names the subcommand commander will run', () => {
  const argv = (...args: string[]): string[] => ['node', 'openchecker', ...args];
  assert.equal(invokedSubcommand(argv()), null);
  assert.equal(invokedSubcommand(argv('--help')), null);
  assert.equal(invokedSubcommand(argv('-V')), null);
  assert.equal(invokedSubcommand(argv('check', '.', '-c', 'readme-checker')), 'check');
  assert.equal(invokedSubcommand(argv('--help', 'up')), 'up');
  assert.equal(invokedSubcommand(argv('help', 'users')), 'users');
  assert.equal(invokedSubcommand(argv('help')), null);
  assert.equal(invokedSubcommand(argv('config', 'check', '--config', 'x.ini')), 'config');
  assert.equal(invokedSubcommand(argv('check', '--', '--upload-pack=x')), 'check');
  assert.equal(invokedSubcommand(argv('chek')), null);
});
