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
 * Target: ours under 1 s (median wall time) on that monorepo fixture. A second, larger fixture holds one
 * workspace of every format the extraction reads (the 16 above and the source-repository formats added for
 * OSV-SCALIBR's coverage); it is measured and reported, not judged. Reports packages/s and the CPU time of the
 * extraction (less sensitive than wall time to other processes on a shared machine). Environment: BENCH_ROUNDS
 * (default 7).
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

/** The source-repository formats added for OSV-SCALIBR's coverage: the `every format` fixture adds one of each. */
const sha = (n: number): string => (n.toString(16).padStart(8, '0')).repeat(5);
const moreGenerators: Record<string, [file: string, render: (pkgs: Pkg[]) => string]> = {
  podfile: ['Podfile.lock', (pkgs) => 'PODS:\n' + pkgs.map((p) => `  - ${p.name} (${p.version})${p.deps.length ? ':\n' + p.deps.map((d) => `    - ${pkgs[d]?.name} (~> ${pkgs[d]?.version})\n`).join('') : '\n'}`).join('') + '\nDEPENDENCIES:\n  - ' + (pkgs[0]?.name ?? '') + '\n\nCOCOAPODS: 1.14.3\n'],
  swiftpm: ['Package.resolved', (pkgs) => JSON.stringify({ pins: pkgs.map((p, i) => ({ identity: p.name, kind: 'remoteSourceControl', location: `https://github.com/example/${p.name}.git`, state: { revision: sha(i), version: p.version } })), version: 2 }, null, 2)],
  depsjson: ['App.deps.json', (pkgs) => JSON.stringify({ targets: { 'net8.0': Object.fromEntries(pkgs.map((p) => [`${p.name}/${p.version}`, { dependencies: Object.fromEntries(p.deps.map((d): [string, string] => [pkgs[d]?.name ?? '', pkgs[d]?.version ?? ''])) }])) }, libraries: Object.fromEntries(pkgs.map((p) => [`${p.name}/${p.version}`, { type: 'package' }])) }, null, 2)],
  cpm: ['Directory.Packages.props', (pkgs) => '<Project>\n  <ItemGroup>\n' + pkgs.map((p) => `    <PackageVersion Include="${p.name}" Version="${p.version}" />\n`).join('') + '  </ItemGroup>\n</Project>\n'],
  cabal: ['cabal.project.freeze', (pkgs) => 'constraints: ' + pkgs.map((p) => `any.${p.name} ==${p.version}`).join(',\n             ') + '\n'],
  stack: ['stack.yaml.lock', (pkgs) => 'packages:\n' + pkgs.map((p) => `- completed:\n    hackage: ${p.name}-${p.version}@sha256:aaaa,100\n  original:\n    hackage: ${p.name}-${p.version}\n`).join('') + 'snapshots: []\n'],
  rebar: ['rebar.lock', (pkgs) => '{"1.2.0",\n[' + pkgs.map((p, i) => `{<<"${p.name.replaceAll('-', '_')}">>,{pkg,<<"${p.name.replaceAll('-', '_')}">>,<<"${p.version}">>},${i % 2}}`).join(',\n ') + ']}.\n'],
  gleam: ['manifest.toml', (pkgs) => 'packages = [\n' + pkgs.map((p) => `  { name = "${p.name.replaceAll('-', '_')}", version = "${p.version}", build_tools = ["gleam"], requirements = [${p.deps.map((d) => `"${pkgs[d]?.name.replaceAll('-', '_')}"`).join(', ')}], source = "hex", outer_checksum = "AAAA" },\n`).join('') + ']\n\n[requirements]\n'],
  edn: ['deps.edn', (pkgs) => '{:deps {' + pkgs.map((p) => `org.example/${p.name} {:mvn/version "${p.version}"}`).join('\n        ') + '}}\n'],
  pylock: ['pylock.toml', (pkgs) => 'lock-version = "1.0"\ncreated-by = "bench"\n\n' + pkgs.map((p) => `[[packages]]\nname = "${p.name}"\nversion = "${p.version}"\nindex = "https://pypi.example.test/simple"\n`).join('\n')],
  deno: ['deno.lock', (pkgs) => JSON.stringify({ version: '4', specifiers: { [`npm:${pkgs[0]?.name}@*`]: pkgs[0]?.version }, npm: Object.fromEntries(pkgs.map((p) => [`${p.name}@${p.version}`, { integrity: 'sha512-AAAA', dependencies: p.deps.map((d) => pkgs[d]?.name) }])), workspace: { dependencies: [`npm:${pkgs[0]?.name}@*`] } }, null, 2)],
  gowork: ['go.work', (pkgs) => 'go 1.22.1\n\nuse ./app\n\nreplace (\n' + pkgs.map((p) => `\texample.test/old/${p.name} => example.test/${p.name} v${p.version}\n`).join('') + ')\n'],
  vendor: ['vendor/modules.txt', (pkgs) => pkgs.map((p) => `# example.test/${p.name} v${p.version}\n## explicit\nexample.test/${p.name}/pkg\n`).join('')],
  catalog: ['gradle/libs.versions.toml', (pkgs) => '[libraries]\n' + pkgs.map((p) => `${p.name} = "org.example:${p.name}:${p.version}"\n`).join('')],
  conanfile: ['conanfile.txt', (pkgs) => '[requires]\n' + pkgs.map((p) => `${p.name}/${p.version}\n`).join('')],
  vcpkg: ['vcpkg.json', (pkgs) => JSON.stringify({ dependencies: pkgs.map((p) => p.name), overrides: pkgs.map((p) => ({ name: p.name, version: p.version })) }, null, 2)],
  asdf: ['.tool-versions', (pkgs) => pkgs.map((p) => `${p.name} ${p.version}\n`).join('')],
  mise: ['mise.toml', (pkgs) => '[tools]\n' + pkgs.map((p) => `${p.name} = "${p.version}"\n`).join('')],
  nvm: ['.nvmrc', (pkgs) => `v${pkgs[0]?.version ?? '20.0.0'}\n`],
  paket: ['paket.lock', (pkgs) => 'NUGET\n  remote: https://nuget.example.test/v3/index.json\n' + pkgs.map((p) => `    ${p.name} (${p.version})\n` + p.deps.map((d) => `      ${pkgs[d]?.name} (>= ${pkgs[d]?.version})\n`).join('')).join('')],
  carthage: ['Cartfile.resolved', (pkgs) => pkgs.map((p) => `github "example/${p.name}" "${p.version}"\n`).join('')],
  dotnettools: ['dotnet-tools.json', (pkgs) => JSON.stringify({ version: 1, isRoot: true, tools: Object.fromEntries(pkgs.map((p) => [p.name, { version: p.version, commands: [p.name] }])) }, null, 2)],
};

async function buildFixture(): Promise<{ dir: string; formats: string[] }> {
  return buildFixtureFrom(generators, WORKSPACES, 'extract');
}

/**
 * The larger fixture: the monorepo's formats and every format added since, one workspace each (BENCH_PACKAGES
 * packages apiece), around the same real npm lockfile.
 */
async function buildEveryFormatFixture(): Promise<{ dir: string; formats: string[] }> {
  const all = { ...generators, ...moreGenerators };
  return buildFixtureFrom(all, Object.keys(all).length, 'extract-all');
}

async function buildFixtureFrom(generators: Record<string, [file: string, render: (pkgs: Pkg[]) => string]>, workspaces: number, name: string): Promise<{ dir: string; formats: string[] }> {
  const dir = tempDir(name);
  const tree = await npmTree(LARGE_TREE);
  // npm's hidden lockfile is a real v3 lockfile (no root entry): the real-world part of the fixture.
  cpSync(join(tree.nodeModules, '.package-lock.json'), join(dir, 'package-lock.json'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }));
  const kinds = Object.keys(generators);
  const formats: string[] = [];
  for (let index = 0; index < workspaces; index++) {
    const kind = kinds[index % kinds.length] as string;
    const [file, render] = generators[kind] as [string, (pkgs: Pkg[]) => string];
    const folder = join(dir, 'packages', `ws-${index}-${kind}`);
    mkdirSync(join(folder, file, '..'), { recursive: true });
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

interface Measured {
  readonly files: number;
  readonly packages: number;
  readonly formats: string[];
  readonly ours: number[];
  readonly oursCpu: number[];
  readonly floor: number[];
}

/** ROUNDS of extraction and of the I/O floor over one fixture, alternating their order. */
async function measure(dir: string, formats: string[]): Promise<Measured> {
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
      errors = results.filter((result) => result.error).map((result) => `${result.file}: ${result.error as string}`);
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
  return { files, packages, formats, ours, oursCpu, floor };
}

function summary(measured: Measured): Record<string, number | boolean> {
  const oursMedian = median(measured.ours);
  return {
    median_ms: round(oursMedian),
    cpu_median_ms: round(median(measured.oursCpu)),
    floor_median_ms: round(median(measured.floor)),
    packages_per_s: Math.round(measured.packages / (oursMedian / 1000)),
  };
}

function report(title: string, measured: Measured): void {
  const oursMedian = median(measured.ours);
  const floorMedian = median(measured.floor);
  console.log(`${title}: ${measured.files} lockfiles (${measured.formats.length} generated workspaces over ${new Set(measured.formats).size} formats + npm's real lockfile of LARGE_TREE), ${measured.packages} packages`);
  console.log(
    formatTable(
      ['series', 'median ms', 'min ms', 'max ms', 'CPU ms (median)', 'packages/s'],
      [
        ['extractDependencies (fresh view)', round(oursMedian), round(Math.min(...measured.ours)), round(Math.max(...measured.ours)), round(median(measured.oursCpu)), Math.round(measured.packages / (oursMedian / 1000))],
        ['floor: list + read each lockfile', round(floorMedian), round(Math.min(...measured.floor)), round(Math.max(...measured.floor)), '-', '-'],
      ],
    ),
  );
  console.log(`ours / floor: ${round(oursMedian / floorMedian)} x`);
}

async function main(): Promise<void> {
  const monorepoFixture = await buildFixture();
  const monorepo = await measure(monorepoFixture.dir, monorepoFixture.formats);
  report('monorepo fixture', monorepo);
  const pass = median(monorepo.ours) < TARGET_MS;
  console.log(`monorepo target < ${TARGET_MS} ms: ${verdict(pass)}`);
  // Reported, not judged: the same shape with one workspace of every format the extraction reads.
  const everyFixture = await buildEveryFormatFixture();
  const every = await measure(everyFixture.dir, everyFixture.formats);
  report('every-format fixture', every);
  const path = writeResults('extract', {
    settings: { rounds: ROUNDS, workspaces: WORKSPACES, packages_per_workspace: PACKAGES },
    fixture: { lockfiles: monorepo.files, packages: monorepo.packages, formats: [...new Set(monorepo.formats)] },
    summary: { ...summary(monorepo), target_ms: TARGET_MS, pass },
    every_format: { fixture: { lockfiles: every.files, packages: every.packages, formats: [...new Set(every.formats)] }, summary: summary(every), runs: { ours: every.ours, ours_cpu: every.oursCpu, floor: every.floor } },
    runs: { ours: monorepo.ours, ours_cpu: monorepo.oursCpu, floor: monorepo.floor },
  });
  console.log(`results: ${path}`);
}

await main();
