/**
 * The Dockerfile without a Docker engine: everything it copies from the build context exists and is not
 * excluded by .dockerignore, everything it copies from the build stage is what `npm run build` produces, the
 * runtime stage is the small hardened one, and the commands it and the manifests run are real CLI commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import dockerignoreModule from '@balena/dockerignore';
import { DockerfileParser, type Copy, type Dockerfile, type Instruction, type JSONInstruction } from 'dockerfile-ast';
import { packageRoot } from '../../src/lib/paths.js';
import { find, flagValue, onlyContainer, rendered, workloads, type Workload } from './support.js';

const root = packageRoot();
const dockerfile: Dockerfile = DockerfileParser.parse(readFileSync(join(root, 'Dockerfile'), 'utf8'));
// A CommonJS module whose typings declare `export default`: the factory is also its own `.default`.
const ignore = dockerignoreModule.default({ ignorecase: false }).add(readFileSync(join(root, '.dockerignore'), 'utf8').split('\n'));
const stages = dockerfile.getFROMs();
const runtimeStart = stages.at(-1)!.getRange().start.line;

/** The values of the Dockerfile's leading ARGs (the base images). */
const buildArgs = new Map(
  dockerfile.getInitialARGs().flatMap((arg) => {
    const property = arg.getProperty();
    return property ? [[property.getName(), property.getValue() ?? ''] as const] : [];
  }),
);
const expand = (text: string): string => text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string | undefined, b: string | undefined) => buildArgs.get((a ?? b)!) ?? '');

function copyParts(copy: Copy): { sources: string[]; destination: string } {
  const args = copy.getArguments().map((a) => a.getValue()).filter((value) => !value.startsWith('--'));
  return { sources: args.slice(0, -1), destination: args.at(-1)! };
}

function jsonArgs(instruction: Instruction): string[] {
  return (instruction as JSONInstruction).getJSONStrings().map((s) => s.getJSONValue());
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else out.push(relative(root, path).split('\\').join('/'));
  };
  walk(dir);
  return out;
}

function ignored(path: string): boolean {
  return ignore.ignores(path);
}

test('two stages: node:20-bookworm builds, node:20-bookworm-slim runs', () => {
  assert.equal(stages.length, 2);
  assert.equal(stages[0]!.getBuildStage(), 'build');
  assert.equal(expand(stages[0]!.getImage() ?? ''), 'node:20-bookworm');
  assert.equal(expand(stages[1]!.getImage() ?? ''), 'node:20-bookworm-slim');
});

test('every COPY from the build context exists and is not excluded by .dockerignore', () => {
  const copies = dockerfile.getCOPYs().filter((copy) => !copy.getFromFlag());
  assert.ok(copies.length >= 6);
  for (const copy of copies) {
    for (const source of copyParts(copy).sources) {
      const path = join(root, source);
      assert.ok(existsSync(path), `COPY ${source}: missing from the build context`);
      assert.ok(!ignored(posix.normalize(source)), `COPY ${source}: excluded by .dockerignore`);
      if (statSync(path).isDirectory()) assert.ok(filesUnder(path).some((file) => !ignored(file)), `COPY ${source}: every file excluded`);
    }
  }
});

test('the build context holds everything `npm run build` compiles, and no credentials or local state', () => {
  const compiled = filesUnder(join(root, 'src')).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  assert.ok(compiled.length > 100);
  assert.deepEqual(compiled.filter(ignored), [], 'sources tsconfig.build.json compiles');
  const dashboard = filesUnder(join(root, 'dashboard')).filter((file) => !file.startsWith('dashboard/test/'));
  assert.deepEqual(dashboard.filter(ignored), [], 'dashboard sources vite builds');
  for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'bin/openchecker.js', 'config/eol.yaml']) {
    assert.ok(!ignored(file), file);
  }
  for (const path of ['config/config.ini', 'node_modules/yaml/package.json', 'dist/src/cli/main.js', '.git/HEAD', '.openchecker/openchecker.db', 'test/api.test.ts']) {
    assert.ok(ignored(path), `${path} stays out of the build context`);
  }
});

test('every file `npm run build` uses is copied into the build stage', () => {
  const build = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.build ?? '';
  // The files the build script names (tsconfig, vite config, build scripts): each must reach /src.
  const files = build.split(/\s+|&&/).filter((token) => /\.(json|mjs|js|ts)$/.test(token) && existsSync(join(root, token)));
  assert.ok(files.length >= 2, `files in "${build}"`);
  const buildStageEnd = stages[1]!.getRange().start.line;
  const copied = dockerfile
    .getCOPYs()
    .filter((copy) => !copy.getFromFlag() && copy.getRange().start.line < buildStageEnd)
    .flatMap((copy) => copyParts(copy).sources.map((source) => posix.normalize(source).replace(/\/$/, '')));
  for (const file of files) {
    const normal = posix.normalize(file);
    assert.ok(copied.some((source) => normal === source || normal.startsWith(`${source}/`)), `${file} (used by npm run build) is not copied into the build stage`);
    assert.ok(!ignored(normal), `${file} is excluded by .dockerignore`);
  }
});

