/**
 * The grammar of repository locations, written once: the forms git accepts and we allow, split into their
 * parts. Which of them a task may use (schemes, local paths) is decided by the callers (src/tasks/validation.ts
 * for tasks, src/platforms/repo-url.ts for forge clients); this module only says what a text *is*.
 *
 * - a local path (`/srv/repo`, `./repo`, `../repo`) or a `file:` URL;
 * - scp-like ssh, `user@host:path` (git's short form, which WHATWG URL parsing does not understand);
 * - a URL, `scheme://[user[:password]@]host[:port]/path` (https, http, ssh, git, git+ssh, ...).
 */
import { isAbsolute } from 'node:path';

export type RepoUrlSyntax = 'local' | 'scp' | 'url';

export interface RepoUrlParts {
  readonly syntax: RepoUrlSyntax;
  /** The scheme without `:`, lower-case (`https`, `ssh`, `file`); null for scp-like text and plain paths. */
  readonly scheme: string | null;
  /** The user name (`git` in `git@host:path`); null when there is none. Percent-encoded as given in URLs. */
  readonly user: string | null;
  /** The host name (lower-case in URLs, as written in scp-like text); empty for local locations. */
  readonly host: string;
  readonly port: string | null;
  /** scp-like: the text after `:`; URLs: the path name (percent-encoded); local: the path (of a file: URL). */
  readonly path: string;
}

/**
 * `git@github.com:acme/demo.git`. The user part is required: without it, `name:rest` is a URL with the scheme
 * `name` (`javascript:alert(1)`), and a `//` after the colon makes it a URL too. Host names hold letters,
 * digits, `.` and `-` only.
 */
const SCP_LIKE = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):(?!\/\/)(.+)$/;

/** Splits a repository location into its parts; null when it is none of the forms above. */
export function splitRepoUrl(text: string): RepoUrlParts | null {
  if (isLocalLocation(text)) return localParts(text);
  const scp = SCP_LIKE.exec(text);
  if (scp) return { syntax: 'scp', scheme: null, user: scp[1] ?? null, host: scp[2] ?? '', port: null, path: scp[3] ?? '' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  return {
    syntax: 'url',
    scheme: url.protocol.replace(/:$/, ''),
    user: url.username || null,
    host: url.hostname,
    port: url.port || null,
    path: url.pathname,
  };
}

/** A path on this machine or a `file:` URL: cloned from disk, allowed only where local repositories are. */
export function isLocalLocation(text: string): boolean {
  return text.startsWith('file:') || isAbsolute(text) || text.startsWith('./') || text.startsWith('../');
}

function localParts(text: string): RepoUrlParts {
  if (!text.startsWith('file:')) return { syntax: 'local', scheme: null, user: null, host: '', port: null, path: text };
  let path = text.slice('file:'.length);
  try {
    path = new URL(text).pathname;
  } catch {
    // Kept as written: whether such a URL can be cloned is git's to say.
  }
  return { syntax: 'local', scheme: 'file', user: null, host: '', port: null, path };
}
