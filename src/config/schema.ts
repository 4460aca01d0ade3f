/**
 * The one configuration schema. Every key has a type, a default, a description and (for upstream keys) the
 * section/key spelling of upstream's config.ini. The loader, the environment mapping, validation and
 * config/config.example.ini are all derived from this table; a test keeps the example file in step with it.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretProblem } from './secret-strength.js';

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
    url: str(
      '',
      'Broker URL (amqp://user:password@host:port/vhost); when set it replaces host, port, username and password.',
      false,
      { secret: true, pattern: /^(amqps?:\/\/\S+)?$/, patternHint: 'an amqp:// or amqps:// URL' },
    ),
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
  Database: {
    url: str(
      '',
      'PostgreSQL URL (postgres://user:password@host:port/database) for distributed mode; `serve` and `agent` require it.',
      false,
      { secret: true, pattern: /^(postgres(ql)?:\/\/\S+)?$/, patternHint: 'a postgres:// URL' },
    ),
    max_connections: int(10, 'PostgreSQL connections per process.', false, 1, 1000),
    statement_timeout_s: int(30, 'Time limit of one database statement, in seconds.', false, 1, 3600),
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
    scanner_path: str('sonar-scanner', 'The SonarScanner CLI: a program name looked up on PATH, or a path.', false, { emptyMeansDefault: true }),
    allow_build_tools: bool(
      false,
      'Scan Maven/Gradle projects with `mvn sonar:sonar` / `./gradlew sonar` (these run the repository\'s build code); off: always the SonarScanner CLI.',
      false,
    ),
    request_timeout_s: int(30, 'Time limit of one SonarQube Web API request, in seconds.', false, 1, 3600),
  },
  OpenCheck: {
    host: str('127.0.0.1', 'Address the HTTP API listens on (use 0.0.0.0 to listen on every interface).', true),
    port: int(8080, 'Port the HTTP API listens on.', true, 0, 65535),
    ssl_crt_path: str('', 'Unused (TLS terminates at the ingress); kept so upstream files load.', true),
    ssl_key_path: str('', 'Unused (TLS terminates at the ingress); kept so upstream files load.', true),
    repos_dir: str(join(tmpdir(), 'openchecker-repos'), 'Folder for the per-task workspaces of the agents.', true, { emptyMeansDefault: true }),
    stale_workspace_minutes: int(
      1440,
      'At start-up an agent removes the workspaces in repos_dir of agents that are gone (killed mid-task); one whose owner cannot be checked (another host\'s agent unknown to the registry, or no owner record) is removed once older than this, in minutes.',
      false,
      1,
    ),
    data_dir: str('.openchecker', 'Data folder of `openchecker up`: database, generated JWT secret.', false, { emptyMeansDefault: true }),
    agents: int(2, 'Number of agent workers `openchecker up` runs.', false, 1, 64),
    allow_local_repos: bool(false, 'Accept local paths and file:// URLs as project_url (single-user setups, tests).', false),
    legacy_text_results: bool(
      false,
      'readme-checker and maintainers-checker answer the Python version\'s newline-separated string of paths ({} when none) instead of {"readme_file": [...]} / {"maintainers_file": [...]}, and api-doc-checker its bare list instead of {"api-doc-checker": [...]}; for consumers written against the Python version.',
      false,
    ),
    eol_list_path: str('', 'Path of the EOL list (upstream eol.yaml format); empty: eol.yaml beside config.ini, else the shipped list.', false),
    clone_timeout_s: int(600, 'Time limit of one git clone, in seconds.', false, 1),
    clone_max_size_mb: int(2048, 'Largest workspace a clone may fill, in MiB; larger clones are stopped.', false, 1),
    command_timeout_s: int(900, 'Default time limit of one command on one repository, in seconds.', false, 1),
    git_timeout_s: int(300, 'Time limit of every git call after the clone (listing the tree, reading objects, history), in seconds.', false, 1, 86400),
    repo_max_files: int(250000, 'Most files a repository may hold; a larger tree (a "git bomb") is refused while it is listed. The Linux kernel has about 90k.', false, 1),
    repo_max_total_mb: int(4096, 'Most bytes, in MiB, the files of a repository may add up to once expanded (a checkout\'s size); larger trees are refused while they are listed.', false, 1),
    repo_max_depth: int(64, 'Deepest folder nesting (path segments of a file) a repository may have; deeper trees are refused while they are listed.', false, 1, 4096),
    result_max_mb: int(64, 'Largest result of one command, in MiB (as JSON); a larger one is replaced by {"error": "result too large: ..."}.', false, 1, 4096),
    task_max_attempts: int(3, 'Deliveries of one task before it is dead-lettered (a task that keeps crashing agents).', false, 1, 100),
    backend: str('embedded', '`openchecker up` backends: embedded (SQLite, one process) or distributed ([Database] url + RabbitMQ).', false, {
      pattern: /^(embedded|distributed)$/,
      patternHint: 'embedded or distributed',
    }),
    agent_heartbeat_s: int(10, 'How often agents report to the registry; an agent silent for 3 intervals is shown inactive.', false, 1, 3600),
    agent_health_port: int(0, 'Port of the agent\'s own /healthz, /readyz and /metrics (0: none). For container probes and Prometheus.', false, 0, 65535),
    shutdown_grace_s: int(30, 'On SIGTERM, how long running tasks may finish before they are handed back to the queue.', false, 0, 3600),
    trust_proxy: bool(false, 'Take client addresses from X-Forwarded-For (set when the API runs behind an ingress or proxy).', false),
    auth_rate_limit_per_minute: int(30, 'POST /auth requests allowed per client address and minute.', false, 1),
    max_tasks_per_page: int(100, 'Largest page of GET /tasks.', false, 1, 1000),
    log_level: str('info', 'Log level: fatal, error, warn, info, debug or trace.', false, {
      pattern: /^(fatal|error|warn|info|debug|trace|silent)$/,
      patternHint: 'one of fatal, error, warn, info, debug, trace, silent',
    }),
  },
  API: {
    // Fastify turns Node's whole-request time limit off by default: a client sending its body one byte a second
    // held its connection (and the memory of its request) for ever. `serve` faces the Internet.
    headers_timeout_s: int(20, 'Time a client has to send the request line and headers, in seconds; slower connections are closed (408).', false, 1, 3600),
    request_timeout_s: int(60, 'Time a client has to send a whole request, headers and body, in seconds; slower connections are closed (408). At least headers_timeout_s.', false, 1, 3600),
    idle_timeout_s: int(60, 'A connection on which nothing is received or sent for this long is closed, in seconds.', false, 1, 3600),
    keep_alive_timeout_s: int(72, 'How long an idle keep-alive connection is kept open between requests, in seconds (longer than a proxy\'s idle timeout, so the proxy never reuses a closed one).', false, 1, 3600),
  },
  Callback: {
    timeout_s: int(30, 'Time limit of one callback POST, in seconds.', false, 1, 3600),
    max_attempts: int(6, 'Callback attempts before the delivery is marked failed.', false, 1, 100),
    backoff_initial_s: int(2, 'Delay before the first callback retry, in seconds (doubles each time, with jitter).', false, 0, 3600),
    backoff_max_s: int(300, 'Longest delay between callback retries, in seconds.', false, 0, 86400),
    hmac_secret: secret('When set, callbacks carry X-OpenChecker-Signature: sha256=HMAC(secret, "<timestamp>.<body>").', false),
    max_body_mb: int(128, 'Largest callback body, in MiB; above it the largest results are replaced by an error pointing at GET /opencheck/<task_id>.', false, 1, 4096),
  },
  Quotas: {
    submissions_per_minute: int(
      60,
      'Tasks one user may submit per minute (a sliding window, shared by every API replica through the database); more are answered 429 with Retry-After. 0: unlimited.',
      false,
    ),
    max_queued_tasks: int(200, 'Tasks of one user that may be queued or running at once; more are answered 429. 0: unlimited.', false),
    apply_to_admins: bool(false, 'Whether the quotas limit admin users too (by default they limit the `user` role only).', false),
  },
  Retention: {
    results_days: int(90, 'Days after a task finishes before its results are removed (the task itself stays, marked). 0: keep for ever.', false, 0, 36500),
    tasks_days: int(365, 'Days after a task finishes before the whole task is deleted. 0: keep for ever.', false, 0, 36500),
    interval_minutes: int(60, 'How often the API process (`up`, `serve`) runs the retention purge, in minutes.', false, 1, 10080),
  },
  Network: {
    allow_loopback: bool(
      false,
      'Outbound connections users can aim (clone, callback, url-checker, release downloads, forge and registry clients) may reach loopback addresses (127/8, ::1). Default false for `serve` and `agent`; `up` and `check` default to true.',
      false,
    ),
    allow_private: bool(false, 'Those connections may reach private addresses: RFC 1918, 100.64/10, 198.18/15, fc00::/7 (and NAT64/6to4/Teredo/IPv4-mapped forms of them).', false),
    allow_hosts: str('', 'Host names those connections may reach whatever they resolve to (on-premise forges, internal registries): comma-separated, `*.corp.example` for a domain. Link-local and metadata addresses stay refused.', false, {
      pattern: /^[\s,*.a-zA-Z0-9_-]*$/,
      patternHint: 'host names separated by commas',
    }),
    allow_cidrs: str('', 'Addresses those connections may reach even when private or loopback: CIDRs or addresses, comma-separated (10.20.0.0/16, fd12::/16). Link-local and metadata addresses stay refused.', false, {
      pattern: /^[\s,./:0-9a-fA-F]*$/,
      patternHint: 'CIDRs separated by commas',
    }),
    allow_ssh_and_git_protocol: bool(
      false,
      'Accept ssh://, git@host:path and git:// clones. Their host is checked against this policy before the clone, but git connects by itself, so the address is not pinned. Default false for `serve` and `agent`; `up` and `check` default to true.',
      false,
    ),
  },
  ChatBot: {
    base_url: str('', 'OpenAI-compatible API base URL for the documentation checkers.', true, {
      pattern: HTTP_URL,
      patternHint: 'an http(s) URL',
    }),
    api_key: secret('API key of the OpenAI-compatible API.', true),
    model_name: str('', 'Model name for the documentation checkers.', true),
    timeout_s: int(60, 'Time limit of one chat completion request, in seconds.', false, 1, 3600),
    max_retries: int(4, 'Retries of a chat completion after a rate limit, a server error or a time-out (with exponential backoff).', false, 0, 20),
    max_requests_per_command: int(100, 'Most chat completions one documentation command may ask for (one per 3000-character chunk); more is an error.', false, 1, 100000),
  },
  Gitee: {
    access_key: secret('Gitee API token.', true),
    api_url: str('https://gitee.com/api/v5', 'Gitee API v5 base URL.', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
  },
  Github: {
    access_key: secret('GitHub API token.', true),
    api_url: str('https://api.github.com', 'GitHub REST API base URL (GitHub Enterprise: https://<host>/api/v3); GraphQL is derived from it.', false, {
      pattern: HTTP_URL,
      patternHint: 'an http(s) URL',
      emptyMeansDefault: true,
    }),
  },
  GitCode: {
    access_key: secret('GitCode API token.', true),
    api_url: str('https://api.gitcode.com/api/v5', 'GitCode API v5 base URL.', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
  },
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
  OAT: {
    jar_path: str('', 'OpenHarmony OAT jar (ohos_ossaudittool-*.jar) that oat-scanner runs with java; relative to config.ini\'s folder. Empty: oat-scanner is unavailable.', false),
  },
  Npm: {
    registry_url: str('', 'npm registry base URL (package-info); empty: the npm client\'s setting (npm_config_registry or `npm config get registry`).', false, {
      pattern: HTTP_URL,
      patternHint: 'an http(s) URL',
    }),
    downloads_api_url: str('https://api.npmjs.org', 'npm downloads API base URL (package-info).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    timeout_s: int(30, 'Time limit of one npm registry or downloads API request, in seconds.', false, 1, 3600),
  },
  OHPM: {
    api_url: str('https://ohpm.openharmony.cn', 'OHPM base URL for the m2m package info API (ohpm-info).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    timeout_s: int(30, 'Time limit of one OHPM request, in seconds.', false, 1, 3600),
  },
  OSSInsight: {
    api_url: str('https://api.ossinsight.io/v1', 'OSS Insight public API base URL (repo-country-organizations).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    timeout_s: int(30, 'Time limit of one OSS Insight request, in seconds.', false, 1, 3600),
  },
  BestPractices: {
    api_url: str('https://www.bestpractices.dev', 'OpenSSF Best Practices badge site (bestpractices-checker).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    timeout_s: int(30, 'Time limit of one Best Practices API request, in seconds.', false, 1, 3600),
  },
  OSV: {
    api_url: str('https://api.osv.dev', 'OSV API base URL (osv-scanner).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    offline_dir: str('', 'Directory of OSV records (JSON files and/or osv.dev all.zip exports) matched locally instead of asking the API; empty: use the API.', false),
    timeout_s: int(30, 'Time limit of one OSV API request, in seconds.', false, 1, 3600),
    concurrency: int(4, 'OSV API requests in flight at once, per command.', false, 1, 64),
    cache_ttl_s: int(21600, 'How long an OSV answer for one package version is reused across tasks, in seconds (0: not cached).', false, 0),
  },
  DepsDev: {
    api_url: str('https://api.deps.dev', 'deps.dev API base URL: declared licenses of dependencies (dependency-checker, sbom).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    enabled: bool(true, 'Ask deps.dev for the licenses lockfiles do not declare; false: lockfile licenses only (no network).', false),
    timeout_s: int(20, 'Time limit of one deps.dev request, in seconds.', false, 1, 3600),
    concurrency: int(8, 'deps.dev requests in flight at once, per command.', false, 1, 64),
    cache_ttl_s: int(604800, 'How long a deps.dev answer for one package version is reused across tasks, in seconds (0: not cached).', false, 0),
  },
  Registries: {
    enabled: bool(true, 'Ask the package registries for licenses neither the lockfiles nor deps.dev give (dependency-checker, sbom); false: no registry requests. The npm registry is [Npm] registry_url.', false),
    timeout_s: int(20, 'Time limit of one package registry request, in seconds.', false, 1, 3600),
    concurrency: int(8, 'Package registry requests in flight at once, per command (all registries together).', false, 1, 64),
    cache_ttl_s: int(604800, 'How long a registry answer for one package version is reused across tasks, in seconds (0: not cached).', false, 0),
    pypi_url: str('https://pypi.org', 'PyPI base URL (JSON API: /pypi/<name>/<version>/json).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    crates_url: str('https://crates.io', 'crates.io base URL (/api/v1/crates/<name>/<version>).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    packagist_url: str('https://repo.packagist.org', 'Packagist Composer v2 metadata base URL (/p2/<vendor>/<name>.json).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    pub_url: str('https://pub.dev', 'pub.dev base URL (/api/packages/<name>/score license tags).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    hex_url: str('https://hex.pm', 'hex.pm base URL (/api/packages/<name>).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    rubygems_url: str('https://rubygems.org', 'RubyGems.org base URL (/api/v2/rubygems/<name>/versions/<version>.json).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    nuget_url: str('https://api.nuget.org/v3-flatcontainer', 'NuGet package base address (PackageBaseAddress/3.0.0: /<id>/<version>/<id>.nuspec).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    maven_url: str('https://repo.maven.apache.org/maven2', 'Maven repository base URL (POMs; parent POMs are followed for inherited licenses).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    cran_url: str('https://crandb.r-pkg.org', 'crandb (CRAN metadata database) base URL (/<package>/<version>).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
    go_proxy_url: str('https://proxy.golang.org', 'Go module proxy base URL (/<module>/@v/<version>.info; dependency-reachable-checker).', false, { pattern: HTTP_URL, patternHint: 'an http(s) URL', emptyMeansDefault: true }),
  },
  Cache: {
    enabled: bool(true, 'Keep analysis results in the store, shared by every agent: per-file facts keyed by git blob id (licenses, copyrights, languages, line counts, binary sniff) and per-command results keyed by checker version, configuration and input digest; false: every task computes everything.', false),
    reuse_results: bool(true, 'A task whose commands already ran on the same tree (same checker version and configuration) reuses those results, marked with reused_from; a submission with "fresh": true still runs them. false: per-file facts only.', false),
    max_mb: int(2048, 'Size limit of the result cache in the store (per-file facts and per-command results), in MiB; least recently used entries are evicted beyond it.', false, 1),
    osv_ttl_s: int(21600, 'How long a stored osv-scanner result that asked the online OSV API is reused for the same lockfiles, in seconds (0: never reused). With [OSV] offline_dir the database snapshot is part of the key instead.', false, 0),
    git_dir: str(join(tmpdir(), 'openchecker-git-cache'), 'Folder of the per-repository bare git caches: a later task fetches what changed instead of cloning again.', false, { emptyMeansDefault: true }),
    git_max_mb: int(10240, 'Disk quota of the git caches in git_dir, in MiB; least recently used repositories are evicted beyond it. 0: no git cache (every task clones).', false, 0),
  },
  SupplyChain: {
    build_max_runs: int(100, 'build-checker: most recent completed CI runs of the default branch considered.', false, 1, 1000),
    build_window_days: int(90, 'build-checker: only runs created in the last this many days are considered.', false, 1, 3650),
    releases_checked: int(3, 'build-metadata-checker and reproducible-build-checker: the most recent published releases read.', false, 1, 20),
    oin_table_path: str('', 'dependency-reachable-checker: a table of Open Invention Network-covered packages (JSON or CSV, relative to config.ini\'s folder); empty: no oin_risk is reported.', false),
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

/**
 * Defaults that differ on a laptop (`openchecker up`, `openchecker check`): a single user's own machine, where
 * local forges and test servers on loopback are the point. The hosted mode (`serve`, `agent`) keeps the
 * schema's defaults. config.ini, the environment and flags still override both.
 */
export const LAPTOP_DEFAULTS: { readonly [S in SectionName]?: { readonly [K in keyof ConfigSchema[S]]?: string } } = {
  Network: { allow_loopback: 'true', allow_ssh_and_git_protocol: 'true' },
};

/** `OPENCHECKER_<SECTION>_<KEY>`, e.g. OPENCHECKER_JWT_SECRET_KEY. */
export function envName(section: string, key: string): string {
  return `OPENCHECKER_${section}_${key}`.toUpperCase();
}

/** A JWT secret that is set (not a placeholder), long enough and not predictable (src/config/secret-strength.ts). */
export function isRealJwtSecret(value: string): boolean {
  return secretProblem(value) === null;
}
