import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../lib/paths.js';
import { renderExampleIni } from './example.js';
import { ConfigError, loadConfig, redactedConfig } from './load.js';
import { isRealJwtSecret } from './schema.js';

const upstreamIni = (): string => join(packageRoot(), 'test', 'fixtures', 'upstream-config.ini');

/** A folder without config/config.ini, so nothing is picked up by accident. */
function emptyDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'oc-config-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function writeIni(dir: string, text: string): string {
  const path = join(dir, 'config.ini');
  writeFileSync(path, text);
  return path;
}

test('the upstream config.ini loads with every section, and SonarQube.port = None is null', () => {
  const { dir, cleanup } = emptyDir();
  try {
    const loaded = loadConfig({ configPath: upstreamIni(), env: {}, cwd: dir });
    assert.equal(loaded.configFile, upstreamIni());
    assert.deepEqual(loaded.warnings, []);
    const { config } = loaded;
    for (const section of ['RabbitMQ', 'SonarQube', 'OpenCheck', 'ChatBot', 'Gitee', 'Github', 'GitCode', 'UserManager', 'JWT', 'AKSK']) {
      assert.ok(section in config, section);
    }
    assert.equal(config.SonarQube.port, null);
    assert.equal(config.SonarQube.host, 'https://sonarqube.mlops.pub');
    assert.equal(config.SonarQube.scan_timeout_s, 1800);
    assert.equal(config.RabbitMQ.port, 5672);
    assert.equal(config.RabbitMQ.blocked_connection_timeout_ms, 300000);
    assert.equal(config.OpenCheck.host, '0.0.0.0');
    assert.equal(config.OpenCheck.port, 80);
    assert.equal(config.OpenCheck.repos_dir, '/tmp/repos');
    assert.equal(config.JWT.secret_key, 'your_secure_secret_key_here');
    assert.equal(config.JWT.expires_minutes, 300);
    assert.equal(config.AKSK.access_key, 'your_access_key_here');
    assert.equal(config.UserManager.default_username, '');
    // New sections keep their defaults.
    assert.equal(config.Callback.max_attempts, 6);
  } finally {
    cleanup();
  }
});

test('keys and section names match case-insensitively; # and ; stay in values', () => {
  const { dir, cleanup } = emptyDir();
  try {
    const path = writeIni(dir, '[opencheck]\nPORT = 8123\n[RabbitMQ]\nPassword = p#ss;word\n[SonarQube]\nport = 9000\n');
    const { config, warnings } = loadConfig({ configPath: path, env: {}, cwd: dir });
    assert.equal(config.OpenCheck.port, 8123);
    assert.equal(config.RabbitMQ.password, 'p#ss;word');
    assert.equal(config.SonarQube.port, 9000);
    assert.deepEqual(warnings, []);
  } finally {
    cleanup();
  }
});

test('unknown sections and keys are warnings, not errors', () => {
  const { dir, cleanup } = emptyDir();
  try {
    const path = writeIni(dir, '[Extra]\na = 1\n[JWT]\nsomething_else = 2\n');
    const { warnings } = loadConfig({ configPath: path, env: {}, cwd: dir });
    assert.equal(warnings.length, 2);
    assert.match(warnings[0] ?? '', /unknown section \[Extra\]/);
    assert.match(warnings[1] ?? '', /unknown key \[JWT\] something_else/);
  } finally {
    cleanup();
  }
});

test('environment variables override the file, and flags override both', () => {
  const { dir, cleanup } = emptyDir();
  try {
    const path = writeIni(dir, '[JWT]\nsecret_key = from-the-file-0123456789\n[OpenCheck]\nport = 81\n');
    const env = { OPENCHECKER_JWT_SECRET_KEY: 'from-the-environment-0123456789', OPENCHECKER_OPENCHECK_PORT: '82' };
    const fromEnv = loadConfig({ configPath: path, env, cwd: dir }).config;
    assert.equal(fromEnv.JWT.secret_key, 'from-the-environment-0123456789');
    assert.equal(fromEnv.OpenCheck.port, 82);
    const fromFlags = loadConfig({ configPath: path, env, cwd: dir, overrides: { OpenCheck: { port: 83 }, JWT: { secret_key: 'from-a-flag-0123456789' } } }).config;
    assert.equal(fromFlags.OpenCheck.port, 83);
    assert.equal(fromFlags.JWT.secret_key, 'from-a-flag-0123456789');
    // An undefined flag does not override.
    assert.equal(loadConfig({ configPath: path, env, cwd: dir, overrides: { OpenCheck: { port: undefined } } }).config.OpenCheck.port, 82);
  } finally {
    cleanup();
  }
});

