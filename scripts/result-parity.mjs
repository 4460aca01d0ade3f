#!/usr/bin/env node
// result-parity: proves that a refactor changed no result. It builds two versions of OpenChecker — a base git
// revision (a temporary detached `git worktree`) and the current checkout (or a second revision) — runs both
// versions' CLI (`node <root>/bin/openchecker.js check <tree> -c <commands> --format json -q`) on the same
// trees with every outside service unreachable, and compares each command's `scan_results` entry byte for byte
// (JSON.stringify of the value). Plain ESM JavaScript on purpose: it only uses each side's bin/openchecker.js,
// `npm run build` and git, never the compiled layout under dist/, so it keeps working while files move.
//
// Usage (from the repository root):
//   node scripts/result-parity.mjs --base <git-rev> [--keep] [--trees large,self,fixtures]
//        [--current <dir> | --current-rev <git-rev>] [--skip-build-current | --clean-build-current]
//        [--commands a,b,...]
//        [--no-offline-extras] [--large-dir <dir>] [--timeout-s <seconds>]
//
//   --base <rev>          the reference version (e.g. the pre-refactor commit a91943a).
//   --current <dir>       the version under test: a checkout with node_modules (default: the checkout this
//                         script is in). Its dist/ is rebuilt with `npm run build` when it is missing or older
//                         than a source file (tsc's own list of the build's inputs; a source without its .js
//                         counts as stale). --skip-build-current: never build, fail when stale (run `npm run
//                         build` yourself first). --clean-build-current: rm -rf dist first, so no compiled file
//                         left over from a moved source can be loaded (the script warns when it finds some).
//   --current-rev <rev>   the version under test is a revision too (a second temporary worktree), e.g. for a
//                         sanity run `--base HEAD --current-rev HEAD`, or while the working tree is mid-edit.
//   --trees               which trees to check, comma-separated (default: large,self,fixtures):
//                           large    LARGE_TREE of test/support/npm-tree.ts (~10k files of ten npm packages,
//                                    installed once into a cache folder with the user's npm configuration),
//                                    read in place (FsRepoView); --large-dir <dir> uses a folder you have.
//                           self     this repository at the base revision, cloned by the CLI itself
//                                    (`check <repo> --version <sha>`: the agents' GitRepoView path), with
//                                    changed-files-since-commit-detector run against <sha>~5.
//                           fixtures a small generated git repository (workflows with dangerous patterns and
//                                    unpinned actions, Dockerfile, lockfiles, LICENSE, SECURITY.md, binaries),
//                                    read in place (FsRepoView).
//   --commands a,b        run exactly these commands (default: every available command of the base version
//                         that needs no network, as `check` picks them without -c, plus the offline extras).
//   --no-offline-extras   leave out dependency-checker, sbom and osv-scanner, which declare the network but
//                         are run here fully offline ([DepsDev]/[Registries] enabled = false, [OSV]
//                         offline_dir = a folder of two fixture OSV records).
//   --keep                keep the temporary folder and worktrees (outputs are in <tmp>/out/).
//
// node_modules of each worktree is a copy (`cp -a`) of the current checkout's node_modules; nothing is installed
// from the network except the large tree's packages (once, cached; see test/support/npm-tree.ts).
// Every config key ending in _url (outside [Database] and [RabbitMQ]) points at a closed loopback port, as
// test/support/fixtures.ts testConfig() does, and OPENCHECKER_* variables are removed from the environment.
//
// Normalised before comparing (and nothing else):
//   - scancode: headers[].start_timestamp, headers[].end_timestamp, headers[].duration — the wall-clock start,
//     end and length of the run (tree-scan.ts, in src/licenses/ before the layout change and src/analysis/licenses/
//     after it; git-repo-view.test.ts ignores the same headers).
//   - sbom: serialNumber (a random urn:uuid per run) and metadata.timestamp (the creation time), both set by
//     the CycloneDX builder (src/checkers/sbom/build.ts) when no fixed value is given.
//
// Exit code: 0 when every command's result is identical, 1 when any differs (with a hint at the first
// differing offset), 2 on a usage or setup error.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ALL_TREES = ['large', 'self', 'fixtures'];
const OFFLINE_EXTRAS = ['dependency-checker', 'sbom', 'osv-scanner'];
const UNREACHABLE_URL = 'http://127.0.0.1:9';
const NORMALISED = '<normalised by result-parity>';
const SELF_COMMIT_HASH_DEPTH = 5;

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const options = {
    base: null,
    current: null,
    currentRev: null,
    keep: false,
    trees: ALL_TREES,
    commands: null,
    extras: true,
    largeDir: null,
    buildCurrent: 'auto',
    timeoutS: 3600,
  };
  const value = (i, name) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--base': options.base = value(i, arg); i++; break;
      case '--current': options.current = resolve(value(i, arg)); i++; break;
      case '--current-rev': options.currentRev = value(i, arg); i++; break;
      case '--keep': options.keep = true; break;
      case '--trees': options.trees = value(i, arg).split(',').map((t) => t.trim()).filter(Boolean); i++; break;
      case '--commands': options.commands = value(i, arg).split(',').map((t) => t.trim()).filter(Boolean); i++; break;
      case '--no-offline-extras': options.extras = false; break;
      case '--large-dir': options.largeDir = resolve(value(i, arg)); i++; break;
      case '--skip-build-current': options.buildCurrent = 'skip'; break;
      case '--clean-build-current': options.buildCurrent = 'clean'; break;
      case '--timeout-s': options.timeoutS = Number(value(i, arg)); i++; break;
      case '-h':
      case '--help':
        process.stdout.write(usageText());
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown argument ${arg}`);
    }
  }
  if (!options.base) throw new UsageError('--base <git-rev> is required');
  if (options.current && options.currentRev) throw new UsageError('give --current or --current-rev, not both');
  const unknown = options.trees.filter((t) => !ALL_TREES.includes(t));
  if (unknown.length > 0 || options.trees.length === 0) throw new UsageError(`--trees takes a comma-separated subset of ${ALL_TREES.join(',')}`);
  if (!Number.isFinite(options.timeoutS) || options.timeoutS <= 0) throw new UsageError('--timeout-s must be a positive number');
  return options;
}

function usageText() {
  const text = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  const lines = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line.startsWith('//')) break;
    lines.push(line.replace(/^\/\/ ?/, ''));
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Processes (argument arrays only; every child we start is remembered so an interrupt can stop it)

const children = new Set();

function run(command, args, { cwd, env = process.env, timeoutMs = 0 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    let timedOut = false;
    const timer = timeoutMs > 0 ? setTimeout(() => { timedOut = true; child.kill('SIGTERM'); }, timeoutMs) : null;
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      children.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      children.delete(child);
      resolvePromise({
        code: timedOut ? 124 : code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      });
    });
  });
}

async function runOk(command, args, options = {}) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-30).join('\n');
    throw new Error(`${command} ${args.join(' ')} (in ${options.cwd ?? process.cwd()}) exited with ${result.code}:\n${tail}`);
  }
  return result;
}

function git(repo, args) {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (line) => process.stderr.write(`${line}\n`);

/** The environment of every OpenChecker run: no OPENCHECKER_* overrides, no log level, fixed TZ and locale. */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, val] of Object.entries(process.env)) {
    if (key.startsWith('OPENCHECKER_') || key === 'LOG_LEVEL') continue;
    env[key] = val;
  }
  return { ...env, TZ: 'UTC', LC_ALL: 'C', npm_config_update_notifier: 'false', npm_config_fund: 'false', ...extra };
}

// ---------------------------------------------------------------------------------------------------------------
// The two versions

const worktrees = [];

async function prepareWorktree(repoRoot, rev, dir, nodeModules) {
  const sha = git(repoRoot, ['rev-parse', '--verify', '--end-of-options', `${rev}^{commit}`]);
  const started = performance.now();
  await runOk('git', ['-C', repoRoot, 'worktree', 'add', '--detach', '--quiet', dir, sha]);
  worktrees.push(dir);
  const lockAtRev = git(repoRoot, ['show', `${sha}:package-lock.json`]);
  const lockHere = readFileSync(join(dirname(nodeModules), 'package-lock.json'), 'utf8').trim();
  if (lockAtRev !== lockHere) {
    log(`warning: package-lock.json at ${rev} differs from ${dirname(nodeModules)}'s; its copied node_modules may not match ${rev}`);
  }
  await runOk('cp', ['-a', nodeModules, join(dir, 'node_modules')]);
  const copied = performance.now();
  await runOk('npm', ['run', 'build'], { cwd: dir, env: cleanEnv() });
  log(`  ${rev} (${sha.slice(0, 12)}) in ${dir}: worktree + node_modules ${seconds(copied - started)}, npm run build ${seconds(performance.now() - copied)}`);
  return { rev, sha, root: dir };
}

