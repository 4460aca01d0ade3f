/**
 * What each entry point loads (issue 13: a CLI that answers at once). The API, `openchecker --help` and
 * `openchecker serve` read the checkers' metadata only: no checker's code (src/checkers/<name>/index.js), no
 * analysis library, no runner. Each case runs in a fresh Node process whose module loads are recorded by a
 * loader hook (test/support/loaded-modules.ts); a control case shows the recorder does see checker code.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadedModules } from './support/loaded-modules.js';

const src = (path: string): string => new URL(`../src/${path}`, import.meta.url).href;

/** Checker code, analysis libraries and the pipeline that runs them: what only agents and `check` need. */
const CHECKER_CODE = /[/\\]src[/\\](checkers[/\\](?!shared[/\\])[^/\\]+[/\\]index\.js|checkers[/\\]runner\.js|analysis[/\\]|tasks[/\\]run-task\.js|agent[/\\]worker\.js)/;

function checkerCode(modules: readonly string[]): string[] {
  return modules.filter((path) => CHECKER_CODE.test(path));
}

const ourModules = (modules: readonly string[]): string[] =>
  modules.filter((path) => /[/\\]src[/\\]/.test(path) && !/[/\\]node_modules[/\\]/.test(path)).map((path) => path.replace(/^.*[/\\]src[/\\]/, 'src/'));

const packages = (modules: readonly string[]): string[] => [
  ...new Set(modules.flatMap((path) => /[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(path)?.[1] ?? [])),
];

describe('modules loaded at start', () => {
  test('the API (buildApp, GET /commands, POST /opencheck) loads no checker code', () => {
    const modules = loadedModules(`
      const { buildApp } = await import(${JSON.stringify(src('api/app.js'))});
      const { createTokenService } = await import(${JSON.stringify(src('api/tokens.js'))});
      const { loadConfig } = await import(${JSON.stringify(src('config/load.js'))});
      const { silentLogger } = await import(${JSON.stringify(src('lib/log.js'))});
      const { Metrics } = await import(${JSON.stringify(src('lib/metrics.js'))});
      const { EmbeddedBackend } = await import(${JSON.stringify(src('tasks/backend.js'))});
      const { addUser } = await import(${JSON.stringify(src('users/passwords.js'))});
      const config = loadConfig({ env: {}, cwd: process.cwd() }).config;
      const backend = new EmbeddedBackend(':memory:');
      const user = await addUser(backend.store, 'tester', 'a-long-enough-password', 'user');
      const tokens = createTokenService('0123456789abcdef0123456789abcdef', 30);
      const app = await buildApp({ backend, config, log: silentLogger(), metrics: new Metrics(), tokens });
      const commands = await app.inject({ method: 'GET', url: '/commands' });
      if (commands.statusCode !== 200) throw new Error('GET /commands answered ' + commands.statusCode);
      const submitted = await app.inject({
        method: 'POST',
        url: '/opencheck',
        headers: { authorization: 'Bearer ' + (await tokens.issue(user.id)) },
        payload: { commands: ['readme-checker', 'license-detector'], project_url: 'https://github.com/acme/tool' },
      });
      if (submitted.statusCode >= 300) throw new Error('POST /opencheck answered ' + submitted.statusCode + ': ' + submitted.body);
      await app.close();
      await backend.close();
    `);
    assert.ok(modules.some((path) => path.endsWith(`${'api'}/app.js`)), 'the recorder saw the API');
    assert.ok(modules.some((path) => /checkers[/\\]readme-checker[/\\]meta\.js$/.test(path)), 'the API read the metadata');
    assert.deepEqual(checkerCode(modules), []);
  });

  test('control: loading a checker shows up as checker code', () => {
    const modules = loadedModules(`
      const { loadChecker } = await import(${JSON.stringify(src('checkers/registry.js'))});
      await loadChecker('readme-checker');
    `);
    assert.ok(checkerCode(modules).some((path) => /readme-checker[/\\]index\.js$/.test(path)), checkerCode(modules).join('\n'));
  });

  test('openchecker --help and openchecker commands load the CLI table and commander only', () => {
    const run = (args: string[]): string[] =>
      loadedModules(`
        const { main } = await import(${JSON.stringify(src('cli/main.js'))});
        process.stdout.write = () => true;
        await main(${JSON.stringify(['node', 'openchecker', ...args])});
      `);
    const help = run(['--help']);
    // The entry point, the subcommand table and the usage error the entry point reports (a 7-line module).
    assert.deepEqual(ourModules(help), ['src/cli/main.js', 'src/cli/subcommands.js', 'src/cli/usage-error.js']);
    assert.deepEqual(packages(help), ['commander']);
    const commands = run(['commands']);
    assert.deepEqual(checkerCode(commands), []);
    for (const heavy of ['fastify', 'kysely', 'pg', 'amqplib', 'better-sqlite3', 'undici', 'prom-client']) {
      assert.ok(!packages(commands).includes(heavy), `openchecker commands loads ${heavy}`);
    }
  });

  test('openchecker serve loads no agent or checker code, and embedded up no PostgreSQL or RabbitMQ client', () => {
    const serve = loadedModules(`await import(${JSON.stringify(src('server/serve.js'))});`);
    assert.ok(serve.some((path) => /server[/\\]serve\.js$/.test(path)), 'the recorder saw serve');
    assert.deepEqual(checkerCode(serve), []);
    const up = loadedModules(`
      const { buildProgram } = await import(${JSON.stringify(src('cli/main.js'))});
      await buildProgram(new Set(['up']));
      await import(${JSON.stringify(src('server/embedded.js'))});
    `);
    for (const distributedOnly of ['pg', 'amqplib']) assert.ok(!packages(up).includes(distributedOnly), `embedded up loads ${distributedOnly}`);
  });
});