test('OPENCHECKER_CONFIG names the file; config/config.ini in the working folder is the fallback', () => {
  const { dir, cleanup } = emptyDir();
  try {
    assert.equal(loadConfig({ env: {}, cwd: dir }).configFile, null);
    const path = writeIni(dir, '[OpenCheck]\nport = 8111\n');
    assert.equal(loadConfig({ env: { OPENCHECKER_CONFIG: path }, cwd: dir }).config.OpenCheck.port, 8111);
    const sub = join(dir, 'config');
    mkdirSync(sub);
    writeFileSync(join(sub, 'config.ini'), '[OpenCheck]\nport = 8222\n');
    const fallback = loadConfig({ env: {}, cwd: dir });
    assert.equal(fallback.configFile, join(sub, 'config.ini'));
    assert.equal(fallback.config.OpenCheck.port, 8222);
    // An explicit path wins over the fallback.
    assert.equal(loadConfig({ configPath: path, env: {}, cwd: dir }).config.OpenCheck.port, 8111);
  } finally {
    cleanup();
  }
});

test('bad values name the key and where they came from', () => {
  const { dir, cleanup } = emptyDir();
  try {
    const path = writeIni(dir, '[OpenCheck]\nport = eighty\n');
    assert.throws(
      () => loadConfig({ configPath: path, env: {}, cwd: dir }),
      (err: unknown) =>
        err instanceof ConfigError && err.message.includes('[OpenCheck] port') && err.message.includes(path) && err.message.includes('whole number'),
    );
    assert.throws(
      () => loadConfig({ env: { OPENCHECKER_OPENCHECK_PORT: 'abc' }, cwd: dir }),
      (err: unknown) => err instanceof ConfigError && err.message.includes('[OpenCheck] port') && err.message.includes('OPENCHECKER_OPENCHECK_PORT'),
    );
    assert.throws(
      () => loadConfig({ env: {}, cwd: dir, overrides: { OpenCheck: { port: 70000 } } }),
      (err: unknown) => err instanceof ConfigError && /\[OpenCheck\] port/.test(err.message) && /command-line flag/.test(err.message) && /between 0 and 65535/.test(err.message),
    );
    assert.throws(
      () => loadConfig({ env: { OPENCHECKER_OPENCHECK_ALLOW_LOCAL_REPOS: 'maybe' }, cwd: dir }),
      (err: unknown) => err instanceof ConfigError && /\[OpenCheck\] allow_local_repos/.test(err.message) && /true or false/.test(err.message),
    );
    assert.throws(
      () => loadConfig({ env: { OPENCHECKER_OPENCHECK_LOG_LEVEL: 'loud' }, cwd: dir }),
      (err: unknown) => err instanceof ConfigError && /\[OpenCheck\] log_level/.test(err.message),
    );
  } finally {
    cleanup();
  }
});

test('booleans and optional integers accept the usual spellings', () => {
  const { dir, cleanup } = emptyDir();
  try {
    for (const [raw, value] of [['yes', true], ['On', true], ['1', true], ['no', false], ['0', false], ['', false]] as const) {
      assert.equal(loadConfig({ env: { OPENCHECKER_OPENCHECK_ALLOW_LOCAL_REPOS: raw }, cwd: dir }).config.OpenCheck.allow_local_repos, value, raw);
    }
    for (const raw of ['None', 'none', '']) {
      assert.equal(loadConfig({ env: { OPENCHECKER_SONARQUBE_PORT: raw }, cwd: dir }).config.SonarQube.port, null, raw);
    }
    // An empty path means the default, not the current folder.
    const defaults = loadConfig({ env: {}, cwd: dir }).config;
    assert.equal(loadConfig({ env: { OPENCHECKER_OPENCHECK_REPOS_DIR: '' }, cwd: dir }).config.OpenCheck.repos_dir, defaults.OpenCheck.repos_dir);
  } finally {
    cleanup();
  }
});

