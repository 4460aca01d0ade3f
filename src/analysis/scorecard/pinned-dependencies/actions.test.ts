import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkflow } from '../../workflows/parse.js';
import { actionDependencies } from './actions.js';

const SHA = 'a81bbbf8298c0fa03ea29cdc473d45769f953675';
const DIGEST = `sha256:${'5'.repeat(64)}`;

test("actions and docker:// steps with Scorecard's pinning rules and ecosystems", () => {
  const uses = ['actions/checkout@v3.2.0', 'actions/checkout@a81bbbf', `actions/checkout@${SHA}`, `docker://rhysd/actionlint:latest@${DIGEST}`, 'docker://rhysd/actionlint:latest', `docker://gcr.io/x/y:sha256-${'3'.repeat(64)}.sig`, './local'];
  const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${uses.map((u) => `      - uses: ${u}\n`).join('')}`;
  const deps = actionDependencies(parseWorkflow('.github/workflows/a.yml', 'github', text));
  assert.deepEqual(
    deps.map((d) => [d.type, d.pinned, d.ecosystem, d.githubOwned]),
    [
      ['Action', false, 'githubAction', true],
      ['Action', false, 'githubAction', true],
      ['Action', true, 'githubAction', true],
      // Scorecard weighs docker:// steps as third-party actions.
      ['Docker', true, 'githubAction', false],
      ['Docker', false, 'githubAction', false],
      ['Docker', false, 'githubAction', false],
    ],
  );
});
