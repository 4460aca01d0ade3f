/**
 * Loads the configuration: schema defaults < config.ini < OPENCHECKER_<SECTION>_<KEY> environment variables <
 * CLI flags. Every value is validated against the schema, and a bad one fails with a message naming the key
 * and where the value came from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IniSyntaxError, parseIni } from './ini.js';
import { LAPTOP_DEFAULTS, configSchema, envName, type Config, type KeySpec } from './schema.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Flag overrides, in the schema's section/key spelling: `{OpenCheck: {port: '9000'}}`. */
export type ConfigOverrides = Partial<Record<string, Record<string, string | number | boolean | undefined>>>;

export interface LoadConfigOptions {
  /** Explicit --config path; else OPENCHECKER_CONFIG; else ./config/config.ini when it exists. */
  configPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
  overrides?: ConfigOverrides;
  cwd?: string;
  /** `laptop` (`up`, `check`): LAPTOP_DEFAULTS replace the schema's defaults; default `hosted`. */
  mode?: 'laptop' | 'hosted';
}

export interface LoadedConfig {
  config: Config;
  /** The config.ini that was read, or null when none was. */
  configFile: string | null;
  /** Keys in the file that the schema does not know (reported, not fatal: upstream files may carry extras). */
  warnings: string[];
}

export function resolveConfigPath(options: LoadConfigOptions): string | null {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.configPath ?? env.OPENCHECKER_CONFIG;
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new ConfigError(`config file not found: ${path}`);
    return path;
  }
  const fallback = resolve(cwd, 'config/config.ini');
  return existsSync(fallback) ? fallback : null;
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const configFile = resolveConfigPath(options);
  const warnings: string[] = [];
  const fromFile = new Map<string, Map<string, string>>();

  if (configFile) {
    let doc;
    try {
      doc = parseIni(readFileSync(configFile, 'utf8'));
    } catch (err) {
      if (err instanceof IniSyntaxError) throw new ConfigError(`${configFile}: ${err.message}`);
      throw err;
    }
    const sections = new Map(Object.keys(configSchema).map((name) => [name.toLowerCase(), name]));
    for (const [rawSection, values] of doc) {
      const section = sections.get(rawSection.toLowerCase());
      if (!section) {
        warnings.push(`${configFile}: unknown section [${rawSection}] ignored`);
        continue;
      }
      const known = configSchema[section as keyof Config] as Record<string, KeySpec>;
      for (const key of values.keys()) {
        if (!(key in known)) warnings.push(`${configFile}: unknown key [${rawSection}] ${key} ignored`);
      }
      fromFile.set(section, values);
    }
  }

  const result: Record<string, Record<string, unknown>> = {};
  for (const [section, keys] of Object.entries(configSchema) as [string, Record<string, KeySpec>][]) {
    const values: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(keys)) {
      let raw: string | number | boolean | undefined;
      let origin = 'default';
      const fileValue = fromFile.get(section)?.get(key);
      if (fileValue !== undefined) {
        raw = fileValue;
        origin = configFile ?? 'config file';
      }
      const envValue = env[envName(section, key)];
      if (envValue !== undefined) {
        raw = envValue;
        origin = `environment variable ${envName(section, key)}`;
      }
      const flagValue = options.overrides?.[section]?.[key];
      if (flagValue !== undefined) {
        raw = flagValue;
        origin = 'command-line flag';
      }
      const modeDefault = options.mode === 'laptop' ? (LAPTOP_DEFAULTS as Record<string, Record<string, string> | undefined>)[section]?.[key] : undefined;
      if (raw === undefined && modeDefault !== undefined) {
        raw = modeDefault;
        origin = 'laptop default';
      }
      values[key] = raw === undefined ? spec.default : coerce(section, key, spec, raw, origin);
    }
    result[section] = values;
  }
  return { config: result as unknown as Config, configFile, warnings };
}

function coerce(section: string, key: string, spec: KeySpec, raw: string | number | boolean, origin: string): unknown {
  const where = `[${section}] ${key}`;
  const text = String(raw).trim();
  const fail = (why: string): never => {
    const shown = spec.secret ? '(hidden)' : JSON.stringify(text);
    throw new ConfigError(`invalid configuration ${where} = ${shown} (from ${origin}): ${why}`);
  };
  switch (spec.type) {
    case 'string':
      if (text === '' && spec.emptyMeansDefault) return spec.default;
      if (spec.pattern && !spec.pattern.test(text)) fail(`must be ${spec.patternHint ?? spec.pattern.source}`);
      return text;
    case 'bool': {
      const lowered = text.toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(lowered)) return true;
      if (['0', 'false', 'no', 'off', ''].includes(lowered)) return false;
      return fail('must be true or false');
    }
    case 'int':
    case 'optional-int': {
      if (spec.type === 'optional-int' && (text === '' || text.toLowerCase() === 'none')) return null;
      if (!/^-?\d+$/.test(text)) return fail('must be a whole number');
      const value = Number(text);
      if (value < spec.min || value > spec.max) return fail(`must be between ${spec.min} and ${spec.max}`);
      return value;
    }
  }
}

/** The directory config-relative files (such as eol.yaml) are looked up in. */
export function configDirectory(loaded: LoadedConfig, cwd = process.cwd()): string {
  return loaded.configFile ? dirname(loaded.configFile) : resolve(cwd, 'config');
}

/** A printable copy of the configuration with every secret replaced, for logs and `config show`. */
export function redactedConfig(config: Config): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [section, keys] of Object.entries(configSchema) as [string, Record<string, KeySpec>][]) {
    const values = (config as unknown as Record<string, Record<string, unknown>>)[section] ?? {};
    out[section] = Object.fromEntries(
      Object.entries(keys).map(([key, spec]) => [key, spec.secret && values[key] ? '********' : values[key]]),
    );
  }
  return out;
}
