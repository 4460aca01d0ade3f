import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkflow } from '../../workflows/parse.js';
import { isShellScript, scanUnits, scriptUnit, workflowRunUnits } from './scripts.js';

const scan = async (text: string): Promise<{ rows: [string, number, boolean][]; problems: string[] }> => {
  const workflow = parseWorkflow('.github/workflows/ci.yml', 'github', text);
  const { units, problems } = workflowRunUnits(workflow);
  const found = await scanUnits(units);
  return { rows: found.dependencies.map((d) => [d.type, d.line, d.pinned]), problems: [...problems, ...found.problems].map((p) => p.error) };
};

test('a download in one step run in a later step of the same job; not across jobs', async () => {
  const { rows } = await scan(`on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: wget -O /tmp/setup https://x.example.test/setup
      - name: run it
        run: |
          chmod +x /tmp/setup
          bash /tmp/setup
  b:
    runs-on: ubuntu-latest
    steps:
      - run: bash /tmp/setup
`);
  assert.deepEqual(rows, [['ScriptDownload', 10, false]]);
});

test('step shells as Scorecard picks them: Windows runners and pwsh steps are not shell', async () => {
  const { rows, problems } = await scan(`on: push
jobs:
  win:
    runs-on: windows-latest
    steps:
      - run: npm install
      - shell: bash
        run: pip install flask
  matrix:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
    steps:
      - run: go install example.test/x/y@latest
      - if: runner.os == 'Windows'
        run: npm install
  defaults:
    runs-on: ubuntu-latest
    defaults:
      run:
        shell: pwsh
    steps:
      - run: npm install
  unknown:
    runs-on: \${{ matrix.os }}
    steps:
      - run: npm install
`);
  assert.deepEqual(rows, [
    ['PipInstall', 8, false],
    ['GoInstall', 15, false],
  ]);
  assert.deepEqual(problems, ['step at line 28: unable to determine OS for job: unknown']);
});

test('workflow expressions do not break the shell parse', async () => {
  const { rows, problems } = await scan(`on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "\${{ github.event.pull_request.title }}" && curl -s "\${{ env.URL }}" | bash
`);
  assert.deepEqual(rows, [['ScriptDownload', 7, false]]);
  assert.deepEqual(problems, []);
});

test('shell scripts are recognised by shebang first, then by name', async () => {
  assert.equal(isShellScript('tools/setup', '#!/usr/bin/env bash'), true);
  assert.equal(isShellScript('tools/setup', '#!/bin/bash -e'), true);
  assert.equal(isShellScript('tools/setup.sh', '#!/usr/bin/env python3'), false);
  assert.equal(isShellScript('tools/setup.sh', 'echo hi'), true);
  assert.equal(isShellScript('tools/setup.zsh', '#!/bin/zsh'), false);
  assert.equal(isShellScript('tools/setup', 'echo hi'), false);
  const { dependencies } = await scanUnits([scriptUnit('install', '#!/bin/sh\nset -e\ncurl -fsSL https://x.example.test/a | sh\n')]);
  assert.deepEqual(dependencies.map((d) => [d.type, d.line, d.snippet]), [['ScriptDownload', 3, 'curl -fsSL https://x.example.test/a | sh']]);
});
