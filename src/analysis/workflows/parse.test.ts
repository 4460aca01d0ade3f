import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findWorkflowFiles } from './discover.js';
import { parseWorkflow } from './parse.js';

const WORKFLOW = `name: ci
on: [push, pull_request_target]
permissions: read-all
env:
  VERSION: 1.10
jobs:
  build:
    name: Build
    runs-on: ubuntu-latest
    container:
      image: node:20
    services:
      db:
        image: postgres:16
    steps:
      - name: checkout
        uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - run: |
          make
          make test
  call:
    uses: acme/shared/.github/workflows/ci.yml@main
`;

test('parses triggers, permissions, env, jobs, images and steps with lines', () => {
  const workflow = parseWorkflow('.github/workflows/ci.yml', 'github', WORKFLOW);
  assert.equal(workflow.error, null);
  assert.deepEqual(workflow.triggers, ['push', 'pull_request_target']);
  assert.deepEqual(workflow.permissions, { kind: 'string', value: 'read-all', line: 3 });
  // Scalars keep their source text: 1.10 is not the number 1.1.
  assert.equal(workflow.env.get('VERSION')?.value, '1.10');
  const [build, call] = workflow.jobs;
  assert.equal(build?.id, 'build');
  assert.equal(build?.line, 7);
  assert.equal(build?.name, 'Build');
  assert.deepEqual(build?.images.map((i) => [i.value, i.keyLine]), [['node:20', 11], ['postgres:16', 14]]);
  assert.deepEqual(build?.steps.map((s) => [s.index, s.line, s.uses?.value ?? null, s.uses?.keyLine ?? null]), [
    [0, 16, 'actions/checkout@v4', 17],
    [1, 20, null, null],
  ]);
  assert.equal(build?.steps[0]?.with.get('fetch-depth')?.value, '0');
  assert.equal(build?.steps[1]?.run?.value, 'make\nmake test\n');
  assert.equal(call?.uses?.value, 'acme/shared/.github/workflows/ci.yml@main');
});

test('triggers as a map and as a string; malformed input is an error, never a throw', () => {
  assert.deepEqual(parseWorkflow('w.yml', 'github', 'on:\n  workflow_run:\n  issues:\njobs: {}\n').triggers, ['workflow_run', 'issues']);
  assert.deepEqual(parseWorkflow('w.yml', 'github', 'on: push\n').triggers, ['push']);
  assert.equal(parseWorkflow('w.yml', 'github', '').error, 'the file is empty');
  assert.match(parseWorkflow('w.yml', 'github', 'a: b\n c: [').error ?? '', /^invalid YAML at line \d+: /);
  assert.match(parseWorkflow('w.yml', 'github', 'on: push\non: issues\n').error ?? '', /unique/);
});

test('discovers top-level workflow files of the three platforms only', () => {
  const file = (path: string) => ({ path, lowerName: path.slice(path.lastIndexOf('/') + 1).toLowerCase(), size: 1 });
  const found = findWorkflowFiles([
    file('.github/workflows/a.yml'),
    file('.GitHub/Workflows/b.YAML'),
    file('.github/workflows/sub/c.yml'),
    file('.github/workflows/readme.md'),
    file('.gitcode/workflows/d.yaml'),
    file('.gitee/workflows/e.yml'),
    file('x/.github/workflows/f.yml'),
  ]);
  assert.deepEqual(found, [
    { path: '.github/workflows/a.yml', platform: 'github' },
    { path: '.GitHub/Workflows/b.YAML', platform: 'github' },
    { path: '.gitcode/workflows/d.yaml', platform: 'gitcode' },
    { path: '.gitee/workflows/e.yml', platform: 'gitee' },
  ]);
});
