/**
 * Local fakes of the GitHub REST/GraphQL, Gitee v5 and GitCode v5 APIs, answering like the real services:
 * bodies built from the samples in test/fakes/samples/{github,gitee,gitcode} (recorded or documented responses,
 * see each README), each platform's pagination (GitHub `Link` with `rel="next"/"last"`, Gitee `total_page` and
 * `total_count` headers, GitCode none: a short page ends the list), GitHub's `X-RateLimit-*` headers, `ETag`s and
 * `304` answers to `If-None-Match`, and the platforms' error bodies. `mode` switches every API route to a failure:
 * bad token, throttling (GitHub's 403 with `X-RateLimit-Remaining: 0`, or 429 `Retry-After`), a hang, a broken
 * body. Source archives are real zips (yazl); GitHub's zipball answers 302 to a "codeload" route on another
 * origin (`localhost` instead of `127.0.0.1`), as the real one redirects to codeload.github.com.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import yazl from 'yazl';
import { packageRoot } from '../../src/lib/paths.js';

export type PlatformFakeMode =
  | 'ok'
  /** Lists are empty (no releases, hooks, contributors, commits). */
  | 'empty'
  | 'not-found'
  | 'unauthorized'
  /** Limit exhausted until an hour from now: longer than an agent waits. */
  | 'rate-limited'
  /** One throttled answer with a 1 s wait, then normal answers. */
  | 'rate-limited-once'
  /** Accepts requests and never answers. */
  | 'timeout'
  /** 200 with a truncated JSON body. */
  | 'malformed';

export type Platform = 'github' | 'gitee' | 'gitcode';
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  status: number;
}

/** What the fake repository holds; tests change it before running a command. */
export interface FakeRepoData {
  repo: JsonObject;
  releases: JsonObject[];
  hooks: JsonObject[];
  contributors: JsonObject[];
  commits: JsonObject[];
  issues: JsonObject[];
  comments: JsonObject[];
  tags: JsonObject[];
  /** GitHub users (REST `/users/{login}`, GraphQL `user(login:)`); `organizations` lists org logins. */
  users: Record<string, JsonObject>;
  /** Source archives by tag: file path → content (the fake zips them under `<repo>-<tag>/`). */
  archives: Record<string, Record<string, string>>;
  /** Archives served as these raw bytes instead (e.g. not a zip). */
  rawArchives: Record<string, Buffer>;
  /** `total_count` of GitHub's commit search. */
  searchCommitsTotal: number;
  /** Branch protection by branch (GitHub); absent → 404 "Branch not protected". */
  protection: Record<string, JsonObject>;
  /** GitHub Actions runs (`/actions/runs`), newest first; filtered by `branch`, `status` and `created=>=`. */
  runs: JsonObject[];
  /** Repository security advisories (GitHub `/security-advisories`), filtered by `state`. */
  advisories: JsonObject[];
  /** Release asset bodies served at `/<owner>/<repo>/releases/download/<tag>/<name>`, keyed `<tag>/<name>`. */
  assets: Record<string, string | Buffer>;
  /** Answer of POST /graphql (GitHub) for queries other than user lookups, computed from the query text. */
  graphql: (query: string, variables: JsonObject) => JsonObject;
}

