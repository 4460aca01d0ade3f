import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaresRenovate, groupFindings, RENOVATE, toolForBasename, TOOLS } from './dependency-update-tools.js';

void test('toolForBasename', () => {
  const cases: [string, string | null][] = [
    ['dependabot.yml', 'Dependabot'],
    ['dependabot.yaml', 'Dependabot'],
    ['renovate.json', 'RenovateBot'],
    ['renovate.json5', 'RenovateBot'],
    ['.renovaterc', 'RenovateBot'],
    ['.renovaterc.json', 'RenovateBot'],
    ['.renovaterc.json5', 'RenovateBot'],
    ['.pyup.yml', 'PyUp'],
    ['.scala-steward.conf', 'scala-steward'],
    ['scala-steward.conf', 'scala-steward'],
    ['dependabot.yml.bak', null],
    ['renovate.yaml', null],
    ['.pyup.yaml', null],
    ['package.json', null],
  ];
  for (const [name, expected] of cases) assert.equal(toolForBasename(name)?.name ?? null, expected, name);
});

void test('declaresRenovate only for an object under "renovate"', () => {
  const cases: [unknown, boolean][] = [
    [{ name: 'x', renovate: { extends: ['config:recommended'] } }, true],
    [{ name: 'x', renovate: {} }, true],
    [{ name: 'x' }, false],
    [{ renovate: 'yes' }, false],
    [{ renovate: null }, false],
    [{ renovate: [] }, false],
    [null, false],
    [['renovate'], false],
    ['renovate', false],
  ];
  for (const [value, expected] of cases) assert.equal(declaresRenovate(value), expected, JSON.stringify(value));
});

void test('groupFindings: one entry per tool in a fixed order, files sorted and unique', () => {
  assert.deepEqual(groupFindings([]), []);
  const [dependabot, , pyup] = TOOLS;
  assert.ok(dependabot && pyup);
  const findings = groupFindings([
    { tool: pyup, path: '.pyup.yml' },
    { tool: RENOVATE, path: 'renovate.json' },
    { tool: dependabot, path: '.github/dependabot.yml' },
    { tool: RENOVATE, path: '.github/renovate.json5' },
    { tool: RENOVATE, path: 'renovate.json' },
  ]);
  assert.deepEqual(
    findings.map((finding) => [finding.name, finding.files.map((file) => file.path)]),
    [
      ['Dependabot', ['.github/dependabot.yml']],
      ['RenovateBot', ['.github/renovate.json5', 'renovate.json']],
      ['PyUp', ['.pyup.yml']],
    ],
  );
});
