/**
 * The layer guard (rules in .dependency-cruiser.cjs, described in docs/architecture.md "Layers"): nothing
 * imports a layer above its own, no folders import each other, checker folders stay apart, and production code
 * never imports tests or test helpers. `npm run layers` prints the same check with the folder graph.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../src/lib/paths.js';
import { CONFIG_FILE, checkLayers, describeProblems } from './support/layers.js';

const root = packageRoot();

test('no import breaks a layer rule and no folders import each other', async () => {
  const report = await checkLayers(root);
  assert.ok(report.modules > 100, `only ${report.modules} modules cruised: is the guard looking at src/?`);
  const problems = describeProblems(report);
  assert.deepEqual(problems, [], `${problems.length} layer problem(s) (npm run layers shows the folder graph):\n${problems.join('\n')}`);
});

/** A miniature tree with one of each mistake: the guard must name every one. */
const planted: Record<string, string> = {
  'src/cli/main.ts': "import { y } from '../analysis/x/y.js';\nexport const main = (): unknown => y;\n",
  'src/cli/top.ts': 'export const top = 1;\n',
  'src/lib/low.ts': "import { top } from '../cli/top.js';\nexport const low = top;\n",
  'src/checkers/types.ts': 'export type Meta = { name: string };\n',
  'src/checkers/registry.ts': "export const load = async (): Promise<unknown> => import('./foo/index.js');\n",
  'src/checkers/foo/meta.ts': "import type { Meta } from '../types.js';\nimport { low } from '../../lib/low.js';\nexport const meta: Meta = { name: String(low) };\n",
  'src/checkers/foo/index.ts': "import { meta } from './meta.js';\nexport const checker = meta;\n",
  'src/checkers/bar/index.ts': "import { meta } from '../foo/meta.js';\nexport const checker = meta;\n",
  'src/analysis/x/y.ts': "import { checker } from '../../checkers/bar/index.js';\nimport { load } from '../../checkers/registry.js';\nexport const y = [checker, load];\n",
  'src/store/helper.ts': "import { test } from 'node:test';\nimport { z } from '../../test/support/h.js';\nexport const s = [test, z];\n",
  'src/tasks/a.ts': "import { b } from '../queue/b.js';\nexport const a = b;\n",
  'src/queue/b.ts': "import { c } from '../tasks/c.js';\nexport const b = c;\n",
  'src/tasks/c.ts': 'export const c = 1;\n',
  'test/support/h.ts': 'export const z = 1;\n',
};

test('the guard names an upward import, a sibling checker, a heavy meta.ts, a test helper in src and a folder cycle', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oc-layers-'));
  try {
    for (const file of [CONFIG_FILE, 'tsconfig.json']) copyFileSync(join(root, file), join(dir, file));
    writeFileSync(join(dir, 'package.json'), '{"name":"planted","type":"module"}\n');
    for (const [path, text] of Object.entries(planted)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const problems = describeProblems(await checkLayers(dir));
    for (const expected of [
      'src/lib/low.ts -> src/cli/top.ts (up-from-lib-config)',
      'src/checkers/foo/meta.ts -> src/lib/low.ts (checker-meta-types-only)',
      'src/checkers/bar/index.ts -> src/checkers/foo/meta.ts (no-sibling-checkers)',
      'src/analysis/x/y.ts -> src/checkers/bar/index.ts (analysis-not-checkers)',
      'src/analysis/x/y.ts -> src/checkers/bar/index.ts (only-registry-loads-checker-code)',
      'src/analysis/x/y.ts -> src/checkers/registry.ts (up-from-analysis)',
      'src/store/helper.ts -> node:test (production-not-test-runner)',
      'src/store/helper.ts -> test/support/h.ts (production-not-test-code)',
      'src/store/helper.ts (production-reachable)',
    ]) {
      assert.ok(problems.includes(expected), `missing: ${expected}\ngot:\n${problems.join('\n')}`);
    }
    assert.ok(
      problems.some((p) => p.startsWith('folder cycle: src/queue/ <-> src/tasks/ via ')),
      `no folder cycle between tasks and queue in:\n${problems.join('\n')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
