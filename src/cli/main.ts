/** The `openchecker` command line. No other module prints or exits: they return values and throw errors. */
import { Command } from 'commander';
import { registerAgent } from './agent.js';
import { registerCheck } from './check.js';
import { registerCommands } from './commands.js';
import { registerConfig } from './config.js';
import { registerQueue } from './queue.js';
import { registerServe } from './serve.js';
import { registerSubmit } from './submit.js';
import { registerUp } from './up.js';
import { registerUsers } from './users.js';

export function buildProgram(): Command {
  const program = new Command('openchecker')
    .description('Check source repositories for security, license and quality compliance')
    .version('0.1.0', '-V, --version-info', 'print the OpenChecker version')
    .showHelpAfterError('(add --help for usage)');
  registerUp(program);
  registerServe(program);
  registerAgent(program);
  registerQueue(program);
  registerCheck(program);
  registerSubmit(program);
  registerCommands(program);
  registerUsers(program);
  registerConfig(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
