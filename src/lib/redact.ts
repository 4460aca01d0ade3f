/**
 * The one redaction of credentials in text, used wherever a text that may hold one leaves the process or is
 * kept: task errors and the error texts in results, logs, dead letters, the callback's last error, and the
 * stored URLs the API shows. It hides
 *
 * - the user-info of any URL (`https://user:token@host`, `git://…`, `ssh://…`, `//user@host`), up to the last
 *   `@` of the authority, so a password holding a raw `@` is hidden whole;
 * - `user:password@host` without a scheme: the scp-like form and what git prints for `git://` URLs
 *   ("unable to look up user:token@host:9418"); a bare `git@host:path` holds no secret and is kept;
 * - the values of query and fragment parameters whose name says secret (`private_token`, `access_token`,
 *   `token`, `key`, `api_key`, `password`, `sig`, `X-Amz-Signature`, …), also percent-encoded inside another
 *   URL (`?next=https%3A%2F%2Fu%3Ap%40host`);
 * - the value of an `Authorization:` header line.
 *
 * Redaction is for display and storage after use: it may hide a little more than a secret (a `?monkey=`
 * parameter), never less. The text is otherwise kept as it was, so errors stay readable. No match ever
 * swallows a quote or a backslash, so redacting a serialised JSON line (the log) keeps it valid JSON.
 */

export const MASK = '***';

/** `scheme://user-info@` (or `//user-info@`): everything of the authority before its last `@`. */
const URL_USERINFO = /((?:\b[a-z][a-z0-9+.-]*:)?\/\/)[^\s/?#'"<>\\]*@/gi;
/** `user:password@host` with no scheme before it (scp-like, or a URL git printed without its scheme). */
const BARE_USERINFO = /(^|[\s'"(<=,;[{])[^\s'"/@:<>()[\]{}\\]+:[^\s'"/<>\\]*@(?=[\w[.-])/g;
/** The same inside a percent-encoded URL: `%2F%2Fuser%3Apass%40`. */
const ENCODED_USERINFO = /(%2F%2F)(?:(?!%2F)[^\s/?#&'"<>\\])*%40/gi;
/** Names of query or fragment parameters that hold secrets: any name containing one of these. */
const SECRET_NAME = String.raw`[\w.\-[\]]*?(?:token|secret|passw|pwd|key|sig|credential|auth|session|code)[\w.\-[\]]*`;
const QUERY_SECRET = new RegExp(String.raw`([?&#;])(${SECRET_NAME})=[^&#\s'"<>\\]*`, 'gi');
const ENCODED_QUERY_SECRET = new RegExp(String.raw`(%3F|%26|%23)(${SECRET_NAME})%3D(?:(?!%26|%23)[^&#\s'"<>\\])*`, 'gi');
const AUTHORIZATION_LINE = /(authorization\\?"?\s*[:=]\s*\\?"?)(?:(basic|bearer|jwt|token)\s+)?[^\s"',;\\]+/gi;
/** Texts without any of these cannot hold what the patterns look for: the common case costs one test. */
const MAY_HOLD_SECRET = /[@=]|%40|%3D|authorization/i;

/** The text with every credential the patterns above find replaced by `***`. */
export function redact(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  return text
    .replace(URL_USERINFO, `$1${MASK}@`)
    .replace(BARE_USERINFO, `$1${MASK}@`)
    .replace(ENCODED_USERINFO, `$1${MASK}%40`)
    .replace(QUERY_SECRET, `$1$2=${MASK}`)
    .replace(ENCODED_QUERY_SECRET, `$1$2%3D${MASK}`)
    .replace(AUTHORIZATION_LINE, (_match, head: string, scheme: string | undefined) => `${head}${scheme ? `${scheme} ` : ''}${MASK}`);
}

/** `redact` for a value that may be null (stored URLs and errors). */
export function redactNullable(text: string | null): string | null {
  return text === null ? null : redact(text);
}

/** Object keys whose values are secrets whatever they hold. */
const SECRET_KEY = /^(access_token|private_token|token|password|passwd|secret|secret_key|api_key|apikey|hmac_secret|authorization|cookie)$/i;
const MAX_DEPTH = 8;

/**
 * A copy of a JSON-like value with every string redacted and the values of secret-named keys replaced. Errors
 * and other class instances are returned as they are (the log's error serializer redacts those).
 */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== null && item !== undefined && item !== '' ? '[redacted]' : redactDeep(item, depth + 1);
  }
  return out;
}
