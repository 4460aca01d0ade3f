/** `openchecker commands`: the commands agents can run, with what each needs. */
import type { Command } from 'commander';
import { listCommands } from '../checkers/metadata.js';
import { action } from './common.js';

export function registerCommands(program: Command): void {
  program
    .command('commands')
    .description('List the commands agents can run')
    .option('--json', 'print JSON instead of a table')
    .action(
      action(async (options: { json?: boolean }) => {
        const commands = listCommands();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(commands, null, 2)}\n`);
          return;
        }
        const width = Math.max(...commands.map((c) => c.name.length));
        for (const command of commands) {
          const needs = command.requirements
            ? [
                command.requirements.checkout !== 'none' ? `checkout:${command.requirements.checkout}` : null,
                command.requirements.network === 'optional' ? 'network if a token is configured' : command.requirements.network ? 'network' : null,
                ...(command.requirements.tools ?? []).map((t) => `tool:${t}`),
                ...(command.requirements.config ?? []).map((k) => `config:${k}`),
                command.requirements.commitHash ? 'commit_hash' : null,
              ].filter(Boolean)
            : [];
          const state = command.available ? '' : ' [not available in this version]';
          process.stdout.write(`${command.name.padEnd(width)}  ${command.description}${state}${needs.length ? `  (needs ${needs.join(', ')})` : ''}\n`);
        }
      }),
    );
}
