/**
 * Failures of platform API calls, by kind, so commands can tell "the repository does not exist" from "the
 * token is bad" from "the API is throttling us". Messages name the platform and the API path, never a token.
 */
export type PlatformErrorKind = 'not_found' | 'unauthorized' | 'forbidden' | 'rate_limited' | 'timeout' | 'network' | 'malformed' | 'http';

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
