/**
 * The error catalogue: every error OpenChecker reports to a user has a stable code, an HTTP status and a
 * message. API bodies keep the contract's `{"error": "<message>"}` and add `code` and `details`.
 */
export const errorCatalogue = {
  OC_ERR_API_VALIDATION: { status: 400, message: 'The request is invalid' },
  OC_ERR_API_UNKNOWN_COMMAND: { status: 400, message: 'Unknown command' },
  OC_ERR_API_BODY_TOO_LARGE: { status: 413, message: 'Request body is too large' },
  OC_ERR_API_NOT_FOUND: { status: 404, message: 'Not found' },
  OC_ERR_API_UNSUPPORTED_MEDIA: { status: 415, message: 'Unsupported content type' },
  OC_ERR_API_RATE_LIMITED: { status: 429, message: 'Too many requests' },
  OC_ERR_API_QUOTA_EXCEEDED: { status: 429, message: 'Too many submissions per minute' },
  OC_ERR_API_QUOTA_QUEUED: { status: 429, message: 'Too many tasks queued or running' },
  OC_ERR_AUTH_MISSING_CREDENTIALS: { status: 401, message: 'Missing credentials' },
  OC_ERR_AUTH_INVALID_CREDENTIALS: { status: 401, message: 'Invalid credentials' },
  OC_ERR_AUTH_MISSING_TOKEN: { status: 401, message: 'Missing Authorization header' },
  OC_ERR_AUTH_INVALID_TOKEN: { status: 401, message: 'Invalid token' },
  OC_ERR_AUTH_EXPIRED_TOKEN: { status: 401, message: 'Token has expired' },
  OC_ERR_AUTH_FORBIDDEN: { status: 403, message: 'This action needs the admin role' },
  OC_ERR_QUEUE_UNAVAILABLE: { status: 503, message: 'The task queue is unavailable; the task was not accepted' },
  OC_ERR_STORE_UNAVAILABLE: { status: 503, message: 'The task store is unavailable' },
  OC_ERR_INTERNAL: { status: 500, message: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** An error meant for the user: carries its catalogue code, HTTP status and optional details. */
export class OpenCheckerError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown[];

  constructor(code: ErrorCode, message?: string, details: unknown[] = []) {
    super(message ?? errorCatalogue[code].message);
    this.name = 'OpenCheckerError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }
}

/** The message of any thrown value, for logs and `{"error": ...}` results. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : JSON.stringify(err);
}

/**
 * "Could not run": a requirement is missing or the input is unusable. Becomes `{"error": message}` and is
 * logged at info level, unlike an unexpected failure (a bug or a broken tool), which is logged as an error.
 */
export class CheckerInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckerInputError';
  }
}
