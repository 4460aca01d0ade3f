/**
 * The one error type of the forge and service clients (GitHub, Gitee, GitCode, npm, OHPM, OSV, deps.dev, …),
 * by kind, so commands can tell "the repository does not exist" from "the token is bad" from "the API is
 * throttling us" from "the service is down". Messages name the service and the API path, never a token or a
 * query string.
 */
export type PlatformErrorKind =
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  /** The call did not finish within its time limit. */
  | 'timeout'
  /** The connection failed (refused, reset, unknown host). */
  | 'network'
  /** The address is one outbound requests may not reach (link-local, cloud metadata). */
  | 'blocked'
  /** An answer larger than the client reads (a release archive over its cap). */
  | 'too_large'
  /** An answer that is not what the API documents (not JSON, wrong shape, a redirect to another host). */
  | 'malformed'
  /** A 5xx answer. */
  | 'server'
  /** Any other status outside 2xx, or a request the client could not make (no base URL). */
  | 'http';

export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** The kind of a status outside 2xx. */
export function statusKind(status: number): PlatformErrorKind {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'server' : 'http';
  }
}

/** The `message` field of a platform's JSON error body, when there is one (GitHub, Gitee and GitCode all use it). */
export function errorBodyMessage(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      for (const key of ['message', 'error_message', 'error']) {
        const value = record[key];
        if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 300);
      }
    }
  } catch {
    // not JSON: fall through
  }
  return null;
}
