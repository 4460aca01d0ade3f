/** `openchecker agent`: a worker consuming RabbitMQ, storing results in PostgreSQL (distributed mode). */
import type { Command } from 'commander';
import { createLogger } from '../lib/log.js';
import { startAgentProcess } from '../server/agent-process.js';
import { action, loadCliConfig, parseIntOption } from './common.js';
import { stopOnSignals } from './signals.js';

interface AgentCliOptions {
  config?: string;
  concurrency: number;
  healthPort?: number;
}

export function registerAgent(program: Command): void {
  program
    .command('agent')
    .description('Run a worker: take tasks from RabbitMQ, run the checks, store results in PostgreSQL, send callbacks')
    .option('--config <file>', 'config.ini to read (default: $OPENCHECKER_CONFIG, else ./config/config.ini if present)')
    .option('--concurrency <n>', 'tasks run at once (= RabbitMQ prefetch)', parseIntOption('--concurrency', 1, 256), 1)
    .option('--health-port <port>', 'serve /healthz, /readyz and /metrics on this port (container probes, Prometheus)', parseIntOption('--health-port', 1, 65535))
    .action(
      action(async (options: AgentCliOptions) => {
        const { config, configDir, configFile } = loadCliConfig(options.config, { OpenCheck: { agent_health_port: options.healthPort } });
        const log = createLogger(process.env.LOG_LEVEL ?? config.OpenCheck.log_level);
        log.info({ configFile, concurrency: options.concurrency }, 'starting OpenChecker agent');
        const agent = await startAgentProcess(config, configDir, log, options.concurrency);
        process.stderr.write(`OpenChecker agent ${agent.agent.id} running (concurrency ${options.concurrency}). Ctrl+C or SIGTERM stops it gracefully.\n`);
        stopOnSignals(() => agent.stop(), log);
      }),
    );
}
