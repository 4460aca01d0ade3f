/** `openchecker config example|check`: the documented example file, and validation of a real one. */
import type { Command } from 'commander';
import { redactedConfig } from '../config/load.js';
import { renderExampleIni } from '../config/example.js';
import { action, loadCliConfig } from './common.js';

export function registerConfig(program: Command): void {
  const config = program.command('config').description('Show the example configuration or check one');
  config
    .command('example')
    .description('Print config.example.ini: every key with its default, description and environment variable')
    .action(
      action(async () => {
        process.stdout.write(renderExampleIni());
      }),
    );
  config
    .command('check')
    .description('Load and validate the configuration (file, environment), and print it with secrets hidden')
    .option('--config <file>', 'config.ini to read')
    .action(
      action(async (options: { config?: string }) => {
        const loaded = loadCliConfig(options.config);
        process.stdout.write(`${JSON.stringify({ configFile: loaded.configFile, config: redactedConfig(loaded.config) }, null, 2)}\n`);
      }),
    );
}
