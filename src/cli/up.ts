/**
 * `openchecker up`: everything on one machine, on the embedded SQLite queue and store. The server modules are
 * loaded for the chosen backend only: the embedded mode never loads the PostgreSQL and RabbitMQ clients.
 */
import type { Command } from 'commander';
import { createLogger } from '../lib/log.js';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { embeddedJwtSecret } from '../server/secrets.js';
import { stopOnSignals } from './signals.js';
import { action, loadCliConfig, parseIntOption } from './common.js';

interface UpOptions {
  config?: string;
  host?: string;
  port?: number;
  dataDir?: string;
  agents?: number;
  allowLocalRepos?: boolean;
  backend?: string;
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('Run the API, the embedded queue and store, and agents in one process (single machine)')
    .option('--config <file>', 'config.ini to read (default: $OPENCHECKER_CONFIG, else ./config/config.ini if present)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default 8080; 0 picks a free one)', parseIntOption('--port', 0, 65535))
    .option('--data-dir <dir>', 'folder for the database and generated secrets (default ./.openchecker)')
    .option('--agents <n>', 'number of agent workers (default 2)', parseIntOption('--agents', 1, 64))
    .option('--allow-local-repos', 'accept local paths and file:// URLs as project_url')
    .option('--backend <kind>', 'embedded (default: SQLite, one process) or distributed ([Database] url and [RabbitMQ])')
    .action(
      action(async (options: UpOptions) => {
        const { config, configDir, configFile } = loadCliConfig(options.config, {
          OpenCheck: {
            host: options.host,
            port: options.port,
            data_dir: options.dataDir,
            agents: options.agents,
            allow_local_repos: options.allowLocalRepos ? true : undefined,
            backend: options.backend,
          },
        }, 'laptop');
        const log = createLogger(process.env.LOG_LEVEL ?? config.OpenCheck.log_level);
        if (config.OpenCheck.backend === 'distributed') {
          // The same processes as `serve` + `agent`, in one: for trying distributed mode on one machine.
          log.info({ configFile }, 'starting OpenChecker (distributed backends: PostgreSQL and RabbitMQ)');
          const [{ requireDistributedConfig }, { startServe }, { startAgentProcess }] = await Promise.all([
            import('../server/distributed.js'),
            import('../server/serve.js'),
            import('../server/agent-process.js'),
          ]);
          requireDistributedConfig(config, 'up');
          const dataDir = resolve(config.OpenCheck.data_dir);
          mkdirSync(dataDir, { recursive: true, mode: 0o700 });
          const serve = await startServe(config, log, { jwtSecret: embeddedJwtSecret(config.JWT.secret_key, dataDir).secret });
          const agent = await startAgentProcess(config, configDir, log, config.OpenCheck.agents);
          process.stderr.write(`OpenChecker is running at ${serve.url} (API docs at ${serve.url}/docs). Press Ctrl+C to stop.\n`);
          stopOnSignals(async () => {
            await serve.stop();
            await agent.stop();
          }, log);
          return;
        }
        log.info({ configFile }, 'starting OpenChecker (embedded mode)');
        const { startEmbedded } = await import('../server/embedded.js');
        const server = await startEmbedded(config, configDir, log);
        if (server.initialAdmin) {
          process.stderr.write(
            `\nCreated the first user. Save this password now: it is not shown again.\n` +
              `  user:     ${server.initialAdmin.username}\n  password: ${server.initialAdmin.password}\n` +
              `(Manage users with \`openchecker users --help\`.)\n\n`,
          );
        }
        process.stderr.write(`OpenChecker is running at ${server.url} (API docs at ${server.url}/docs). Press Ctrl+C to stop.\n`);

        stopOnSignals(() => server.stop(), log, 'running tasks will be queued again at the next start');
      }),
    );
}
