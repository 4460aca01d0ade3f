/**
 * package-info decisions, free of I/O: which npm package a project URL names, whether the npm package really
 * belongs to that repository, and the download summary.
 */
import type { DownloadsRange } from '../../platforms/services/npm.js';

/** Upstream's rule: the package is the last path segment of the project URL (without `.git`). */
export function packageNameFromUrl(projectUrl: string): string | null {
  const text = projectUrl.trim();
  let path: string;
  try {
    path = new URL(text).pathname; // https://, ssh://, file://: the path only, never the host
  } catch {
    path = SCP_LIKE.exec(text)?.[2] ?? text; // git@host:owner/repo or a local path
  }
  const segment = path.replace(/\/+$/, '').replace(/\.git$/i, '').split('/').pop() ?? '';
  return /^[\w.-]+$/.test(segment) && !segment.startsWith('.') ? segment : null;
}

const SHORTHAND_HOSTS: Readonly<Record<string, string>> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };
const SCP_LIKE = /^(?:[\w.+-]+@)?([\w.-]+):(?!\/\/)(.+)$/;

/**
 * `host/owner/repo` (lower case, no `www.`, no `.git`) of a repository reference in any of the forms npm's
 * `repository` field and people use: a URL (`git+https://`, `git://`, `ssh://`), `git@host:owner/repo`, the
 * shorthands `github:owner/repo` and `owner/repo`, or `{type, url}`. Null when it names no repository.
 */
export function repositoryKey(reference: unknown): string | null {
  const raw = typeof reference === 'string' ? reference : reference && typeof reference === 'object' ? (reference as { url?: unknown }).url : null;
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const text = raw.trim();
  let host: string;
  let path: string;
  const short = /^(github|gitlab|bitbucket):([^\s]+)$/i.exec(text);
  if (short) {
    host = SHORTHAND_HOSTS[(short[1] ?? '').toLowerCase()] ?? '';
    path = short[2] ?? '';
  } else if (/^[\w.-]+\/[\w.-]+$/.test(text)) {
    host = 'github.com';
    path = text;
  } else {
    const withoutPlus = text.replace(/^git\+/i, '');
    const scp = /^[a-z][a-z0-9+.-]*:\/\//i.test(withoutPlus) ? null : SCP_LIKE.exec(withoutPlus);
    if (scp) {
      host = scp[1] ?? '';
      path = scp[2] ?? '';
    } else {
      try {
        const url = new URL(withoutPlus);
        host = url.hostname;
        path = decodeURIComponent(url.pathname);
      } catch {
        return null;
      }
    }
  }
  const segments = path
    .replace(/[#?].*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .split('/')
    .filter(Boolean);
  if (!host || segments.length < 2) return null;
  return `${host.toLowerCase().replace(/^www\./, '')}/${segments[0]}/${segments[1]?.replace(/\.git$/i, '')}`.toLowerCase();
}

/**
 * Whether the npm package's `repository` is the project: `different` means a name collision (an unrelated
 * package with the same name as the repository), which upstream reported as the project's data.
 */
export function repositoryMatch(npmRepository: unknown, projectUrl: string): 'same' | 'different' | 'unknown' {
  const declared = repositoryKey(npmRepository);
  const project = repositoryKey(projectUrl);
  if (!declared || !project) return 'unknown';
  return declared === project ? 'same' : 'different';
}

/** Upstream's `down_count` (sum of the daily counts) and `day_enter` (`"<first day> - <last day>"`). */
export function summariseDownloads(range: DownloadsRange | null): { down_count: number; day_enter: string } {
  if (!range) return { down_count: 0, day_enter: '' };
  const days = range.downloads.map((entry) => entry.day).sort();
  const first = days[0] ?? range.start;
  const last = days[days.length - 1] ?? range.end;
  return {
    down_count: range.downloads.reduce((sum, entry) => sum + entry.downloads, 0),
    day_enter: first && last ? `${first} - ${last}` : '',
  };
}

/** GitCode's download statistics: the sum of `today_dl_cnt` over the listed days and the period they cover. */
export function summariseGitCodeDownloads(data: unknown): { down_count: number; day_enter: string } {
  const detail = data && typeof data === 'object' ? (data as { download_statistics_detail?: unknown }).download_statistics_detail : null;
  if (!Array.isArray(detail)) return { down_count: 0, day_enter: '' };
  let count = 0;
  const days: string[] = [];
  for (const entry of detail) {
    if (!entry || typeof entry !== 'object') continue;
    const { today_dl_cnt: today, pdate } = entry as { today_dl_cnt?: unknown; pdate?: unknown };
    if (typeof today === 'number') count += today;
    if (typeof pdate === 'string') days.push(pdate);
  }
  days.sort();
  return { down_count: count, day_enter: days.length ? `${days[0]} - ${days[days.length - 1]}` : '' };
}
