/**
 * Rules for what a task may contain, shared by the API (answering 4xx) and the agent (rejecting poison
 * messages published by other clients). Every rule returns a message a user can act on, or null.
 */
import { redact } from '../lib/redact.js';
import { isLocalLocation, splitRepoUrl } from '../lib/repo-url.js';

export const LIMITS = {
  bodyBytes: 1024 * 1024,
  metadataBytes: 64 * 1024,
  urlLength: 2048,
  commands: 64,
  commandLength: 100,
  refLength: 256,
  accessTokenLength: 4096,
} as const;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f\s]/;

export type ProjectUrlKind = 'remote' | 'local';

/** Checks a project URL; returns why it is unacceptable, or null. */
export function projectUrlProblem(url: string, allowLocal: boolean): string | null {
  if (url.length === 0) return 'project_url must not be empty';
  if (url.length > LIMITS.urlLength) return `project_url is longer than ${LIMITS.urlLength} characters`;
  if (url.startsWith('-')) return 'project_url must not start with "-"';
  if (CONTROL.test(url)) return 'project_url must not contain spaces or control characters';
  const parts = splitRepoUrl(url);
  if (parts?.syntax === 'local') {
    return allowLocal ? null : 'project_url is a local path or file:// URL, which this server does not accept (set [OpenCheck] allow_local_repos = true to allow it)';
  }
  if (parts?.syntax === 'scp') return null;
  if (!parts) return 'project_url must be an https://, http://, ssh://, git:// or git@host:path URL';
  if (!['https', 'http', 'ssh', 'git'].includes(parts.scheme ?? '')) {
    return `project_url scheme "${parts.scheme ?? ''}" is not supported; use https://, http://, ssh://, git:// or git@host:path`;
  }
  if (!parts.host) return 'project_url has no host';
  if (parts.path === '/' || parts.path === '') return 'project_url has no repository path';
  return null;
}

export function projectUrlKind(url: string): ProjectUrlKind {
  return isLocalLocation(url) ? 'local' : 'remote';
}

export function callbackUrlProblem(url: string): string | null {
  if (url.length > LIMITS.urlLength) return `callback_url is longer than ${LIMITS.urlLength} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'callback_url must be an http:// or https:// URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'callback_url must be an http:// or https:// URL';
  return null;
}

/** A git revision given by a client (commit_hash, task_metadata.version_number). */
export function refProblem(field: string, value: string): string | null {
  if (value.length === 0) return `${field} must not be empty`;
  if (value.length > LIMITS.refLength) return `${field} is longer than ${LIMITS.refLength} characters`;
  if (value.startsWith('-')) return `${field} must not start with "-"`;
  if (CONTROL.test(value) || /\.\.|[~^:?*[\\]|@\{/.test(value)) return `${field} is not a valid git tag, branch or commit name`;
  return null;
}

/** Upstream sends the string "None" when there is no version; treat it (and empty) as absent. */
export function versionFromMetadata(metadata: Record<string, unknown>): string | null {
  const value = metadata.version_number;
  if (value === undefined || value === null) return null;
  // Numbers (1.0) are accepted as upstream's str() did; objects are not a version.
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  return text === '' || text === 'None' ? null : text;
}

/** The URL the callback echoes: the submitted one with one trailing `.git` removed (upstream removed every `.git`). */
export function normaliseProjectUrl(url: string): string {
  return url.endsWith('.git') ? url.slice(0, -4) : url;
}

/** The repository's name: the last path segment without `.git`, as upstream names its output paths. */
export function repoNameFromUrl(url: string): string {
  const path = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = path.split(/[/:]/).filter(Boolean).at(-1) ?? 'repo';
  const name = last.endsWith('.git') ? last.slice(0, -4) : last;
  return name.replace(/[^A-Za-z0-9._-]/g, '_') || 'repo';
}


/** The URL with any credentials (user-info, secret query parameters) hidden, for display and logs: src/lib/redact.ts. */
export function withoutCredentials(url: string): string {
  return redact(url);
}
