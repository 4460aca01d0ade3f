/**
 * The pure rules of url-checker: which project URLs can be checked, and which answers count as accessible.
 */

export type ProjectUrl = { ok: true; url: URL } | { ok: false; got: string };

// `git@github.com:acme/demo.git`: ssh in scp-like syntax, which WHATWG URL parsing rejects.
const SCP_LIKE = /^[\w.+-]+@[\w.-]+:/;
// `/srv/repo`, `./repo`, `~/repo`, `C:\repo`, `\\server\share`: checkouts on disk, not web pages.
const LOCAL_PATH = /^(?:[/~.]|[A-Za-z]:[\\/]|\\\\)/;

/** The project URL if it is http(s); otherwise a short description of what it is, for the error message. */
export function parseProjectUrl(raw: string): ProjectUrl {
  const text = raw.trim();
  if (text === '') return { ok: false, got: 'an empty URL' };
  if (SCP_LIKE.test(text)) return { ok: false, got: 'ssh (git@host:path)' };
  if (LOCAL_PATH.test(text)) return { ok: false, got: 'a local path' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, got: 'no scheme' };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return { ok: true, url };
  return { ok: false, got: url.protocol.replace(/:$/, '') };
}

/**
 * Accessible means the page answered with success once redirects were followed. Upstream required exactly
 * 200; any 2xx is a working page too. A 3xx left at the end (no Location to follow) and every 4xx/5xx are not.
 */
export function isAccessible(status: number): boolean {
  return status >= 200 && status < 300;
}

export function isRedirect(status: number): boolean {
  return [301, 302, 303, 307, 308].includes(status);
}
