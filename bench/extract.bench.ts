/**
 * Dependency-extraction benchmark: every lockfile of a large monorepo-like fixture, extracted through a fresh
 * repository view (walk, reads, parses, purls, lines, graphs), against reading the same files once (the I/O
 * floor) in the same run.
 *
 *  - fixture (built at run time in a temp folder): the real npm lockfile of `npmTree(LARGE_TREE)` (npm's own
 *    node_modules/.package-lock.json, the v3 layout, copied as package-lock.json at the root), plus
 *    BENCH_WORKSPACES workspaces (default 32) under packages/, each holding one lockfile of another format
 *    (rotating through 16 formats) with BENCH_PACKAGES packages (default 300) and a dependency graph, plus
 *    a node_modules/ and a vendor/ folder full of lockfiles that must be skipped.
 *  - ours: `extractDependencies(new FsRepoView(dir), signal)`, a fresh view each run (nothing cached).
 *  - floor: list the files with a fresh view, then read every lockfile once (`readText`), no parsing.
 *
 * Target: ours under 1 s (median wall time). Reports packages/s and the CPU time of the extraction (less
 * sensitive than wall time to other processes on a shared machine). Environment: BENCH_ROUNDS (default 7).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FsRepoView } from '../src/lib/repo/repo-view.js';
import { extractDependencies, findLockfiles } from '../src/analysis/dependencies/extract.js';
import { LARGE_TREE, npmTree } from '../test/support/npm-tree.js';
import { formatTable, median, round, tempDir, verdict, writeResults } from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 32);
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 300);
const TARGET_MS = 1000;

interface Pkg {
  name: string;
  version: string;
  deps: number[];
}

/** A deterministic package set with a layered graph (each package depends on up to 3 later ones). */
function packageSet(count: number, seed: number): Pkg[] {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, (_, index) => ({
    name: `pkg-${seed}-${index}`,
    version: `${1 + (index % 5)}.${index % 13}.${index % 7}`,
    deps: [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => index + 1 + Math.floor(random() * 50)))].filter((dep) => dep < count),
  }));
}

function depMap(pkgs: Pkg[], pkg: Pkg, prefix = ''): Record<string, string> {
  const deps: Record<string, string> = {};
  for (const dep of pkg.deps) deps[`${prefix}${pkgs[dep]?.name ?? ''}`] = '*';
  return deps;
}

function npmLock(pkgs: Pkg[]): string {
  const packages: Record<string, unknown> = { '': { name: 'ws', dependencies: { [pkgs[0]?.name ?? 'x']: '*' } } };
  for (const p of pkgs) {
    packages[`node_modules/${p.name}`] = { version: p.version, resolved: `https://registry.example.test/${p.name}/-/${p.name}-${p.version}.tgz`, license: 'MIT', dependencies: depMap(pkgs, p) };
  }
  return JSON.stringify({ name: 'ws', lockfileVersion: 3, requires: true, packages }, null, 2);
}

function nugetLock(pkgs: Pkg[]): string {
  const framework: Record<string, unknown> = {};
  pkgs.forEach((p, i) => {
    framework[p.name] = { type: i === 0 ? 'Direct' : 'Transitive', resolved: p.version, contentHash: 'AAAA', dependencies: depMap(pkgs, p) };
  });
  return JSON.stringify({ version: 1, dependencies: { 'net8.0': framework } }, null, 2);
}

