/**
 * Repository URLs as people paste them, reduced to (platform, owner, repo): https with or without `www.`, a
 * `.git` suffix or a trailing slash, and the ssh forms `git@host:owner/repo.git` and `ssh://git@host[:port]/owner/repo`.
 * The URL grammar itself is src/lib/repo-url.ts; this module decides which forges and shapes a client accepts.
 * Upstream accepted only `https://(www.)?<host>/<owner>/<repo>(.git)?` and failed on everything else.
 */
import { redact } from '../lib/redact.js';
import { splitRepoUrl } from '../lib/repo-url.js';

export type PlatformName = 'github' | 'gitee' | 'gitcode';

export interface RepoRef {
  readonly platform: PlatformName;
  readonly owner: string;
  readonly repo: string;
}

const HOSTS: Readonly<Record<string, PlatformName>> = {
  'github.com': 'github',
  'gitee.com': 'gitee',
  'gitcode.com': 'gitcode',
};

export const PLATFORM_LABEL: Readonly<Record<PlatformName, string>> = { github: 'GitHub', gitee: 'Gitee', gitcode: 'GitCode' };

const SCHEMES = ['https', 'http', 'ssh', 'git', 'git+ssh'];
/** GitHub/Gitee/GitCode owner and repository names: letters, digits, `.`, `-`, `_` (no `..`). */
const NAME = /^[\w.-]+$/;

export class RepoUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RepoUrlError';
  }
}

/** The forge a host name belongs to (`www.` ignored), or null for any other host. */
export function platformForHost(host: string): PlatformName | null {
  return HOSTS[host.toLowerCase().replace(/^www\./, '')] ?? null;
}

/** The forge repository a project URL names, or null when it names none (another host, not a repository URL). */
export function tryParseRepoUrl(raw: string): RepoRef | null {
  try {
    return parseRepoUrl(raw);
  } catch (err) {
    if (err instanceof RepoUrlError) return null;
    throw err;
  }
}

export function parseRepoUrl(raw: string): RepoRef {
  const text = raw.trim();
  const parts = splitRepoUrl(text);
  if (!parts || (parts.syntax === 'local' && parts.scheme === null)) throw new RepoUrlError(`not a repository URL: ${describe(text)}`);
  if (parts.syntax !== 'scp' && !SCHEMES.includes(parts.scheme ?? '')) {
    throw new RepoUrlError(`unsupported URL scheme ${parts.scheme ?? ''} in ${describe(text)}`);
  }
  const { host } = parts;
  const path = parts.syntax === 'url' ? decodeURIComponent(parts.path) : parts.path;
  const platform = platformForHost(host);
  if (!platform) throw new RepoUrlError(`Unsupported platform for URL: ${describe(text)} (supported: github.com, gitee.com, gitcode.com)`);
  const segments = path
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .split('/')
    .filter((segment) => segment !== '');
  const [owner, repo] = segments;
  if (segments.length !== 2 || !owner || !repo || !NAME.test(owner) || !NAME.test(repo) || owner.startsWith('.') || repo.startsWith('.')) {
    throw new RepoUrlError(`expected https://${host}/<owner>/<repo>, got ${describe(text)}`);
  }
  return { platform, owner, repo };
}

/** The URL for messages, without any credentials it may carry. */
function describe(text: string): string {
  return redact(text);
}
