/**
 * Which cache a repository URL uses. One bare repository per normalised URL: credentials, a trailing `/` or
 * `.git`, and the case of the scheme and host do not make a new cache. The key is a hash, so no URL (and no
 * token) becomes a file name.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { splitRepoUrl } from '../repo-url.js';

export interface CacheIdentity {
  /** Hex digest naming the cache folder, its lock and its metadata. */
  readonly key: string;
  /** The URL without credentials (what `stats()` shows). */
  readonly displayUrl: string;
  /**
   * The URL may reach content its caller had to prove access to: it carries credentials (user or token), or it
   * is ssh (keys of this host). Such a cache is never a mirror for another URL, takes no content from another
   * URL's cache, and always asks the remote before reusing what it holds (the remote checks the access).
   */
  readonly private: boolean;
  /**
   * A path on this machine (or file: URL). Its commits are mirrored only to other local paths: a network URL
   * naming a commit id must not read a local repository that is not published anywhere.
   */
  readonly local: boolean;
}

const SSH_SCHEMES = new Set(['ssh', 'git+ssh', 'ssh+git']);

export function cacheIdentity(url: string): CacheIdentity {
  const parts = splitRepoUrl(url);
  let display: string;
  let isPrivate: boolean;
  if (!parts) {
    display = url;
    isPrivate = true;
  } else if (parts.syntax === 'local') {
    display = resolve(parts.path);
    isPrivate = false;
  } else if (parts.syntax === 'scp') {
    display = `ssh://${parts.host}/${parts.path.replace(/^\/+/, '')}`;
    isPrivate = true;
  } else {
    const scheme = parts.scheme ?? '';
    const defaultPort = (scheme === 'https' && parts.port === '443') || (scheme === 'http' && parts.port === '80');
    const port = parts.port && !defaultPort ? `:${parts.port}` : '';
    display = `${scheme}://${parts.host.toLowerCase()}${port}${parts.path}`;
    isPrivate = parts.user !== null || SSH_SCHEMES.has(scheme);
  }
  display = display.replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+$/, '');
  // Private and public uses of one URL never share a cache: a task without the token must not read what a
  // task with it fetched.
  const key = createHash('sha256').update(`${isPrivate ? 'private' : 'public'}\n${display}`).digest('hex').slice(0, 32);
  return { key, displayUrl: display, private: isPrivate, local: parts?.syntax === 'local' };
}