test('what the runtime stage copies from the build stage is what `npm run build` produces', () => {
  const fromBuild = dockerfile.getCOPYs().filter((copy) => copy.getFromFlag()?.getValue() === 'build');
  assert.ok(fromBuild.length >= 5);
  for (const copy of fromBuild) {
    for (const source of copyParts(copy).sources) {
      assert.match(source, /^\/src\//, 'the build stage works in /src');
      const local = join(root, source.slice('/src/'.length));
      assert.ok(existsSync(local), `COPY --from=build ${source}: not produced by npm ci + npm run build (${local} missing)`);
    }
  }
  const copied = fromBuild.flatMap((copy) => copyParts(copy).sources);
  for (const needed of ['/src/package.json', '/src/node_modules', '/src/bin', '/src/dist/src', '/src/dist/dashboard/public', '/src/config/eol.yaml']) {
    assert.ok(copied.includes(needed), `runtime needs ${needed}`);
  }
});

test('runtime: git and tini from apt, non-root numeric user, WORKDIR /app, tini as PID 1, `serve` by default, health check with node', () => {
  const runtime = dockerfile.getInstructions().filter((i) => i.getRange().start.line > runtimeStart);
  const keyword = (name: string): Instruction[] => runtime.filter((i) => i.getKeyword() === name);
  const run = keyword('RUN').map((i) => i.getArgumentsContent() ?? '').join('\n');
  assert.match(run, /apt-get install[^\n]*--no-install-recommends/);
  for (const pkg of ['git', 'tini', 'ca-certificates']) assert.match(run, new RegExp(`\\b${pkg}\\b`), `apt installs ${pkg}`);
  assert.match(run, /rm -rf \/var\/lib\/apt\/lists/);
  assert.equal(keyword('WORKDIR').at(-1)?.getArgumentsContent(), '/app');
  const user = keyword('USER').at(-1)?.getArgumentsContent() ?? '';
  assert.match(user, /^[1-9]\d*(:[1-9]\d*)?$/, 'a numeric non-root user, so runAsNonRoot can verify it');
  const manifestUsers = new Set(workloads(rendered()).filter((w) => w.metadata.name.startsWith('openchecker-') && w.kind === 'Deployment').map((w) => w.spec.template.spec.securityContext?.runAsUser));
  assert.deepEqual([...manifestUsers], [Number(user.split(':')[0])], 'the manifests run as the image user');
  assert.deepEqual(jsonArgs(keyword('ENTRYPOINT').at(-1)!), ['tini', '--', 'node', 'bin/openchecker.js']);
  assert.deepEqual(jsonArgs(keyword('CMD').at(-1)!), ['serve']);
  const health = keyword('HEALTHCHECK').at(-1)!.getArgumentsContent() ?? '';
  assert.match(health, /CMD \["node", "deploy\/docker\/healthcheck\.mjs"\]/);
  const runtimeCopies = dockerfile.getCOPYs().filter((c) => c.getRange().start.line > runtimeStart).map(copyParts);
  // The entry point and the health check script are inside /app at the paths the instructions name.
  for (const path of ['bin/openchecker.js', 'deploy/docker/healthcheck.mjs']) {
    assert.ok(runtimeCopies.some(({ destination }) => path.startsWith(destination.replace(/^\.\//, '').replace(/\/$/, ''))), `${path} is copied into /app`);
  }
  const env = new Map(keyword('ENV').flatMap((i) => (i as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties().map((p) => [p.getName(), p.getValue() ?? ''] as const)));
  assert.equal(env.get('OPENCHECKER_OPENCHECK_HOST'), '0.0.0.0', 'listen on the pod network, not loopback');
  assert.equal(env.get('NODE_ENV'), 'production');
});

/** `openchecker <command> --help`: exit code and the text that lists the command's options. */
function help(command: string): { status: number | null; text: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'openchecker.js'), command, '--help'], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, text: result.stdout + result.stderr };
}

test('the image command and the manifests\' arguments are real CLI commands and options', () => {
  const commands = new Map<string, string[]>();
  commands.set(jsonArgs(dockerfile.getCMDs().at(-1)!)[0]!, []);
  for (const name of ['openchecker-main', 'openchecker-agent']) {
    const args = onlyContainer(find<Workload>(rendered(), 'Deployment', name)).args ?? [];
    assert.equal(onlyContainer(find<Workload>(rendered(), 'Deployment', name)).command, undefined, 'the image ENTRYPOINT runs the CLI');
    commands.set(args[0]!, [...(commands.get(args[0]!) ?? []), ...args.slice(1).filter((a) => a.startsWith('--'))]);
  }
  assert.deepEqual([...commands.keys()].sort(), ['agent', 'serve']);
  for (const [command, flags] of commands) {
    const { status, text } = help(command);
    assert.equal(status, 0, `openchecker ${command} --help: ${text}`);
    for (const flag of flags) assert.match(text, new RegExp(`^\\s+${flag} <`, 'm'), `openchecker ${command} has ${flag}`);
  }
  // The port the API listens on is the container port its probes and Service use.
  const main = onlyContainer(find<Workload>(rendered(), 'Deployment', 'openchecker-main'));
  assert.equal(Number(flagValue(main.args ?? [], '--port')), main.ports?.find((p) => p.name === 'http')?.containerPort);
  const agent = onlyContainer(find<Workload>(rendered(), 'Deployment', 'openchecker-agent'));
  assert.equal(Number(flagValue(agent.args ?? [], '--health-port')), agent.ports?.find((p) => p.name === 'health')?.containerPort);
});
