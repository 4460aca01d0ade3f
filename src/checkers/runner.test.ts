import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeTask, testConfig } from '../../test/support/fixtures.js';
import { silentLogger } from '../lib/log.js';
import { UPSTREAM_COMMANDS } from './catalogue.js';
import { CHECKER_METAS } from './metadata.js';
import { FsRepoView, type RepoView } from '../lib/repo/repo-view.js';
import { runCommands, type CommandOutcome, type RunCommandsOptions } from './runner.js';
import { CheckerInputError, type CheckContext, type Checker, type CheckerRequirements, type Json } from './types.js';

function checker(name: string, run: (ctx: CheckContext) => Promise<Json>, requirements: Partial<CheckerRequirements> = {}, timeoutMs?: number): Checker {
  return {
    name,
    version: 1,
    description: `test checker ${name}`,
    requirements: { checkout: 'shallow', ...requirements },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    run,
  };
}

function withRepo<T>(fn: (repo: RepoView) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'oc-runner-'));
  return fn(new FsRepoView(dir, 'demo')).finally(() => rmSync(dir, { recursive: true, force: true }));
}

function options(checkers: Checker[], commands: string[], repo: RepoView | null, extra: Partial<RunCommandsOptions> = {}): RunCommandsOptions {
  const byName = new Map(checkers.map((c) => [c.name, c]));
  return {
    commands,
    task: makeTask(),
    repo,
    config: testConfig(),
    configDir: tmpdir(),
    log: silentLogger(),
    lookup: (name) => byName.get(name),
    ...extra,
  };
}

test('a checker that throws gets {"error": message}; the others succeed', async () => {
  await withRepo(async (repo) => {
    const outcomes: [string, CommandOutcome][] = [];
    const results = await runCommands(
      options(
        [
          checker('good', async () => ({ ok: true })),
          checker('bad', async () => {
            throw new Error('the tool crashed');
          }),
          checker('input', async () => {
            throw new CheckerInputError('no lockfile found');
          }),
          checker('also-good', async () => [1, 'two']),
        ],
        ['good', 'bad', 'input', 'also-good'],
        repo,
        { onCommandDone: (command, outcome) => outcomes.push([command, outcome]) },
      ),
    );
    assert.deepEqual(results, {
      good: { ok: true },
      bad: { error: 'the tool crashed' },
      input: { error: 'no lockfile found' },
      'also-good': [1, 'two'],
    });
    assert.deepEqual(new Map(outcomes), new Map<string, CommandOutcome>([['good', 'ok'], ['bad', 'error'], ['input', 'error'], ['also-good', 'ok']]));
  });
});

test('a checker that hangs past its time limit times out, and its signal is aborted', async () => {
  await withRepo(async (repo) => {
    let seen: AbortSignal | null = null;
    const started = Date.now();
    const outcomes: CommandOutcome[] = [];
    const results = await runCommands(
      options(
        [
          checker(
            'hang',
            async (ctx) => {
              seen = ctx.signal;
              return new Promise<Json>(() => undefined); // never settles
            },
            {},
            60,
          ),
          checker('quick', async () => 'done'),
        ],
        ['hang', 'quick'],
        repo,
        { onCommandDone: (_c, outcome) => outcomes.push(outcome) },
      ),
    );
    assert.ok(Date.now() - started < 2000);
    const hang = results.hang as { error: string };
    assert.match(hang.error, /hang timed out/);
    assert.equal(results.quick, 'done');
    const signal = seen as AbortSignal | null;
    assert.equal(signal?.aborted, true);
    assert.match(String((signal?.reason as Error | undefined)?.message), /timed out/);
    assert.ok(outcomes.includes('timeout'));
  });
});

test('the configured command_timeout_s applies when a checker has no time limit of its own', async () => {
  await withRepo(async (repo) => {
    // command_timeout_s has a minimum of 1 s; a checker that honours its signal ends with it.
    const config = testConfig({ OPENCHECKER_OPENCHECK_COMMAND_TIMEOUT_S: '1' });
    const results = await runCommands({
      ...options([checker('slow', async (ctx) => new Promise<Json>((_r, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error))))], ['slow'], repo),
      config,
    });
    assert.match((results.slow as { error: string }).error, /slow timed out after 1 s/);
  });
});

test('stopping the task aborts the running checkers', async () => {
  await withRepo(async (repo) => {
    const controller = new AbortController();
    const pending = runCommands(
      options(
        [checker('waits', async (ctx) => new Promise<Json>((_r, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error))))],
        ['waits'],
        repo,
        { signal: controller.signal },
      ),
    );
    await sleep(20);
    controller.abort();
    assert.deepEqual(await pending, { waits: { error: 'the task was stopped' } });
  });
});

