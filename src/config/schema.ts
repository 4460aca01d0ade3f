/**
 * The one configuration schema. Every key has a type, a default, a description and (for upstream keys) the
 * section/key spelling of upstream's config.ini. The loader, the environment mapping, validation and
 * config/config.example.ini are all derived from this table; a test keeps the example file in step with it.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface BaseSpec<T> {
  readonly default: T;
  readonly description: string;
  /** True for keys upstream's config.ini has; false for keys OpenChecker adds. */
  readonly upstream: boolean;
  /** Never logged, printed or echoed. */
  readonly secret?: boolean;
}
export interface StringSpec extends BaseSpec<string> {
  readonly type: 'string';
  readonly pattern?: RegExp;
  readonly patternHint?: string;
  /** An empty value means "use the default" (for paths, where an empty path would mean the current folder). */
  readonly emptyMeansDefault?: boolean;
}
export interface IntSpec extends BaseSpec<number> {
  readonly type: 'int';
  readonly min: number;
  readonly max: number;
}
/** An integer that may be absent (`None` or empty), as upstream's `SonarQube.port = None`. */
export interface OptionalIntSpec extends BaseSpec<number | null> {
  readonly type: 'optional-int';
  readonly min: number;
  readonly max: number;
}
export interface BoolSpec extends BaseSpec<boolean> {
  readonly type: 'bool';
}
export type KeySpec = StringSpec | IntSpec | OptionalIntSpec | BoolSpec;

type Extra<S> = Partial<Omit<S, 'type' | 'default' | 'description' | 'upstream'>>;
const str = (def: string, description: string, upstream: boolean, extra: Extra<StringSpec> = {}): StringSpec => ({
  type: 'string',
  default: def,
  description,
  upstream,
  ...extra,
});
const secret = (description: string, upstream: boolean): StringSpec => str('', description, upstream, { secret: true });
const int = (def: number, description: string, upstream: boolean, min = 0, max = 2 ** 31 - 1): IntSpec => ({
  type: 'int',
  default: def,
  description,
  upstream,
  min,
  max,
});
const optInt = (description: string, upstream: boolean, min = 1, max = 65535): OptionalIntSpec => ({
  type: 'optional-int',
  default: null,
  description,
  upstream,
  min,
  max,
});
const bool = (def: boolean, description: string, upstream: boolean): BoolSpec => ({
  type: 'bool',
  default: def,
  description,
  upstream,
});

const HTTP_URL = /^(https?:\/\/\S+)?$/;