const generators: Record<string, [file: string, render: (pkgs: Pkg[]) => string]> = {
  npm: ['package-lock.json', npmLock],
  yarn: ['yarn.lock', (pkgs) => '# yarn lockfile v1\n\n' + pkgs.map((p) => `${p.name}@^${p.version}:\n  version "${p.version}"\n  resolved "https://registry.example.test/${p.name}/-/${p.name}-${p.version}.tgz#0000"\n  integrity sha512-AAAA\n${p.deps.length ? '  dependencies:\n' + p.deps.map((d) => `    ${pkgs[d]?.name} "^${pkgs[d]?.version}"\n`).join('') : ''}`).join('\n')],
  berry: ['yarn.lock', (pkgs) => '__metadata:\n  version: 8\n  cacheKey: 10c0\n\n' + pkgs.map((p) => `"${p.name}@npm:^${p.version}":\n  version: ${p.version}\n  resolution: "${p.name}@npm:${p.version}"\n${p.deps.length ? '  dependencies:\n' + p.deps.map((d) => `    ${pkgs[d]?.name}: "npm:^${pkgs[d]?.version}"\n`).join('') : ''}  checksum: 10c0/aaaa\n  languageName: node\n  linkType: hard\n`).join('\n')],
  pnpm: ['pnpm-lock.yaml', (pkgs) => `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      ${pkgs[0]?.name}:\n        specifier: '*'\n        version: ${pkgs[0]?.version}\n\npackages:\n\n` + pkgs.map((p) => `  ${p.name}@${p.version}:\n    resolution: {integrity: sha512-AAAA}\n`).join('\n') + '\nsnapshots:\n\n' + pkgs.map((p) => `  ${p.name}@${p.version}:${p.deps.length ? '\n    dependencies:\n' + p.deps.map((d) => `      ${pkgs[d]?.name}: ${pkgs[d]?.version}`).join('\n') : ' {}'}\n`).join('\n')],
  bun: ['bun.lock', (pkgs) => `{\n  "lockfileVersion": 1,\n  "workspaces": { "": { "name": "ws", "dependencies": { "${pkgs[0]?.name}": "*" } } },\n  "packages": {\n` + pkgs.map((p) => `    "${p.name}": ["${p.name}@${p.version}", "", { "dependencies": { ${p.deps.map((d) => `"${pkgs[d]?.name}": "*"`).join(', ')} } }, "sha512-AAAA"],\n`).join('\n') + '  }\n}\n'],
  requirements: ['requirements.txt', (pkgs) => pkgs.map((p) => `${p.name}==${p.version} \\\n    --hash=sha256:aaaa\n    # via -r requirements.in\n`).join('')],
  poetry: ['poetry.lock', (pkgs) => pkgs.map((p) => `[[package]]\nname = "${p.name}"\nversion = "${p.version}"\ndescription = ""\noptional = false\npython-versions = "*"\nfiles = []\n${p.deps.length ? '\n[package.dependencies]\n' + p.deps.map((d) => `${pkgs[d]?.name} = "*"\n`).join('') : ''}`).join('\n') + '\n[metadata]\nlock-version = "2.0"\n'],
  uv: ['uv.lock', (pkgs) => 'version = 1\n\n' + pkgs.map((p) => `[[package]]\nname = "${p.name}"\nversion = "${p.version}"\nsource = { registry = "https://pypi.example.test/simple" }\n${p.deps.length ? 'dependencies = [\n' + p.deps.map((d) => `    { name = "${pkgs[d]?.name}" },\n`).join('') + ']\n' : ''}`).join('\n')],
  go: ['go.mod', (pkgs) => 'module example.test/ws\n\ngo 1.22\n\nrequire (\n' + pkgs.map((p, i) => `\texample.test/${p.name} v${p.version}${i % 3 ? ' // indirect' : ''}\n`).join('') + ')\n'],
  cargo: ['Cargo.lock', (pkgs) => 'version = 3\n\n' + pkgs.map((p) => `[[package]]\nname = "${p.name}"\nversion = "${p.version}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "aaaa"\n${p.deps.length ? 'dependencies = [\n' + p.deps.map((d) => ` "${pkgs[d]?.name}",\n`).join('') + ']\n' : ''}`).join('\n')],
  gem: ['Gemfile.lock', (pkgs) => 'GEM\n  remote: https://rubygems.example.test/\n  specs:\n' + pkgs.map((p) => `    ${p.name} (${p.version})\n` + p.deps.map((d) => `      ${pkgs[d]?.name} (>= 0)\n`).join('')).join('') + '\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  ' + (pkgs[0]?.name ?? '') + '\n'],
  composer: ['composer.lock', (pkgs) => JSON.stringify({ packages: pkgs.map((p) => ({ name: `vendor/${p.name}`, version: p.version, license: ['MIT'], require: depMap(pkgs, p, 'vendor/') })), 'packages-dev': [] }, null, 4)],
  pom: ['pom.xml', (pkgs) => `<project>\n  <groupId>test</groupId>\n  <artifactId>ws</artifactId>\n  <version>1.0</version>\n  <properties>\n    <shared.version>2.0.0</shared.version>\n  </properties>\n  <dependencies>\n` + pkgs.map((p, i) => `    <dependency>\n      <groupId>org.example</groupId>\n      <artifactId>${p.name}</artifactId>\n      <version>${i % 2 ? '${shared.version}' : p.version}</version>\n    </dependency>\n`).join('') + '  </dependencies>\n</project>\n'],
  gradle: ['gradle.lockfile', (pkgs) => '# Gradle lockfile\n' + pkgs.map((p) => `org.example:${p.name}:${p.version}=compileClasspath,runtimeClasspath\n`).join('') + 'empty=\n'],
  nuget: ['packages.lock.json', nugetLock],
  pub: ['pubspec.lock', (pkgs) => 'packages:\n' + pkgs.map((p) => `  ${p.name.replaceAll('-', '_')}:\n    dependency: transitive\n    description:\n      name: ${p.name.replaceAll('-', '_')}\n      sha256: "aaaa"\n      url: "https://pub.example.test"\n    source: hosted\n    version: "${p.version}"\n`).join('') + 'sdks:\n  dart: ">=3.0.0 <4.0.0"\n'],
};

