/** Pieces every CLI command shares: loading configuration from flags and printing errors that say what to do. */
import { ConfigError, configDirectory, loadConfig, type ConfigOverrides, type LoadedConfig } from '../config/load.js';
import { networkPolicyFor, setProcessNetworkPolicy } from '../lib/net-policy.js';

import { UsageError } from './usage-error.js';

export { UsageError };

/**
 * Loads the configuration of this process and installs its outbound-address policy ([Network]), which every
 * outbound client that is not handed one uses. `laptop` (`up`, `check`) applies the laptop defaults.
 */
export function loadCliConfig(configPath: string | undefined, overrides: ConfigOverrides = {}, mode: 'laptop' | 'hosted' = 'hosted'): LoadedConfig & { configDir: string } {
  const loaded = loadConfig({ configPath, overrides, mode });
  for (const warning of loaded.warnings) process.stderr.write(`warning: ${warning}\n`);
  try {
    setProcessNetworkPolicy(networkPolicyFor(loaded.config.Network));
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { ...loaded, configDir: configDirectory(loaded) };
}

/** Runs a command action, turning known failures into one clear line and exit code 1 (2 for usage). */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`openchecker: ${err.message}\n`);
        process.exitCode = 2;
      } else if (err instanceof UsageError) {
        process.stderr.write(`openchecker: ${err.message}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`openchecker: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
      }
    }
  };
}

export function parseIntOption(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
    return n;
  };
}
