/**
 * Repository URLs as people paste them, reduced to (platform, owner, repo): https with or without `www.`, a
 * `.git` suffix or a trailing slash, and the ssh forms `git@host:owner/repo.git` and `ssh://git@host[:port]/owner/repo`.
 * Upstream accepted only `https://(www.)?<host>/<owner>/<repo>(.git)?` and failed on everything else.
 */
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

/** `git@github.com:acme/demo.git` (scp-like syntax, which URL parsing rejects). */
const SCP_LIKE = /^(?:[\w.+-]+@)?([\w.-]+):(?!\/\/)(.+)$/;
/** GitHub/Gitee/GitCode owner and repository names: letters, digits, `.`, `-`, `_` (no `..`). */
const NAME = /^[\w.-]+$/;

export class RepoUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RepoUrlError';
  }
}

export function parseRepoUrl(raw: string): RepoRef {
  const text = raw.trim();
  let host: string;
  let path: string;
  const scp = SCP_LIKE.exec(text);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    host = scp[1] ?? '';
    path = scp[2] ?? '';
  } else {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new RepoUrlError(`not a repository URL: ${describe(text)}`);
    }
    if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:'].includes(url.protocol)) {
      throw new RepoUrlError(`unsupported URL scheme ${url.protocol.replace(/:$/, '')} in ${describe(text)}`);
    }
    host = url.hostname;
    path = decodeURIComponent(url.pathname);
  }
  const platform = HOSTS[host.toLowerCase().replace(/^www\./, '')];
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
  return text.replace(/\/\/[^/@\s]*@/, '//');
}
