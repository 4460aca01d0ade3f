/**
 * A task's repository, parsed once from the submitted project URL: every later hop (the task row, the
 * checkers' task info, the clone, logs) reads these fields instead of deriving them again.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitRepoUrl, type RepoUrlParts } from '../lib/repo-url.js';
import { RepoUrlError, parseRepoUrl, platformForHost, type PlatformName } from '../platforms/repo-url.js';
import { normaliseProjectUrl, repoNameFromUrl, withoutCredentials } from './validation.js';

export type Forge = PlatformName | 'other';

export interface RepoRef {
  /** The URL or path exactly as submitted: stored in the task row and sent in the queue message. */
  readonly submittedUrl: string;
  /** A path or file: URL on this machine. */
  readonly local: boolean;
  readonly forge: Forge;
  /** Lower-case host name; empty for local repositories. */
  readonly host: string;
  /** For GitHub/Gitee/GitCode the owner of a `<owner>/<repo>` URL; elsewhere every path segment before the last. */
  readonly owner: string | null;
  /** The repository's name on its host (without `.git`); null when the URL has no such segment. */
  readonly name: string | null;
  /** What git clones: the submitted URL, or the path of a `file:` URL (so a local clone needs no transport). */
  readonly cloneUrl: string;
  /** The submitted URL with one trailing `.git` removed: what checkers see and the callback echoes. */
  readonly projectUrl: string;
  /** A file-name-safe name: the checkout folder, and the prefix upstream puts on output paths. */
  readonly repoName: string;
  /** The URL with any credentials hidden, for logs and display. */
  readonly redacted: string;
}

/** Parses a project URL that validation accepted (src/tasks/validation.ts); never throws. */
export function parseRepoRef(url: string): RepoRef {
  const parts = splitRepoUrl(url);
  const local = parts?.syntax === 'local';
  const host = local || !parts ? '' : parts.host.toLowerCase();
  const forge = platformForHost(host) ?? 'other';
  const { owner, name } = forge === 'other' ? pathOwnerAndName(parts) : forgeOwnerAndName(url);
  return {
    submittedUrl: url,
    local,
    forge,
    host,
    owner,
    name,
    cloneUrl: local && url.startsWith('file:') ? fileUrlPath(url) : url,
    projectUrl: normaliseProjectUrl(url),
    repoName: repoNameFromUrl(url),
    redacted: withoutCredentials(url),
  };
}

/** A folder read in place (`openchecker check <folder>`): named after the folder, as given. */
export function folderRepoRef(dir: string): RepoRef {
  return {
    submittedUrl: dir,
    local: true,
    forge: 'other',
    host: '',
    owner: null,
    name: basename(dir),
    cloneUrl: dir,
    projectUrl: dir,
    repoName: basename(dir),
    redacted: dir,
  };
}

function forgeOwnerAndName(url: string): { owner: string | null; name: string | null } {
  try {
    const ref = parseRepoUrl(url);
    return { owner: ref.owner, name: ref.repo };
  } catch (err) {
    // A forge URL that names no single repository (`https://github.com/acme/demo/tree/main`).
    if (err instanceof RepoUrlError || err instanceof URIError) return { owner: null, name: null };
    throw err;
  }
}

function pathOwnerAndName(parts: RepoUrlParts | null): { owner: string | null; name: string | null } {
  if (!parts) return { owner: null, name: null };
  const segments = safeDecode(parts.path)
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .split('/')
    .filter((segment) => segment !== '');
  const name = segments.at(-1) ?? null;
  // A folder on this machine has a name but no owner.
  const owner = parts.syntax !== 'local' && segments.length > 1 ? segments.slice(0, -1).join('/') : null;
  return { owner, name };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A `file:` URL git is given as a path; one Node cannot map (another host) is left to git to refuse. */
function fileUrlPath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}