function listFiles(dir, keep) {
  const found = [];
  if (!existsSync(dir)) return found;
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && keep(entry.name)) found.push(path);
    }
  };
  walk(dir);
  return found;
}

/**
 * The sources `npm run build` compiles, as tsc itself lists them for tsconfig.build.json (so excludes and moved
 * files are honoured); null when that cannot be asked.
 */
async function buildInputs(root) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc) || !existsSync(join(root, 'tsconfig.build.json'))) return null;
  const result = await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--listFilesOnly'], { cwd: root, env: cleanEnv() });
  if (result.code !== 0) return null;
  return result.stdout
    .split('\n')
    .map((line) => resolve(root, line.trim()))
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts') && !relative(root, path).startsWith('..') && !relative(root, path).startsWith('node_modules'));
}

/** Why the checkout's dist/ does not reflect its sources (null: it does), and dist/src files no source produces. */
async function distState(root) {
  const sources =
    (await buildInputs(root)) ??
    listFiles(join(root, 'src'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'));
  const outputs = new Set(listFiles(join(root, 'dist', 'src'), (name) => name.endsWith('.js')));
  let stale = null;
  if (!existsSync(join(root, 'bin', 'openchecker.js'))) stale = 'bin/openchecker.js is missing';
  if (sources.length === 0) stale = 'no sources under src/';
  const configs = ['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => join(root, f)).filter((f) => existsSync(f));
  const newestConfig = Math.max(0, ...configs.map((f) => statSync(f).mtimeMs));
  const expected = new Set();
  for (const source of sources) {
    const output = join(root, 'dist', relative(root, source)).replace(/\.ts$/, '.js');
    expected.add(output);
    if (stale) continue;
    if (!existsSync(output)) stale = `${relative(root, output)} is missing`;
    else {
      const builtAt = statSync(output).mtimeMs;
      if (statSync(source).mtimeMs > builtAt) stale = `${relative(root, source)} is newer than its output`;
      else if (newestConfig > builtAt) stale = 'package.json or a tsconfig is newer than the build';
    }
  }
  const orphans = [...outputs].filter((output) => !expected.has(output)).map((output) => relative(root, output));
  return { stale, orphans };
}

async function prepareCurrentDir(dir, mode) {
  let { stale, orphans } = await distState(dir);
  if (mode === 'clean') {
    log(`  ${dir}: rm -rf dist && npm run build ...`);
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    stale = 'a clean build was asked for';
  }
  if (stale) {
    if (mode === 'skip') throw new Error(`${dir}: dist/ is stale (${stale}); run \`npm run build\` there, or drop --skip-build-current`);
    if (mode !== 'clean') log(`  ${dir}: dist/ is stale (${stale}): npm run build ...`);
    const result = await runOk('npm', ['run', 'build'], { cwd: dir, env: cleanEnv() });
    log(`  ${dir}: npm run build ${seconds(result.ms)}`);
    ({ stale, orphans } = await distState(dir));
    if (stale) throw new Error(`${dir}: dist/ is still stale after npm run build (${stale})`);
  }
  if (orphans.length > 0) {
    log(`warning: ${dir}/dist/src has ${orphans.length} compiled file(s) no source produces (left over from moved or deleted files; code that`);
    log(`         finds files by path could still load them): ${orphans.slice(0, 4).join(', ')}${orphans.length > 4 ? ', ...' : ''}`);
    log(`         for a clean comparison use --clean-build-current (rm -rf dist && npm run build)`);
  }
  let rev = 'checkout';
  try {
    rev = `checkout at ${git(dir, ['rev-parse', '--short=12', 'HEAD'])}${git(dir, ['status', '--porcelain', '--untracked-files=no']) ? ' + uncommitted changes' : ''}`;
  } catch {
    // not a git checkout: fine
  }
  return { rev, sha: 'working tree', root: dir };
}

function cli(side) {
  return join(side.root, 'bin', 'openchecker.js');
}

async function commandListing(side, cwd) {
  const result = await runOk(process.execPath, [cli(side), 'commands', '--json'], { cwd, env: cleanEnv() });
  return { text: result.stdout, commands: JSON.parse(result.stdout) };
}

/** Every `[Section] key` of the version's documented example configuration. */
async function configKeys(side, cwd) {
  const result = await runOk(process.execPath, [cli(side), 'config', 'example'], { cwd, env: cleanEnv() });
  const keys = [];
  let section = null;
  for (const line of result.stdout.split('\n')) {
    const header = /^\[([^\]]+)\]\s*$/.exec(line);
    if (header) section = header[1];
    const key = /^([A-Za-z0-9_]+)\s*=/.exec(line);
    if (key && section) keys.push([section, key[1]]);
  }
  if (keys.length === 0) throw new Error(`${cli(side)} config example printed no keys`);
  return keys;
}

// ---------------------------------------------------------------------------------------------------------------
// Offline configuration

function writeOfflineConfig(path, keyLists, osvDir) {
  const sections = new Map();
  const set = (section, key, val) => {
    if (!sections.has(section)) sections.set(section, new Map());
    sections.get(section).set(key, val);
  };
  for (const keys of keyLists) {
    for (const [section, key] of keys) {
      if (key.endsWith('_url') && section !== 'Database' && section !== 'RabbitMQ') set(section, key, UNREACHABLE_URL);
    }
  }
  // Offline extras: lockfile licenses only (no deps.dev, no registries) and OSV records from a local folder.
  set('DepsDev', 'enabled', 'false');
  set('Registries', 'enabled', 'false');
  set('OSV', 'offline_dir', osvDir);
  const lines = ['; written by scripts/result-parity.mjs: every outside service is a closed loopback port'];
  for (const [section, entries] of sections) {
    lines.push('', `[${section}]`);
    for (const [key, val] of entries) lines.push(`${key} = ${val}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function writeOsvRecords(dir) {
  mkdirSync(dir, { recursive: true });
  const records = [
    {
      id: 'PARITY-FIXTURE-0001',
      modified: '2024-01-01T00:00:00Z',
      published: '2024-01-01T00:00:00Z',
      summary: 'Fixture advisory for lodash before 4.17.21',
      details: 'A made-up record for scripts/result-parity.mjs.',
      aliases: ['CVE-0000-0001'],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
      references: [{ type: 'WEB', url: 'https://example.invalid/advisory/1' }],
    },
    {
      id: 'PARITY-FIXTURE-0002',
      modified: '2024-01-01T00:00:00Z',
      published: '2024-01-01T00:00:00Z',
      summary: 'Fixture advisory for requests before 2.20.0',
      affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.20.0' }] }] }],
    },
  ];
  for (const record of records) writeFileSync(join(dir, `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Trees

async function largeTree(options, sourceRoots, work) {
  if (options.largeDir) return options.largeDir;
  // test/support/npm-tree.ts only imports node built-ins: transpile it on its own rather than compiling the tests.
  const source = sourceRoots.map((root) => join(root, 'test', 'support', 'npm-tree.ts')).find((path) => existsSync(path));
  if (!source) throw new Error('test/support/npm-tree.ts not found in either version (use --large-dir)');
  const ts = createRequire(join(sourceRoots[0], 'package.json'))('typescript');
  const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: source,
  });
  const module = join(work, 'npm-tree.mjs');
  writeFileSync(module, outputText);
  const { npmTree, LARGE_TREE } = await import(pathToFileURL(module).href);
  const started = performance.now();
  const tree = await npmTree(LARGE_TREE);
  log(`  large tree (${LARGE_TREE.length} packages) ready in ${seconds(performance.now() - started)}: ${tree.dir}`);
  return tree.dir;
}

const MIT = `MIT License

Copyright (c) 2024 Parity Fixture Authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

const PINNED = 'b4ffde65f46336ab88eb53be808477a3936bae11';

function fixtureFiles() {
  const ciWorkflow = `name: CI
on:
  pull_request_target:
  push:
    branches: [main]
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - uses: actions/setup-node@${PINNED}
        with:
          node-version: 20
      - name: Greet
        run: echo "Building \${{ github.event.pull_request.title }}"
      - run: curl -sSL https://example.invalid/install.sh | bash
      - run: pip install requests
      - run: npm install -g typescript
      - run: npm ci && npm test
  codeql:
    runs-on: ubuntu-latest
    permissions:
      security-events: write
      contents: read
    steps:
      - uses: actions/checkout@${PINNED}
      - uses: github/codeql-action/init@v3
        with:
          languages: javascript
      - uses: github/codeql-action/analyze@v3
`;
  const releaseWorkflow = `name: Release
on:
  workflow_run:
    workflows: [CI]
    types: [completed]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v3
        with:
          ref: \${{ github.event.workflow_run.head_branch }}
      - run: echo "\${{ github.event.workflow_run.head_commit.message }}"
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      - uses: pypa/gh-action-pypi-publish@release/v1
      - uses: docker/build-push-action@v5
        with:
          push: true
          tags: acme/fixture:latest
`;
  const dependabot = `version: 2
updates:
  - package-ecosystem: npm
    directory: /
    schedule:
      interval: weekly
`;
  const dockerfile = `FROM python:3.12-slim AS build
RUN pip install flask
RUN curl -fsSL https://example.invalid/get.sh | sh
FROM node:20@sha256:${'a'.repeat(64)}
COPY --from=build /usr/local /usr/local
RUN npm install -g left-pad
CMD ["node", "src/index.js"]
`;
  const packageJson = { name: 'parity-fixture', version: '1.2.3', description: 'Fixture for result-parity', license: 'MIT', main: 'src/index.js', dependencies: { lodash: '4.17.20', 'left-pad': '1.3.0' }, devDependencies: { minimist: '1.2.5' } };
  const packageLock = {
    name: 'parity-fixture',
    version: '1.2.3',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'parity-fixture', version: '1.2.3', license: 'MIT', dependencies: { lodash: '4.17.20', 'left-pad': '1.3.0' }, devDependencies: { minimist: '1.2.5' } },
      'node_modules/left-pad': { version: '1.3.0', license: 'WTFPL' },
      'node_modules/lodash': { version: '4.17.20', license: 'MIT' },
      'node_modules/minimist': { version: '1.2.5', dev: true },
    },
  };
  const readme = `# Parity fixture

A small project used by scripts/result-parity.mjs.

## Building

Run \`npm ci\` and then \`npm run build\` to build the package; \`docker build .\` builds the image.

## Usage

\`\`\`js
const { pad } = require('./src/index.js');
\`\`\`

## License

MIT, see [LICENSE](LICENSE).
`;
  const security = `# Security Policy

## Reporting a Vulnerability

Please report vulnerabilities privately to security@example.invalid or through GitHub's private vulnerability
reporting. We acknowledge reports within 3 days and publish a fix and an advisory within 90 days
(coordinated disclosure).

## Supported Versions

Only the latest release receives security fixes.
`;
  const indexJs = `// SPDX-License-Identifier: MIT
// Copyright (c) 2024 Parity Fixture Authors
'use strict';
const _ = require('lodash');

/** Pads a string on the left. */
function pad(text, width) {
  // a comment line
  return _.padStart(String(text), width);
}

module.exports = { pad };
`;
  const appPy = `# Copyright 2023 Example Corp.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
import requests


def fetch(url):
    """Fetch a URL."""
    return requests.get(url, timeout=10).text
`;
  const fuzzGo = `package parse

import "testing"

func FuzzParse(f *testing.F) {
\tf.Add("seed")
\tf.Fuzz(func(t *testing.T, s string) {
\t\t_ = len(s)
\t})
}
`;
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56), Buffer.from([0, 1, 2, 3, 0xff, 0xfe])]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(32, 1)]);
  return {
    '.github/workflows/ci.yml': ciWorkflow,
    '.github/workflows/release.yml': releaseWorkflow,
    '.github/dependabot.yml': dependabot,
    '.github/CODEOWNERS': '* @acme/maintainers\n/src/ @alice\n',
    MAINTAINERS: 'Alice Example <alice@example.invalid>\nBob Example <bob@example.invalid>\n',
    Dockerfile: dockerfile,
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify(packageLock, null, 2)}\n`,
    'requirements.txt': 'requests==2.19.0\nflask>=1.0\n',
    LICENSE: MIT,
    'README.md': readme,
    'README.OpenSource': `${JSON.stringify([{ Name: 'lodash', License: 'MIT', Version: '4.17.20' }], null, 2)}\n`,
    'SECURITY.md': security,
    'sonar-project.properties': 'sonar.projectKey=parity-fixture\nsonar.sources=src\n',
    'src/index.js': indexJs,
    'app/app.py': appPy,
    'parse/parse_fuzz_test.go': fuzzGo,
    'tools/helper': elf,
    'assets/logo.png': png,
    'vendor/bundle.tar.gz': gzipSync(Buffer.from('parity fixture archive\n'.repeat(20)), { level: 9, mtime: 0 }),
  };
}

function fixtureRepo(dir) {
  mkdirSync(dir, { recursive: true });
  const env = {
    ...cleanEnv(),
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Parity Fixture',
    GIT_AUTHOR_EMAIL: 'fixture@example.invalid',
    GIT_COMMITTER_NAME: 'Parity Fixture',
    GIT_COMMITTER_EMAIL: 'fixture@example.invalid',
  };
  const g = (args, date) => execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore', env: date ? { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : env });
  g(['init', '--quiet', '--initial-branch=main']);
  const files = Object.entries(fixtureFiles());
  const write = (entries) => {
    for (const [path, content] of entries) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  };
  // Two commits, with fixed dates, so history-based checks see a real (and reproducible) history.
  write(files.filter(([path]) => !path.startsWith('.github/')));
  g(['add', '--all']);
  g(['commit', '--quiet', '--no-gpg-sign', '-m', 'Initial import'], '2024-01-01T12:00:00Z');
  write(files.filter(([path]) => path.startsWith('.github/')));
  g(['add', '--all']);
  g(['commit', '--quiet', '--no-gpg-sign', '-m', 'Add workflows'], '2024-01-02T12:00:00Z');
  return dir;
}

// ---------------------------------------------------------------------------------------------------------------
// Running and comparing

/**
 * One tree on one side: `check` with exactly `commands`. When the CLI clones (a `version` is given), commands
 * that need a real worktree run in a second invocation, so the others are read through GitRepoView as on an agent.
 */
async function runTree(side, tree, commands, ctx) {
  const groups = tree.version
    ? [commands.filter((c) => !ctx.worktreeCommands.has(c)), commands.filter((c) => ctx.worktreeCommands.has(c))]
    : [commands];
  const results = {};
  const started = performance.now();
  let part = 0;
  for (const group of groups) {
    if (group.length === 0) continue;
    const output = join(ctx.outDir, `${tree.name}.${side.label}.${part++}.json`);
    const args = [cli(side), 'check', tree.path, '--format', 'json', '-q', '--config', ctx.configPath, '--output', output];
    if (tree.version) args.push('--version', tree.version);
    if (tree.commitHash && group.includes('changed-files-since-commit-detector')) args.push('--commit-hash', tree.commitHash);
    // `-c` takes any number of values, so it comes last.
    args.push('-c', ...group);
    const result = await run(process.execPath, args, { cwd: ctx.runCwd, env: ctx.env, timeoutMs: ctx.timeoutMs });
    if (result.code !== 0 || !existsSync(output)) {
      throw new Error(`${side.label}: check ${tree.name} exited with ${result.code}:\n${result.stderr.trim().split('\n').slice(-30).join('\n')}`);
    }
    const payload = JSON.parse(readFileSync(output, 'utf8'));
    Object.assign(results, payload.scan_results);
  }
  return { results, ms: performance.now() - started };
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function normalise(command, value) {
  if (command === 'scancode' && isObject(value) && Array.isArray(value.headers)) {
    const headers = value.headers.map((header) => {
      if (!isObject(header)) return header;
      const copy = { ...header };
      for (const key of ['start_timestamp', 'end_timestamp', 'duration']) if (key in copy) copy[key] = NORMALISED;
      return copy;
    });
    return { ...value, headers };
  }
  if (command === 'sbom' && isObject(value)) {
    const copy = { ...value };
    if ('serialNumber' in copy) copy.serialNumber = NORMALISED;
    if (isObject(copy.metadata) && 'timestamp' in copy.metadata) copy.metadata = { ...copy.metadata, timestamp: NORMALISED };
    return copy;
  }
  return value;
}

function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function excerpt(text, at) {
  const from = Math.max(0, at - 100);
  return `${from > 0 ? '…' : ''}${text.slice(from, at + 100)}${at + 100 < text.length ? '…' : ''}`;
}

/** Load-dependent outcomes that would make a comparison flaky rather than wrong. */
function timingHazards(command, text) {
  const hazards = [];
  if (/timed out after \d+ s/.test(text)) hazards.push(`${command}: a command time limit was hit`);
  if (/Processing interrupted: timeout after/.test(text)) hazards.push(`${command}: a per-file scan budget was hit (scan_errors), which depends on machine load`);
  return hazards;
}

function compareTree(tree, base, current, commands) {
  const rows = [];
  const diffs = [];
  const hazards = [];
  const names = [...new Set([...commands, ...Object.keys(base.results), ...Object.keys(current.results)])];
  for (const command of names) {
    const inBase = command in base.results;
    const inCurrent = command in current.results;
    const a = inBase ? JSON.stringify(normalise(command, base.results[command])) : null;
    const b = inCurrent ? JSON.stringify(normalise(command, current.results[command])) : null;
    const identical = a !== null && a === b;
    const bytesA = a === null ? null : Buffer.byteLength(a);
    const bytesB = b === null ? null : Buffer.byteLength(b);
    const error = (text) => {
      const parsed = text === null ? null : JSON.parse(text);
      return isObject(parsed) && typeof parsed.error === 'string' && Object.keys(parsed).length === 1 ? parsed.error : null;
    };
    rows.push({ command, identical, bytesA, bytesB, note: error(a) ? `error: ${error(a).slice(0, 60)}` : '' });
    for (const text of [a, b]) if (text) hazards.push(...timingHazards(command, text));
    if (!identical) {
      if (a === null || b === null) {
        diffs.push(`${tree}/${command}: only in ${a === null ? 'current' : 'base'}`);
      } else {
        const at = firstDifference(a, b);
        diffs.push(
          `${tree}/${command}: first difference at byte ${Buffer.byteLength(a.slice(0, at))} (lengths ${bytesA} vs ${bytesB})\n` +
            `    base:    ${excerpt(a, at)}\n` +
            `    current: ${excerpt(b, at)}`,
        );
      }
    }
  }
  return { rows, diffs, hazards: [...new Set(hazards)] };
}

function printTable(tree, info, rows, timing) {
  const width = Math.max(7, ...rows.map((r) => r.command.length));
  const out = [];
  out.push('');
  out.push(`== ${tree}: ${info}`);
  out.push(`   base ${seconds(timing.base)}, current ${seconds(timing.current)}; ${rows.length} commands, ${rows.filter((r) => r.identical).length} identical`);
  out.push(`   ${'command'.padEnd(width)}  identical  ${'bytes'.padStart(10)}`);
  for (const r of rows) {
    const bytes = r.identical ? String(r.bytesA) : `${r.bytesA ?? '-'} / ${r.bytesB ?? '-'}`;
    out.push(`   ${r.command.padEnd(width)}  ${(r.identical ? 'yes' : 'NO').padEnd(9)}  ${bytes.padStart(10)}${r.note ? `  (${r.note})` : ''}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const scriptRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const repoRoot = git(scriptRoot, ['rev-parse', '--show-toplevel']);
  const nodeModules = join(options.current ?? repoRoot, 'node_modules');
  if (!existsSync(nodeModules)) throw new UsageError(`${nodeModules} is missing: run npm ci first`);

  const work = mkdtempSync(join(tmpdir(), 'openchecker-parity-'));
  const cleanup = () => {
    for (const child of children) child.kill('SIGTERM');
    if (options.keep) {
      log(`kept ${work}${worktrees.length ? ` (worktrees: ${worktrees.join(', ')}; remove with git worktree remove --force <dir>)` : ''}`);
      return;
    }
    for (const dir of worktrees.splice(0)) {
      try {
        execFileSync('git', ['-C', repoRoot, 'worktree', 'remove', '--force', dir], { stdio: 'ignore' });
      } catch {
        log(`warning: could not remove worktree ${dir}`);
      }
    }
    try {
      execFileSync('git', ['-C', repoRoot, 'worktree', 'prune'], { stdio: 'ignore' });
    } catch {
      // nothing to prune
    }
    rmSync(work, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`\n${signal}: cleaning up`);
      cleanup();
      process.exit(130);
    });
  }

  try {
    const started = performance.now();
    log(`preparing in ${work}`);
    // The checkout under test first: a stale dist/ with --skip-build-current fails before any worktree is built.
    const currentDir = options.currentRev ? null : { label: 'current', ...(await prepareCurrentDir(options.current ?? repoRoot, options.buildCurrent)) };
    const base = { label: 'base', ...(await prepareWorktree(repoRoot, options.base, join(work, 'base'), nodeModules)) };
    const current = currentDir ?? { label: 'current', ...(await prepareWorktree(repoRoot, options.currentRev, join(work, 'current'), nodeModules)) };

    const runCwd = join(work, 'cwd');
    const childTmp = join(work, 'tmp');
    const outDir = join(work, 'out');
    for (const dir of [runCwd, childTmp, outDir]) mkdirSync(dir, { recursive: true });

    // The command registry: compared as a whole, and the source of the command list.
    const [baseListing, currentListing] = [await commandListing(base, runCwd), await commandListing(current, runCwd)];
    const registryIdentical = baseListing.text === currentListing.text;
    const known = new Set(baseListing.commands.map((c) => c.name));
    const worktreeCommands = new Set(baseListing.commands.filter((c) => c.requirements?.worktree === true).map((c) => c.name));
    const defaults = baseListing.commands.filter((c) => c.available && c.requirements?.network !== true && !c.requirements?.commitHash).map((c) => c.name);
    const commands = options.commands ?? [...defaults, ...(options.extras ? OFFLINE_EXTRAS.filter((c) => known.has(c)) : [])];
    const unknown = commands.filter((c) => !known.has(c));
    if (unknown.length > 0) throw new UsageError(`unknown commands: ${unknown.join(', ')}`);

    const osvDir = join(work, 'osv');
    writeOsvRecords(osvDir);
    const configPath = join(work, 'config', 'config.ini');
    mkdirSync(dirname(configPath), { recursive: true });
    writeOfflineConfig(configPath, [await configKeys(base, runCwd), await configKeys(current, runCwd)], osvDir);

    const trees = [];
    for (const name of options.trees) {
      if (name === 'large') {
        trees.push({ name, path: await largeTree(options, [base.root, current.root], work), commands });
      } else if (name === 'self') {
        let commitHash = null;
        try {
          commitHash = git(repoRoot, ['rev-parse', '--verify', `${base.sha}~${SELF_COMMIT_HASH_DEPTH}^{commit}`]);
        } catch {
          log(`  self: ${base.sha.slice(0, 12)} has fewer than ${SELF_COMMIT_HASH_DEPTH} ancestors: changed-files-since-commit-detector is left out`);
        }
        const withChanges = commitHash && !options.commands && known.has('changed-files-since-commit-detector') ? [...commands, 'changed-files-since-commit-detector'] : commands;
        trees.push({ name, path: repoRoot, version: base.sha, commitHash, commands: withChanges });
      } else {
        trees.push({ name, path: fixtureRepo(join(work, 'fixtures', 'parity-fixture')), commands });
      }
    }
    log(`setup ${seconds(performance.now() - started)}`);

    const ctx = {
      configPath,
      outDir,
      runCwd,
      worktreeCommands,
      timeoutMs: options.timeoutS * 1000,
      env: cleanEnv({ TMPDIR: childTmp }),
    };
    process.stdout.write(`base    ${base.rev} (${base.sha.slice(0, 12)}) ${base.root}\n`);
    process.stdout.write(`current ${current.rev}${currentDir ? '' : ` (${current.sha.slice(0, 12)})`} ${current.root}\n`);
    process.stdout.write(`config  ${configPath}\n`);
    process.stdout.write(`command registry (commands --json): ${registryIdentical ? 'identical' : 'DIFFERENT'} (${Buffer.byteLength(baseListing.text)} bytes)\n`);

    const allDiffs = [];
    const allHazards = [];
    if (!registryIdentical) {
      const at = firstDifference(baseListing.text, currentListing.text);
      allDiffs.push(`commands --json: first difference at byte ${at}\n    base:    ${excerpt(baseListing.text, at)}\n    current: ${excerpt(currentListing.text, at)}`);
    }
    for (const tree of trees) {
      log(`running ${tree.name} (${tree.commands.length} commands) ...`);
      const baseRun = await runTree(base, tree, tree.commands, ctx);
      const currentRun = await runTree(current, tree, tree.commands, ctx);
      const compared = compareTree(tree.name, baseRun, currentRun, tree.commands);
      const info = `${tree.path}${tree.version ? ` at ${tree.version.slice(0, 12)} (cloned by the CLI)` : ' (read in place)'}`;
      printTable(tree.name, info, compared.rows, { base: baseRun.ms, current: currentRun.ms });
      allDiffs.push(...compared.diffs);
      allHazards.push(...compared.hazards.map((h) => `${tree.name}/${h}`));
    }

    process.stdout.write('\n');
    for (const hazard of allHazards) process.stdout.write(`warning: ${hazard}\n`);
    if (allDiffs.length > 0) {
      process.stdout.write(`DIFFERENCES (${allDiffs.length}):\n${allDiffs.map((d) => `- ${d}`).join('\n')}\n`);
      process.stdout.write(`total ${seconds(performance.now() - started)}\n`);
      return 1;
    }
    process.stdout.write(`all results identical (total ${seconds(performance.now() - started)})\n`);
    return 0;
  } finally {
    cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`result-parity: ${err instanceof Error ? err.message : String(err)}\n`);
    if (err instanceof UsageError) process.stderr.write('usage: node scripts/result-parity.mjs --base <git-rev> [--keep] [--trees large,self,fixtures] [--current <dir> | --current-rev <rev>] (--help)\n');
    process.exit(2);
  },
);