async function buildFixture(): Promise<{ dir: string; formats: string[] }> {
  const dir = tempDir('extract');
  const tree = await npmTree(LARGE_TREE);
  // npm's hidden lockfile is a real v3 lockfile (no root entry): the real-world part of the fixture.
  cpSync(join(tree.nodeModules, '.package-lock.json'), join(dir, 'package-lock.json'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }));
  const kinds = Object.keys(generators);
  const formats: string[] = [];
  for (let index = 0; index < WORKSPACES; index++) {
    const kind = kinds[index % kinds.length] as string;
    const [file, render] = generators[kind] as [string, (pkgs: Pkg[]) => string];
    const folder = join(dir, 'packages', `ws-${index}-${kind}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, file), render(packageSet(PACKAGES, index + 1)));
    writeFileSync(join(folder, 'README.md'), `# workspace ${index}\n`);
    formats.push(kind);
  }
  // Lockfiles of other projects, which extraction skips: installed and vendored copies.
  for (const skipped of ['node_modules/dep', 'vendor/lib', 'packages/ws-0-npm/node_modules/x']) {
    mkdirSync(join(dir, skipped), { recursive: true });
    writeFileSync(join(dir, skipped, 'package-lock.json'), (generators.npm as [string, (pkgs: Pkg[]) => string])[1](packageSet(PACKAGES, 999)));
  }
  return { dir, formats };
}

async function main(): Promise<void> {
  const { dir, formats } = await buildFixture();
  const signal = new AbortController().signal;
  const ours: number[] = [];
  const oursCpu: number[] = [];
  const floor: number[] = [];
  let packages = 0;
  let files = 0;
  let errors: string[] = [];
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    // Alternate the order so drifting machine load hits both series alike.
    const runOurs = async (): Promise<void> => {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const results = await extractDependencies(new FsRepoView(dir, 'monorepo'), signal);
      ours.push(performance.now() - start);
      const used = process.cpuUsage(cpu);
      oursCpu.push((used.user + used.system) / 1000);
      packages = results.reduce((sum, result) => sum + result.packages.length, 0);
      files = results.length;
      errors = results.filter((result) => result.error).map((result) => result.error as string);
    };
    const runFloor = async (): Promise<void> => {
      const start = performance.now();
      const view = new FsRepoView(dir, 'monorepo');
      for (const { path } of await findLockfiles(view)) await view.readText(path);
      floor.push(performance.now() - start);
    };
    if (round_ % 2 === 0) {
      await runOurs();
      await runFloor();
    } else {
      await runFloor();
      await runOurs();
    }
  }
  if (errors.length > 0) throw new Error(`extraction reported errors:\n${errors.join('\n')}`);
  const oursMedian = median(ours);
  const floorMedian = median(floor);
  const pass = oursMedian < TARGET_MS;
  console.log(`fixture: ${files} lockfiles (${formats.length} generated workspaces over ${new Set(formats).size} formats + npm's real lockfile of LARGE_TREE), ${packages} packages`);
  console.log(
    formatTable(
      ['series', 'median ms', 'min ms', 'max ms', 'CPU ms (median)', 'packages/s'],
      [
        ['extractDependencies (fresh view)', round(oursMedian), round(Math.min(...ours)), round(Math.max(...ours)), round(median(oursCpu)), Math.round(packages / (oursMedian / 1000))],
        ['floor: list + read each lockfile', round(floorMedian), round(Math.min(...floor)), round(Math.max(...floor)), '-', '-'],
      ],
    ),
  );
  console.log(`ours / floor: ${round(oursMedian / floorMedian)} x; target < ${TARGET_MS} ms: ${verdict(pass)}`);
  const path = writeResults('extract', {
    settings: { rounds: ROUNDS, workspaces: WORKSPACES, packages_per_workspace: PACKAGES },
    fixture: { lockfiles: files, packages, formats: [...new Set(formats)] },
    summary: { median_ms: round(oursMedian), cpu_median_ms: round(median(oursCpu)), floor_median_ms: round(floorMedian), packages_per_s: Math.round(packages / (oursMedian / 1000)), target_ms: TARGET_MS, pass },
    runs: { ours, ours_cpu: oursCpu, floor },
  });
  console.log(`results: ${path}`);
}

await main();