export const configSchema = {
  RabbitMQ: {
    host: str('localhost', 'RabbitMQ broker host (distributed mode).', true),
    port: int(5672, 'RabbitMQ broker port.', true, 1, 65535),
    username: str('', 'RabbitMQ user name.', true),
    password: secret('RabbitMQ password.', true),
    heartbeat_interval_s: int(60, 'AMQP heartbeat interval in seconds.', true, 0, 3600),
    blocked_connection_timeout_ms: int(
      300000,
      'How long a publisher waits on a blocked connection, in milliseconds (upstream passed it to pika as seconds).',
      true,
      0,
    ),
  },
  SonarQube: {
    host: str('https://sonarqube.mlops.pub', 'SonarQube server: a URL, an IP address or a domain name.', true),
    port: optInt('SonarQube port for IP addresses and domains without a scheme; None for the default.', true),
    username: str('', 'SonarQube user for the Web API.', true),
    password: secret('SonarQube password for the Web API.', true),
    token: secret('SonarQube token for the scanner.', true),
    scan_timeout_s: int(1800, 'Time limit of one SonarQube scan, in seconds.', true, 1),
    report_max_wait_time_s: int(120, 'How long to wait for SonarQube to process a report, in seconds.', true, 0),
    report_check_interval_s: int(10, 'Polling interval for the SonarQube report, in seconds.', true, 1),
  },
  OpenCheck: {
    host: str('127.0.0.1', 'Address the HTTP API listens on (use 0.0.0.0 to listen on every interface).', true),
    port: int(8080, 'Port the HTTP API listens on.', true, 0, 65535),
    ssl_crt_path: str('', 'Unused (TLS terminates at the ingress); kept so upstream files load.', true),
    ssl_key_path: str('', 'Unused (TLS terminates at the ingress); kept so upstream files load.', true),
    repos_dir: str(join(tmpdir(), 'openchecker-repos'), 'Folder for the per-task workspaces of the agents.', true, { emptyMeansDefault: true }),
    data_dir: str('.openchecker', 'Data folder of `openchecker up`: database, generated JWT secret.', false, { emptyMeansDefault: true }),
    agents: int(2, 'Number of agent workers `openchecker up` runs.', false, 1, 64),
    allow_local_repos: bool(false, 'Accept local paths and file:// URLs as project_url (single-user setups, tests).', false),
    eol_list_path: str('', 'Path of the EOL list (upstream eol.yaml format); empty: eol.yaml beside config.ini, else the shipped list.', false),
    clone_timeout_s: int(600, 'Time limit of one git clone, in seconds.', false, 1),
    clone_max_size_mb: int(2048, 'Largest workspace a clone may fill, in MiB; larger clones are stopped.', false, 1),
    command_timeout_s: int(900, 'Default time limit of one command on one repository, in seconds.', false, 1),
    task_max_attempts: int(3, 'Deliveries of one task before it is dead-lettered (a task that keeps crashing agents).', false, 1, 100),
    shutdown_grace_s: int(30, 'On SIGTERM, how long running tasks may finish before they are handed back to the queue.', false, 0, 3600),
    trust_proxy: bool(false, 'Take client addresses from X-Forwarded-For (set when the API runs behind an ingress or proxy).', false),
    auth_rate_limit_per_minute: int(30, 'POST /auth requests allowed per client address and minute.', false, 1),
    max_tasks_per_page: int(100, 'Largest page of GET /tasks.', false, 1, 1000),
    log_level: str('info', 'Log level: fatal, error, warn, info, debug or trace.', false, {
      pattern: /^(fatal|error|warn|info|debug|trace|silent)$/,
      patternHint: 'one of fatal, error, warn, info, debug, trace, silent',
    }),
  },
  Callback: {
    timeout_s: int(30, 'Time limit of one callback POST, in seconds.', false, 1, 3600),
    max_attempts: int(6, 'Callback attempts before the delivery is marked failed.', false, 1, 100),
    backoff_initial_s: int(2, 'Delay before the first callback retry, in seconds (doubles each time, with jitter).', false, 0, 3600),
    backoff_max_s: int(300, 'Longest delay between callback retries, in seconds.', false, 0, 86400),
    hmac_secret: secret('When set, callbacks carry X-OpenChecker-Signature: sha256=HMAC(secret, "<timestamp>.<body>").', false),
  },
  ChatBot: {
    base_url: str('', 'OpenAI-compatible API base URL for the documentation checkers.', true, {
      pattern: HTTP_URL,
      patternHint: 'an http(s) URL',
    }),
    api_key: secret('API key of the OpenAI-compatible API.', true),
    model_name: str('', 'Model name for the documentation checkers.', true),
  },
  Gitee: { access_key: secret('Gitee API token.', true) },
  Github: { access_key: secret('GitHub API token.', true) },
  GitCode: { access_key: secret('GitCode API token.', true) },
  UserManager: {
    default_username: str('', 'A user created (or updated) at start-up; empty: none.', true),
    default_password: secret('Password of default_username; empty credentials never authenticate.', true),
  },
  JWT: {
    secret_key: secret('HS256 key for access tokens; `up` generates one when this is empty or a placeholder.', true),
    expires_minutes: int(30, 'Lifetime of an access token, in minutes.', true, 1, 60 * 24 * 30),
  },
  AKSK: {
    access_key: str('', 'OHPM access key id (ohpm-info).', true),
    secret_key: secret('OHPM secret key (ohpm-info).', true),
  },
} as const satisfies Record<string, Record<string, KeySpec>>;

export type ConfigSchema = typeof configSchema;
type ValueOf<S> = S extends KeySpec ? S['default'] extends infer D ? (D extends string ? string : D extends boolean ? boolean : D) : never : never;
export type Config = {
  readonly [Section in keyof ConfigSchema]: {
    readonly [Key in keyof ConfigSchema[Section]]: ValueOf<ConfigSchema[Section][Key]>;
  };
};
export type SectionName = keyof ConfigSchema;

/** `OPENCHECKER_<SECTION>_<KEY>`, e.g. OPENCHECKER_JWT_SECRET_KEY. */
export function envName(section: string, key: string): string {
  return `OPENCHECKER_${section}_${key}`.toUpperCase();
}

/** Values that mean "no secret was configured": upstream's placeholders and code defaults. */
const PLACEHOLDER_SECRETS = new Set(['', 'your_secure_secret_key_here', 'your_secret_key', 'changeme', 'secret']);
export const MIN_JWT_SECRET_LENGTH = 16;

export function isRealJwtSecret(value: string): boolean {
  return !PLACEHOLDER_SECRETS.has(value.trim().toLowerCase()) && value.trim().length >= MIN_JWT_SECRET_LENGTH;
}
