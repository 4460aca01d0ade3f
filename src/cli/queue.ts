/**
 * `openchecker queue stats|migrate` and `openchecker queue dlq list|requeue|purge`: operate the queue of a
 * distributed installation ([Database] url + RabbitMQ), or of the embedded one when no database URL is set.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EmbeddedBackend, embeddedDatabasePath, DistributedBackend, type Backend } from '../tasks/backend.js';
import type { Config } from '../config/schema.js';
import { createLogger } from '../lib/log.js';
import { listDeadLetters, purgeDeadLetters, requeueDeadLetters } from '../tasks/dead-letters.js';
import { RabbitQueue } from '../queue/rabbitmq.js';
import { amqpUrl, openStoreWithRetry } from '../server/distributed.js';
import { withoutCredentials } from '../tasks/validation.js';
import { UsageError, action, loadCliConfig, parseIntOption } from './common.js';
import { formatRows } from './table.js';

interface BaseOptions {
  config?: string;
  dataDir?: string;
  json?: boolean;
}

async function connectRabbit(config: Config): Promise<RabbitQueue> {
  const url = amqpUrl(config);
  try {
    return await RabbitQueue.connect({ url, heartbeatS: config.RabbitMQ.heartbeat_interval_s, log: createLogger('silent') });
  } catch (err) {
    throw new Error(`cannot reach RabbitMQ at ${withoutCredentials(url)}: ${err instanceof Error ? err.message : String(err)} (check [RabbitMQ] url or host/port/username/password)`);
  }
}

async function withBackend<T>(options: BaseOptions, fn: (backend: Backend, config: Config) => Promise<T>): Promise<T> {
  const { config } = loadCliConfig(options.config, { OpenCheck: { data_dir: options.dataDir } });
  let backend: Backend;
  if (config.Database.url) {
    const store = await openStoreWithRetry(config, createLogger('silent'), 0);
    try {
      backend = new DistributedBackend(store, await connectRabbit(config));
    } catch (err) {
      await store.close();
      throw err;
    }
  } else {
    backend = new EmbeddedBackend(embeddedDatabasePath(resolve(config.OpenCheck.data_dir)));
  }
  try {
    return await fn(backend, config);
  } finally {
    await backend.close();
  }
}

const print = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

function common(command: Command): Command {
  return command
    .option('--config <file>', 'config.ini to read ([Database] url and [RabbitMQ] select distributed mode)')
    .option('--data-dir <dir>', 'embedded mode: data directory of `openchecker up` (default ./.openchecker)')
    .option('--json', 'print JSON');
}

export function registerQueue(program: Command): void {
  const queue = program.command('queue').description('Queue depth, dead letters and queue layout migration');

  common(queue.command('stats').description('Messages waiting, being worked on and dead-lettered; consumers'))
    .action(
      action(async (options: BaseOptions) => {
        const stats = await withBackend(options, (backend) => backend.queue.stats());
        if (options.json) return print(JSON.stringify(stats));
        print(
          formatRows(
            ['waiting', 'in progress', 'dead letters', 'consumers'],
            [[stats.ready, stats.unacked ?? 'n/a', stats.deadLetters, stats.consumers ?? 'n/a']],
          ),
        );
      }),
    );

  common(queue.command('migrate').description('Move queues declared non-durable (Python version) to the durable layout, keeping every message'))
    .action(
      action(async (options: BaseOptions) => {
        const { config } = loadCliConfig(options.config);
        const rabbit = await connectRabbit(config);
        try {
          const outcome = await rabbit.migrateLayout((line) => process.stderr.write(`${line}\n`));
          if (options.json) print(JSON.stringify(outcome));
          else print(outcome.some((entry) => entry.changed) ? 'migrated to the durable layout' : 'nothing to do: the queues are durable already');
        } finally {
          await rabbit.close();
        }
      }),
    );

  const dlq = queue.command('dlq').description('Dead letters: tasks that could not be processed');

  common(dlq.command('list').description('List dead letters (oldest first) with their reason'))
    .option('--limit <n>', 'at most this many (default 100)', parseIntOption('--limit', 1, 100_000), 100)
    .action(
      action(async (options: BaseOptions & { limit: number }) => {
        const letters = await withBackend(options, (backend) => listDeadLetters(backend, options.limit));
        if (options.json) return print(JSON.stringify(letters.map(({ body: _body, ...rest }) => rest)));
        if (letters.length === 0) return print('no dead letters');
        print(
          formatRows(
            ['task', 'repository', 'dead-lettered at', 'reason'],
            letters.map((letter) => [letter.taskId ?? '(none)', letter.projectUrl ?? '(unreadable body)', letter.deadLetteredAt ?? '', letter.reason ?? '']),
          ),
        );
      }),
    );

  common(dlq.command('requeue').description('Put dead-lettered tasks back on the work queue (their attempts start again)'))
    .option('--task <id...>', 'the task id(s) to requeue')
    .option('--all', 'requeue every dead letter')
    .action(
      action(async (options: BaseOptions & { task?: string[]; all?: boolean }) => {
        if (!options.all && !options.task?.length) throw new UsageError('say which: --task <id> (repeatable) or --all');
        if (options.all && options.task?.length) throw new UsageError('use either --task or --all, not both');
        const moved = await withBackend(options, (backend) => requeueDeadLetters(backend, options.all ? { all: true } : { taskIds: options.task ?? [] }));
        if (options.json) return print(JSON.stringify({ requeued: moved.map((letter) => letter.taskId) }));
        const missing = (options.task ?? []).filter((id) => !moved.some((letter) => letter.taskId === id));
        print(`requeued ${moved.length} task(s)`);
        if (missing.length > 0) process.stderr.write(`not in the dead letters: ${missing.join(', ')}\n`);
      }),
    );

  common(dlq.command('purge').description('Delete every dead letter (their tasks stay dead_lettered in the store)'))
    .option('--yes', 'confirm: dead letters cannot be recovered after this')
    .action(
      action(async (options: BaseOptions & { yes?: boolean }) => {
        if (!options.yes) throw new UsageError('purging deletes every dead letter for good; add --yes to confirm');
        const purged = await withBackend(options, (backend) => purgeDeadLetters(backend));
        print(options.json ? JSON.stringify({ purged }) : `purged ${purged} dead letter(s)`);
      }),
    );
}