test('secret values never appear in error messages or the redacted configuration', () => {
  const { dir, cleanup } = emptyDir();
  const secrets = ['p#ss;word-rabbit', 'jwt-secret-value-0123456789', 'chatbot-api-key-value', 'callback-hmac-value'];
  try {
    const path = writeIni(
      dir,
      `[RabbitMQ]\npassword = ${secrets[0]}\n[JWT]\nsecret_key = ${secrets[1]}\n[ChatBot]\napi_key = ${secrets[2]}\n[OpenCheck]\nport = not-a-port\n`,
    );
    let message = '';
    try {
      loadConfig({ configPath: path, env: { OPENCHECKER_CALLBACK_HMAC_SECRET: secrets[3] }, cwd: dir });
    } catch (err) {
      message = err instanceof Error ? err.message : String(err);
    }
    assert.match(message, /\[OpenCheck\] port/);
    for (const value of secrets) assert.equal(message.includes(value), false, value);

    const ok = writeIni(dir, `[RabbitMQ]\npassword = ${secrets[0]}\n[JWT]\nsecret_key = ${secrets[1]}\n`);
    const { config } = loadConfig({ configPath: ok, env: { OPENCHECKER_CALLBACK_HMAC_SECRET: secrets[3] }, cwd: dir });
    const printed = JSON.stringify(redactedConfig(config));
    for (const value of secrets) assert.equal(printed.includes(value), false, value);
    assert.equal(redactedConfig(config).JWT?.secret_key, '********');
    assert.equal(redactedConfig(config).ChatBot?.api_key, '', 'an empty secret stays visibly empty');
  } finally {
    cleanup();
  }
});

test('a missing --config file is an error naming the path', () => {
  const { dir, cleanup } = emptyDir();
  try {
    assert.throws(
      () => loadConfig({ configPath: 'nope/config.ini', env: {}, cwd: dir }),
      (err: unknown) => err instanceof ConfigError && err.message.includes('config file not found') && err.message.includes(join(dir, 'nope', 'config.ini')),
    );
    assert.throws(() => loadConfig({ env: { OPENCHECKER_CONFIG: join(dir, 'missing.ini') }, cwd: dir }), ConfigError);
  } finally {
    cleanup();
  }
});

test('a duplicate key is an error naming the file and line', () => {
  const { dir, cleanup } = emptyDir();
  try {
    const path = writeIni(dir, '[OpenCheck]\nport = 1\nPort = 2\n');
    assert.throws(
      () => loadConfig({ configPath: path, env: {}, cwd: dir }),
      (err: unknown) => err instanceof ConfigError && err.message.includes(path) && /line 3/.test(err.message) && /appears twice/.test(err.message),
    );
  } finally {
    cleanup();
  }
});

test('config/config.example.ini is exactly renderExampleIni() and loads to the defaults', () => {
  const { dir, cleanup } = emptyDir();
  try {
    const path = join(packageRoot(), 'config', 'config.example.ini');
    assert.equal(readFileSync(path, 'utf8'), renderExampleIni(), 'run the example renderer and commit config/config.example.ini');
    const loaded = loadConfig({ configPath: path, env: {}, cwd: dir });
    assert.deepEqual(loaded.warnings, []);
    assert.deepEqual(loaded.config, loadConfig({ env: {}, cwd: dir }).config);
  } finally {
    cleanup();
  }
});

test('isRealJwtSecret rejects empty, short and upstream placeholder secrets', () => {
  for (const value of ['', '   ', 'your_secure_secret_key_here', 'YOUR_SECURE_SECRET_KEY_HERE', 'your_secret_key', 'changeme', 'secret', 'short-key']) {
    assert.equal(isRealJwtSecret(value), false, value);
  }
  assert.equal(isRealJwtSecret('9f2c1e7a4b8d0c3f6e5a2b1c'), true);
});

test('[Network]: the hosted mode refuses loopback, ssh and git:// by default; the laptop mode allows them; config.ini and the environment override both', () => {
  const { dir, cleanup } = emptyDir();
  try {
    const hosted = loadConfig({ env: {}, cwd: dir }).config.Network;
    assert.deepEqual(hosted, { allow_loopback: false, allow_private: false, allow_hosts: '', allow_cidrs: '', allow_ssh_and_git_protocol: false });
    const laptop = loadConfig({ env: {}, cwd: dir, mode: 'laptop' }).config.Network;
    assert.equal(laptop.allow_loopback, true);
    assert.equal(laptop.allow_ssh_and_git_protocol, true);
    assert.equal(laptop.allow_private, false);
    const path = writeIni(dir, '[Network]\nallow_loopback = false\nallow_cidrs = 10.20.0.0/16, fd12::/16\nallow_hosts = git.corp, *.forge.example\n');
    const fromFile = loadConfig({ configPath: path, env: {}, cwd: dir, mode: 'laptop' }).config.Network;
    assert.equal(fromFile.allow_loopback, false, 'the file wins over the laptop default');
    assert.equal(fromFile.allow_cidrs, '10.20.0.0/16, fd12::/16');
    assert.equal(loadConfig({ env: { OPENCHECKER_NETWORK_ALLOW_LOOPBACK: 'true' }, cwd: dir }).config.Network.allow_loopback, true);
    assert.throws(() => loadConfig({ env: { OPENCHECKER_NETWORK_ALLOW_CIDRS: '10.0.0.0/8; rm -rf' }, cwd: dir }), ConfigError);
  } finally {
    cleanup();
  }
});
