/**
 * What ships holds no tests and no test helpers: the npm package (package.json "files", as `npm pack` lists
 * it) and the container image (its build context and the one tsconfig it compiles). Tests and their helpers
 * live in *.test.ts files and under test/ (the layer guard keeps production code from importing them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import dockerignoreModule from '@balena/dockerignore';
import { packageRoot } from '../src/lib/paths.js';

const root = packageRoot();
const TEST_CODE = /(^|\/)(test|bench)\/|\.test\.(ts|js)(\.map)?$/;

/** The files `npm pack` would put in the package, without running the `prepare` build. */
function packedFiles(): string[] {
  // Under `npm test` npm tells us where it is; run directly, `npm` is looked up on PATH.
  const npm = process.env.npm_execpath;
  const args = ['pack', '--dry-run', '--json', '--ignore-scripts'];
  const run = npm?.endsWith('.js') ? spawnSync(process.execPath, [npm, ...args], { cwd: root, encoding: 'utf8' }) : spawnSync('npm', args, { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `npm pack --dry-run failed: ${run.stderr}`);
  const [pack] = JSON.parse(run.stdout) as { files: { path: string }[] }[];
  return pack!.files.map((file) => file.path);
}

test('the npm package holds no compiled test and no test helper', { skip: !existsSync(join(root, 'dist', 'src')) && 'not built' }, () => {
  const files = packedFiles();
  assert.ok(files.includes('dist/src/cli/main.js'), 'the package holds no CLI: is dist/ built?');
  assert.deepEqual(files.filter((file) => TEST_CODE.test(file)), [], 'test files in the package');
  const compiled = files.filter((file) => file.startsWith('dist/src/') && file.endsWith('.js'));
  // Every shipped module is the compiled form of a production source: not a stale leftover of a moved file.
  const orphans = compiled.filter((file) => !existsSync(join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'))));
  assert.deepEqual(orphans, [], 'shipped modules with no source in src/ (stale dist/? `npm run build` starts afresh)');
  const helpers = compiled.filter((file) => /\bfrom\s*['"]node:(test|assert)(\/strict)?['"]/.test(readFileSync(join(root, file), 'utf8')));
  assert.deepEqual(helpers, [], 'shipped modules that import node:test or node:assert (test helpers belong in test/support/)');
});

test('the image compiles production sources only: its build context leaves tests and helpers out', () => {
  const ignore = dockerignoreModule.default({ ignorecase: false }).add(readFileSync(join(root, '.dockerignore'), 'utf8').split('\n'));
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`],
    );
  const sent = ['src', 'test', 'bench', 'dashboard/test'].filter((dir) => existsSync(join(root, dir))).flatMap(walk).filter((file) => !ignore.ignores(file));
  assert.deepEqual(sent.filter((file) => TEST_CODE.test(file)), [], 'tests or test helpers in the build context');
  const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as { include: string[]; exclude: string[] };
  assert.deepEqual(build.include, ['src/**/*.ts']);
  assert.ok(build.exclude.includes('src/**/*.test.ts'), 'tsconfig.build.json compiles the tests beside the sources');
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  assert.match(scripts.build!, /^npm run clean && tsc -p tsconfig\.build\.json /, 'the build compiles tsconfig.build.json into an empty dist/');
});