export interface FakePlatform {
  readonly platform: Platform;
  /** The API base URL to configure (`[Github] api_url`, …). */
  readonly url: string;
  readonly origin: string;
  readonly owner: string;
  readonly repo: string;
  /** The project URL a task would carry. */
  readonly projectUrl: string;
  readonly requests: RecordedRequest[];
  mode: PlatformFakeMode;
  /** When set, any other token is answered 401; no token is allowed unless `requireToken`. */
  token: string | null;
  requireToken: boolean;
  data: FakeRepoData;
  /** Environment that points OpenChecker at this fake. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

const SAMPLES = join(packageRoot(), 'test', 'fakes', 'samples');

export function platformSample<T = Json>(platform: Platform, file: string): T {
  return JSON.parse(readFileSync(join(SAMPLES, platform, file), 'utf8')) as T;
}

const ENV_KEY: Record<Platform, string> = { github: 'GITHUB', gitee: 'GITEE', gitcode: 'GITCODE' };
const HOST: Record<Platform, string> = { github: 'github.com', gitee: 'gitee.com', gitcode: 'gitcode.com' };

export async function startFakePlatform(platform: Platform, options: { owner?: string; repo?: string } = {}): Promise<FakePlatform> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'demo';
  const requests: RecordedRequest[] = [];
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const base = platform === 'github' ? origin : `${origin}/api/v5`;
  const fake: FakePlatform = {
    platform,
    url: base,
    origin,
    owner,
    repo,
    projectUrl: `https://${HOST[platform]}/${owner}/${repo}`,
    requests,
    mode: 'ok',
    token: null,
    requireToken: false,
    data: defaultData(platform, owner, repo, origin),
    env: () => ({ [`OPENCHECKER_${ENV_KEY[platform]}_API_URL`]: base }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, status: 0 };
      requests.push(record);
      const send = (status: number, payload: string | Buffer, headers: Record<string, string> = {}): void => {
        record.status = status;
        res.writeHead(status, headers).end(payload);
      };
      handle(fake, platform, record, url, send);
    });
  });
  return fake;
}

type Send = (status: number, payload: string | Buffer, headers?: Record<string, string>) => void;

function handle(fake: FakePlatform, platform: Platform, request: RecordedRequest, url: URL, send: Send): void {
  const github = platform === 'github';
  const apiPath = github ? url.pathname : url.pathname.replace(/^\/api\/v5/, '');
  const isArchiveRoute = url.pathname.startsWith('/codeload/') || url.pathname.includes('/-/archive/') || url.pathname.includes('/releases/download/');
  const now = Math.floor(Date.now() / 1000);
  const rateHeaders: Record<string, string> = github
    ? { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-used': '1', 'x-ratelimit-reset': String(now + 3600), 'x-ratelimit-resource': 'core' }
    : {};
  const json = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(value);
    const contentType = github ? 'application/json; charset=utf-8' : 'application/json;charset=utf-8';
    if (status === 200 && github && request.method === 'GET') {
      const etag = `W/"${createHash('sha1').update(text).digest('hex')}"`;
      if (request.headers['if-none-match'] === etag) return send(304, '', { ...rateHeaders, etag });
      headers = { ...headers, etag, 'cache-control': 'private, max-age=60, s-maxage=60' };
    }
    send(status, text, { 'content-type': contentType, ...rateHeaders, ...headers });
  };

  if (!isArchiveRoute) {
    switch (fake.mode) {
      case 'timeout':
        return;
      case 'malformed':
        return send(200, '[{"id": 1, "tag_name": "v1', { 'content-type': 'application/json' });
      case 'rate-limited':
      case 'rate-limited-once': {
        const once = fake.mode === 'rate-limited-once';
        if (once) fake.mode = 'ok';
        if (github && once) return json(403, platformSample('github', 'error.403.secondary-rate-limit.json'), { 'retry-after': '1' });
        if (github) {
          return json(403, platformSample('github', 'error.403.primary-rate-limit.authenticated.json'), {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-used': '5000',
            'x-ratelimit-reset': String(now + 3600),
          });
        }
        // GitCode documents 429 above 50 requests/minute; Gitee's throttling answer is undocumented: the same.
        return json(429, { message: 'Too Many Requests' }, { 'retry-after': once ? '1' : '3600' });
      }
      case 'unauthorized':
        return json(401, platformSample(platform, unauthorizedFile(platform)));
      case 'not-found':
        return json(404, platformSample(platform, notFoundFile(platform)));
      default:
    }
    if (!authorised(fake, platform, request, url)) return json(401, platformSample(platform, unauthorizedFile(platform)));
  }

  const empty = fake.mode === 'empty';
  const data = fake.data;
  const repoPrefix = `/repos/${fake.owner}/${fake.repo}`;
  const list = (items: JsonObject[]): void => paginate(platform, url, empty ? [] : items, json);

  if (github && request.method === 'POST' && apiPath === '/graphql') {
    // GitHub refuses anonymous GraphQL.
    if (!request.headers.authorization) return json(401, { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql' });
    const parsed = JSON.parse(request.body || '{}') as { query?: string; variables?: JsonObject };
    const query = parsed.query ?? '';
    const aliases = [...query.matchAll(/(\w+): user\(login: "([^"]+)"\)/g)];
    if (aliases.length > 0) {
      // User lookups by alias, answered from `data.users` (unknown logins are null, as GitHub answers).
      const answer: JsonObject = {};
      for (const [, alias = '', login = ''] of aliases) {
        const user = data.users[login];
        const orgs = Array.isArray(user?.organizations) ? user.organizations : [];
        answer[alias] = user ? { company: user.company ?? null, organizations: { nodes: orgs.map((org) => ({ login: org })) } } : null;
      }
      return json(200, { data: answer });
    }
    return json(200, data.graphql(query, parsed.variables ?? {}));
  }
  if (github && apiPath.startsWith('/users/')) {
    const user = data.users[decodeURIComponent(apiPath.slice('/users/'.length))];
    return user ? json(200, user) : json(404, platformSample('github', 'error.404.not-found.json'));
  }
  if (github && apiPath === '/search/commits') {
    return json(200, { total_count: empty ? 0 : data.searchCommitsTotal, incomplete_results: false, items: [] });
  }
  if (url.pathname.includes('/releases/download/')) {
    // Release assets, as github.com serves them (Gitee and GitCode use the same path shape on their web hosts).
    const key = decodeURIComponent(url.pathname.slice(url.pathname.indexOf('/releases/download/') + '/releases/download/'.length));
    const body = data.assets[key];
    return body === undefined ? send(404, 'Not Found', { 'content-type': 'text/plain' }) : send(200, body, { 'content-type': 'application/octet-stream', 'content-length': String(Buffer.byteLength(body)) });
  }
  if (url.pathname.startsWith('/codeload/') || url.pathname.includes('/-/archive/')) {
    const tag = decodeURIComponent(url.pathname.split('/').at(github ? -1 : -2) ?? '');
    return serveArchive(fake, tag, send);
  }
  if (!apiPath.startsWith(repoPrefix + '/') && apiPath !== repoPrefix) return json(404, platformSample(platform, notFoundFile(platform)));
  const rest = apiPath.slice(repoPrefix.length);
  const since = url.searchParams.get('since');
  const until = url.searchParams.get('until');
  switch (true) {
    case rest === '':
      return json(200, data.repo);
    case rest === '/releases':
      return list(data.releases);
    case rest === '/hooks':
      return list(data.hooks);
    case rest === '/contributors':
      if (github && (empty || data.contributors.length === 0)) return send(204, '', rateHeaders);
      return list(url.searchParams.get('anon') ? data.contributors : data.contributors.filter((entry) => entry.type !== 'Anonymous'));
    case rest === '/commits': {
      if (github && data.commits.length === 0) return json(409, { message: 'Git Repository is empty.', documentation_url: 'https://docs.github.com/rest/commits/commits#list-commits', status: '409' });
      const date = (commit: JsonObject): number => Date.parse(((commit.commit as JsonObject).author as JsonObject).date as string);
      return list(data.commits.filter((commit) => (!since || date(commit) >= Date.parse(since)) && (!until || date(commit) <= Date.parse(until))));
    }
    case rest === '/issues': {
      const state = url.searchParams.get('state') ?? 'open';
      return list(data.issues.filter((issue) => (state === 'all' || issue.state === state) && (!since || Date.parse(issue.updated_at as string) >= Date.parse(since))));
    }
    case rest === '/issues/comments':
      return list(data.comments.filter((comment) => !since || Date.parse(comment.updated_at as string) >= Date.parse(since)));
    case rest === '/tags':
      return list(data.tags);
    case github && rest === '/actions/runs': {
      // An object {total_count, workflow_runs}, paged like a list.
      const branch = url.searchParams.get('branch');
      const status = url.searchParams.get('status');
      const created = /^>=(\d{4}-\d{2}-\d{2})$/.exec(url.searchParams.get('created') ?? '')?.[1];
      const runs = empty ? [] : data.runs.filter((run) => (!branch || run.head_branch === branch) && (!status || run.status === status) && (!created || (typeof run.created_at === 'string' ? run.created_at : '') >= created));
      return paginate(platform, url, runs, (code, page, headers) => json(code, { total_count: runs.length, workflow_runs: page }, headers));
    }
    case github && rest === '/security-advisories': {
      const state = url.searchParams.get('state');
      return list(data.advisories.filter((advisory) => !state || advisory.state === state));
    }
    case github && rest.startsWith('/zipball/'): {
      const tag = decodeURIComponent(rest.slice('/zipball/'.length));
      // codeload lives on another host: the fake's other name.
      const location = `${fake.origin.replace('127.0.0.1', 'localhost')}/codeload/${fake.owner}/${fake.repo}/legacy.zip/${encodeURIComponent(tag)}`;
      return send(302, '', { location, ...rateHeaders });
    }
    case !github && rest === '/zipball':
      return serveArchive(fake, url.searchParams.get('ref') ?? '', send);
    case github && rest.startsWith('/branches/') && rest.endsWith('/protection'): {
      const branch = decodeURIComponent(rest.slice('/branches/'.length, -'/protection'.length));
      const protection = data.protection[branch];
      return protection ? json(200, protection) : json(404, platformSample('github', 'repos.branches.protection.get.404.json'));
    }
    default:
      return json(404, platformSample(platform, notFoundFile(platform)));
  }
}

function authorised(fake: FakePlatform, platform: Platform, request: RecordedRequest, url: URL): boolean {
  const given =
    platform === 'gitee'
      ? url.searchParams.get('access_token')
      : (/^(?:Bearer|token)\s+(.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1] ?? url.searchParams.get('access_token'));
  if (given === null || given === undefined) return !fake.requireToken;
  return fake.token === null || given === fake.token;
}

function unauthorizedFile(platform: Platform): string {
  return platform === 'github' ? 'error.401.bad-credentials.json' : 'error.401.unauthorized.json';
}

function notFoundFile(platform: Platform): string {
  return platform === 'gitee' ? 'error.404.not-found-project.json' : 'error.404.not-found.json';
}

/** A page of `items` with the platform's pagination headers. */
function paginate(platform: Platform, url: URL, items: JsonObject[], json: (status: number, value: unknown, headers?: Record<string, string>) => void): void {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? (platform === 'github' ? 30 : 20)));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (platform === 'github' && pages > 1) {
    const link = (n: number, rel: string): string => {
      const target = new URL(url);
      target.searchParams.set('page', String(n));
      return `<${target.toString()}>; rel="${rel}"`;
    };
    const parts: string[] = [];
    if (page > 1) parts.push(link(page - 1, 'prev'));
    if (page < pages) parts.push(link(page + 1, 'next'), link(pages, 'last'));
    if (page > 1) parts.push(link(1, 'first'));
    headers.link = parts.join(', ');
  }
  if (platform === 'gitee') {
    headers.total_count = String(items.length);
    headers.total_page = String(pages);
  }
  json(200, slice, headers);
}