test('unmet requirements are reported without calling run', async () => {
  let calls = 0;
  const counted = (): Promise<Json> => {
    calls++;
    return Promise.resolve('ran');
  };
  await withRepo(async (repo) => {
    const results = await runCommands(
      options(
        [
          checker('needs-tool', counted, { tools: ['openchecker-no-such-tool-xyz'] }),
          checker('needs-config', counted, { config: ['ChatBot.api_key'] }),
          checker('needs-commit', counted, { commitHash: true }),
          checker('has-tool', counted, { tools: ['sh'] }),
        ],
        ['needs-tool', 'needs-config', 'needs-commit', 'has-tool'],
        repo,
      ),
    );
    assert.match((results['needs-tool'] as { error: string }).error, /needs the program "openchecker-no-such-tool-xyz", which is not installed/);
    assert.match((results['needs-config'] as { error: string }).error, /needs the configuration key \[ChatBot\] api_key \(or OPENCHECKER_CHATBOT_API_KEY\)/);
    assert.deepEqual(results['needs-commit'], { error: 'No commit hash provided' });
    assert.equal(results['has-tool'], 'ran');
    assert.equal(calls, 1);
  });

  // A checkout is needed but none was made.
  const noRepo = await runCommands(
    options([checker('needs-checkout', counted, { checkout: 'full' }), checker('api-only', async () => 'fine', { checkout: 'none' })], ['needs-checkout', 'api-only'], null),
  );
  assert.match((noRepo['needs-checkout'] as { error: string }).error, /needs a checkout of the repository, and none is available/);
  assert.equal(noRepo['api-only'], 'fine');
  assert.equal(calls, 1);

  // With the commit hash and the configuration key, the same checkers run.
  const satisfied = await runCommands({
    ...options([checker('needs-config', counted, { config: ['ChatBot.api_key'], checkout: 'none' }), checker('needs-commit', counted, { commitHash: true, checkout: 'none' })], ['needs-config', 'needs-commit'], null),
    task: makeTask({ commitHash: 'abc123' }),
    config: testConfig({ OPENCHECKER_CHATBOT_API_KEY: 'k' }),
  });
  assert.deepEqual(satisfied, { 'needs-config': 'ran', 'needs-commit': 'ran' });
});

test('a checker declared checkout "none" that touches the repository fails clearly', async () => {
  const results = await runCommands(
    options(
      [
        checker(
          'sneaky',
          async (ctx) => {
            void ctx.repo.root;
            return 'unreachable';
          },
          { checkout: 'none' },
        ),
      ],
      ['sneaky'],
      null,
    ),
  );
  assert.match((results.sneaky as { error: string }).error, /declared that it needs no checkout, but used the repository/);
});

test('duplicate commands run once; results follow the command order, not completion order', async () => {
  await withRepo(async (repo) => {
    const runs: string[] = [];
    const make = (name: string, ms: number): Checker =>
      checker(name, async () => {
        await sleep(ms);
        runs.push(name);
        return name;
      });
    const results = await runCommands(options([make('slow', 60), make('fast', 1), make('middle', 20)], ['slow', 'fast', 'slow', 'middle', 'fast'], repo, { concurrency: 3 }));
    assert.deepEqual(Object.keys(results), ['slow', 'fast', 'middle']);
    assert.deepEqual(results, { slow: 'slow', fast: 'fast', middle: 'middle' });
    assert.deepEqual([...runs].sort(), ['fast', 'middle', 'slow']);
    assert.deepEqual(runs, ['fast', 'middle', 'slow'], 'they ran concurrently');
  });
});

test('concurrency bounds how many commands run at once', async () => {
  await withRepo(async (repo) => {
    let running = 0;
    let max = 0;
    const make = (name: string): Checker =>
      checker(name, async () => {
        running++;
        max = Math.max(max, running);
        await sleep(10);
        running--;
        return null;
      });
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    await runCommands(options(names.map(make), names, repo, { concurrency: 2 }));
    assert.equal(max, 2);
  });
});

test('results are plain JSON: undefined dropped, unserialisable values become an error', async () => {
  await withRepo(async (repo) => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const results = await runCommands(
      options(
        [
          checker('undef', async () => ({ a: 1, b: undefined }) as unknown as Json),
          checker('nothing', async () => undefined as unknown as Json),
          checker('cycle', async () => cyclic as unknown as Json),
        ],
        ['undef', 'nothing', 'cycle'],
        repo,
      ),
    );
    assert.deepEqual(results.undef, { a: 1 });
    assert.equal(results.nothing, null);
    assert.match((results.cycle as { error: string }).error, /circular/i);
  });
});

test('an upstream command this version does not implement answers "not available in this version"', async () => {
  const implemented = new Set(CHECKER_METAS.map((c) => c.name));
  const missing = Object.keys(UPSTREAM_COMMANDS).find((name) => !implemented.has(name));
  const commands = missing ? [missing] : [];
  commands.push('not-a-command-at-all');
  const results = await runCommands({ ...options([], commands, null), lookup: undefined });
  for (const command of commands) {
    assert.deepEqual(results[command], { error: `${command} is not available in this version of OpenChecker` });
  }
});

test('onCommandStart and onCommandDone are called once per distinct command', async () => {
  await withRepo(async (repo) => {
    const started: string[] = [];
    const done: string[] = [];
    await runCommands(
      options([checker('x', async () => 1), checker('y', async () => 2)], ['x', 'y', 'x', 'z'], repo, {
        onCommandStart: (c) => started.push(c),
        onCommandDone: (c, _o, seconds) => {
          assert.ok(seconds >= 0);
          done.push(c);
        },
      }),
    );
    assert.deepEqual([...started].sort(), ['x', 'y', 'z']);
    assert.deepEqual([...done].sort(), ['x', 'y', 'z']);
  });
});

test('a result larger than [OpenCheck] result_max_mb becomes {"error": "result too large: ..."}; smaller ones are untouched', async () => {
  await withRepo(async (repo) => {
    const config = testConfig({ OPENCHECKER_OPENCHECK_RESULT_MAX_MB: '1' });
    // A whole-tree result of a bomb: many small entries adding up to ~2 MiB.
    const huge = Array.from({ length: 40_000 }, (_, i) => ({ path: `bomb/d${i % 10}/f${i}`, type: 'file' }));
    const results = await runCommands(
      options([checker('huge', async () => ({ files: huge })), checker('small', async () => ({ files: huge.slice(0, 10), skipped: undefined }) as unknown as Json)], ['huge', 'small'], repo, { config }),
    );
    assert.deepEqual(results.huge, { error: 'result too large: more than 1048576 bytes as JSON (limit [OpenCheck] result_max_mb = 1)' });
    assert.deepEqual(results.small, { files: huge.slice(0, 10) });
  });
});
