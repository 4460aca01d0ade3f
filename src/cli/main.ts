/** The `openchecker` command line. No other module prints or exits: they return values and throw errors. */
import { Command, Help } from 'commander';
import { SUBCOMMANDS, invokedSubcommand } from './subcommands.js';
import { UsageError } from './usage-error.js';

/**
 * The program with the named subcommands defined in full (`'all'`: every one) and the others as placeholders
 * that carry only their name, term and description: enough for `openchecker --help`, for commander's
 * "unknown command" suggestions, and for nothing else, so they must never be the one that runs.
 */
export async function buildProgram(load: ReadonlySet<string> | 'all' = 'all'): Promise<Command> {
  const placeholderTerms = new WeakMap<Command, string>();
  const program = new Command('openchecker')
    .description('Check source repositories for security, license and quality compliance')
    .version('0.1.0', '-V, --version-info', 'print the OpenChecker version')
    .showHelpAfterError('(add --help for usage)')
    // Subcommands inherit this; for real ones it is commander's own term.
    .configureHelp({
      subcommandTerm(this: Help, command: Command): string {
        return placeholderTerms.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
      },
    });
  const chosen = SUBCOMMANDS.filter((subcommand) => load === 'all' || load.has(subcommand.name));
  const registers = new Map(await Promise.all(chosen.map(async (subcommand) => [subcommand.name, await subcommand.load()] as const)));
  for (const subcommand of SUBCOMMANDS) {
    const register = registers.get(subcommand.name);
    if (register) {
      register(program);
    } else {
      placeholderTerms.set(program.command(subcommand.name).description(subcommand.description), subcommand.term);
    }
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const invoked = invokedSubcommand(argv);
  const program = await buildProgram(new Set(invoked === null ? [] : [invoked]));
  try {
    await program.parseAsync(argv);
  } catch (err) {
    // An option's value refused while commander parses it (parseIntOption): a usage error, not a crash.
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`openchecker: ${err.message}\n`);
    process.exitCode = 2;
  }
}
