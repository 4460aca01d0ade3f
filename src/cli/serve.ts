/** `openchecker serve`: the HTTP API alone, on PostgreSQL and RabbitMQ (distributed mode; run many replicas). */
import type { Command } from 'commander';
import { createLogger } from '../lib/log.js';
import { startServe } from '../server/serve.js';
import { action, loadCliConfig, parseIntOption } from './common.js';
import { stopOnSignals } from './signals.js';

interface ServeOptions {
  config?: string;
  host?: string;
  port?: number;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP API only, on PostgreSQL ([Database] url) and RabbitMQ ([RabbitMQ]); agents run as `openchecker agent`')
    .option('--config <file>', 'config.ini to read (default: $OPENCHECKER_CONFIG, else ./config/config.ini if present)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1; 0.0.0.0 in containers)')
    .option('--port <port>', 'port to listen on (default 8080)', parseIntOption('--port', 0, 65535))
    .action(
      action(async (options: ServeOptions) => {
        const { config, configFile } = loadCliConfig(options.config, { OpenCheck: { host: options.host, port: options.port } });
        const log = createLogger(process.env.LOG_LEVEL ?? config.OpenCheck.log_level);
        log.info({ configFile }, 'starting OpenChecker API (distributed mode)');
        const server = await startServe(config, log);
        process.stderr.write(`OpenChecker API listening at ${server.url}\n`);
        stopOnSignals(() => server.stop(), log);
      }),
    );
}
