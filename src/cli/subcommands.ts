/**
 * The `openchecker` subcommands as light data: what `openchecker --help` lists, and how to load the module
 * that defines each one in full. A subcommand's module (its options, arguments and action, and everything the
 * action imports: the server, the store, the checkers) is loaded only when that subcommand runs, so
 * `openchecker --help` answers without loading Fastify, the databases or any checker.
 *
 * `term` and `description` must match what the module registers; a test builds the program both ways and
 * compares the help texts.
 */
import type { Command } from 'commander';

export interface Subcommand {
  name: string;
  /** How the top-level help lists the subcommand (commander's term: name, `[options]`, arguments). */
  term: string;
  description: string;
  /** The module's register function, which adds the subcommand with everything it needs to `program`. */
  load(): Promise<(program: Command) => void>;
}

/** In the order `openchecker --help` lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: 'up',
    term: 'up [options]',
    description: 'Run the API, the embedded queue and store, and agents in one process (single machine)',
    load: async () => (await import('./up.js')).registerUp,
  },
  {
    name: 'serve',
    term: 'serve [options]',
    description: 'Run the HTTP API only, on PostgreSQL ([Database] url) and RabbitMQ ([RabbitMQ]); agents run as `openchecker agent`',
    load: async () => (await import('./serve.js')).registerServe,
  },
  {
    name: 'agent',
    term: 'agent [options]',
    description: 'Run a worker: take tasks from RabbitMQ, run the checks, store results in PostgreSQL, send callbacks',
    load: async () => (await import('./agent.js')).registerAgent,
  },
  {
    name: 'queue',
    term: 'queue',
    description: 'Queue depth, dead letters and queue layout migration',
    load: async () => (await import('./queue.js')).registerQueue,
  },
  {
    name: 'check',
    term: 'check [options] <repository>',
    description: 'Run commands once on a repository URL or a local folder, without a server',
    load: async () => (await import('./check.js')).registerCheck,
  },
  {
    name: 'submit',
    term: 'submit [options] <repository>',
    description: 'Submit a check to a running OpenChecker server',
    load: async () => (await import('./submit.js')).registerSubmit,
  },
  {
    name: 'commands',
    term: 'commands [options]',
    description: 'List the commands agents can run',
    load: async () => (await import('./commands.js')).registerCommands,
  },
  {
    name: 'rescan',
    term: 'rescan [options]',
    description: 'Re-evaluate stored results without cloning: --vulns matches stored package inventories against the current OSV database',
    load: async () => (await import('./rescan.js')).registerRescan,
  },
  {
    name: 'cache',
    term: 'cache',
    description: 'Inspect and prune the result cache (per-file facts, command results) and the git caches',
    load: async () => (await import('./cache.js')).registerCache,
  },
  {
    name: 'users',
    term: 'users',
    description: 'Manage users: in PostgreSQL when [Database] url is set, else in the embedded store (data directory of `openchecker up`)',
    load: async () => (await import('./users.js')).registerUsers,
  },
  {
    name: 'config',
    term: 'config',
    description: 'Show the example configuration or check one',
    load: async () => (await import('./config.js')).registerConfig,
  },
];

/**
 * The subcommand commander will run for these arguments (process.argv: node, script, then the user's), or null.
 * The program's own options take no values, so the first argument that is not an option names the
 * subcommand; `help <name>` shows that subcommand's help, so it needs that one.
 */
export function invokedSubcommand(argv: readonly string[]): string | null {
  const operands = argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const name = operands[0] === 'help' ? operands[1] : operands[0];
  return SUBCOMMANDS.some((subcommand) => subcommand.name === name) ? (name as string) : null;
}