function serveArchive(fake: FakePlatform, tag: string, send: Send): void {
  const raw = fake.data.rawArchives[tag];
  if (raw) return send(200, raw, { 'content-type': 'application/zip' });
  const files = fake.data.archives[tag];
  if (!files) return send(404, 'Not Found', { 'content-type': 'text/plain' });
  void zipOf(`${fake.repo}-${tag.replace(/^v/, '')}`, files).then((buffer) => send(200, buffer, { 'content-type': 'application/zip', 'content-length': String(buffer.length) }));
}

export function zipOf(top: string, files: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    zip.addEmptyDirectory(`${top}/`);
    for (const [path, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), `${top}/${path}`);
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** Rewrites the samples' real hosts and repository to the fake's, so every URL in an answer leads back to it. */
function rehost<T>(value: T, platform: Platform, owner: string, repo: string, origin: string): T {
  let text = JSON.stringify(value);
  if (platform === 'github') {
    text = text.replaceAll('https://api.github.com', origin).replaceAll('octocat/Hello-World', `${owner}/${repo}`);
  } else if (platform === 'gitee') {
    text = text.replaceAll('https://gitee.com/api/v5', `${origin}/api/v5`).replaceAll('https://gitee.com', origin).replaceAll('openharmony/aafwk_aafwk_lite', `${owner}/${repo}`);
  } else {
    text = text.replaceAll('https://api.gitcode.com/api/v5', `${origin}/api/v5`).replaceAll('https://gitcode.com', origin).replaceAll('rust-learning/serde', `${owner}/${repo}`).replaceAll('serde-v', `${repo}-v`);
  }
  return JSON.parse(text) as T;
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function defaultData(platform: Platform, owner: string, repo: string, origin: string): FakeRepoData {
  const releases = rehost(platformSample<JsonObject[]>(platform, 'repos.releases.list.200.json'), platform, owner, repo, origin);
  const tags = releases.map((release) => release.tag_name as string);
  const archives: Record<string, Record<string, string>> = {};
  for (const tag of tags) {
    archives[tag] = { 'README.md': `# ${repo}\n`, 'CHANGELOG.md': `## ${tag}\n- fixes\n`, 'src/index.js': 'export {};\n', 'node_modules/dep/CHANGELOG.md': 'vendored\n' };
  }
  const commitTemplate = platformSample<JsonObject[]>('github', 'repos.commits.list.200.json')[0] as JsonObject;
  const commits = Array.from({ length: 40 }, (_, index) => {
    const date = daysAgo(index * 10 + 1);
    const commit = structuredClone(commitTemplate);
    commit.sha = createHash('sha1').update(String(index)).digest('hex');
    const inner = commit.commit as JsonObject;
    inner.author = { ...(inner.author as JsonObject), date };
    inner.committer = { ...(inner.committer as JsonObject), date };
    return commit;
  });
  const contributors = platform === 'github' ? platformSample<JsonObject[]>('github', 'repos.contributors.list.200.anon.json') : v5Contributors();
  const users: Record<string, JsonObject> = {};
  for (const contributor of contributors) {
    if (typeof contributor.login === 'string') users[contributor.login] = { login: contributor.login, id: contributor.id ?? 0, type: 'User', company: null };
  }
  const issues = Array.from({ length: 12 }, (_, index) => ({ number: index + 1, state: index % 3 === 0 ? 'closed' : 'open', updated_at: daysAgo(index * 10), title: `issue ${index + 1}` }));
  const comments = Array.from({ length: 30 }, (_, index) => ({ id: index + 1, updated_at: daysAgo(index * 4), body: 'comment' }));
  return {
    repo: rehost(platformSample<JsonObject>(platform, platform === 'github' ? 'repos.get.200.hello-world.json' : 'repos.get.200.json'), platform, owner, repo, origin),
    releases,
    hooks: platformSample<JsonObject[]>(platform, 'repos.hooks.list.200.json'),
    contributors,
    commits,
    issues,
    comments,
    tags: tags.map((name) => ({ name })),
    users,
    archives,
    rawArchives: {},
    searchCommitsTotal: 0,
    protection: {},
    runs: platform === 'github' ? platformSample<{ workflow_runs: JsonObject[] }>('github', 'actions.runs.list.200.json').workflow_runs.map((run, index) => ({ ...run, created_at: daysAgo(index + 1), updated_at: daysAgo(index + 1) })) : [],
    advisories: platform === 'github' ? platformSample<JsonObject[]>('github', 'repos.security-advisories.list.200.json') : [],
    assets: {},
    graphql: () => ({ data: null, errors: [{ type: 'NOT_FOUND', message: 'not faked' }] }),
  };
}

/** Gitee's `GET /repos/{o}/{r}/contributors` items: name, email, contributions (no login). */
function v5Contributors(): JsonObject[] {
  return [
    { name: 'Li Lei', email: 'lilei@example.com', contributions: 42 },
    { name: 'Han Meimei', email: 'hanmeimei@example.com', contributions: 7 },
  ];
}
