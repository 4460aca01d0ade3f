/**
 * The OHPM m2m "SDK-HMAC-SHA256" AK/SK request signature, exactly as upstream's `aksk/signer.py` computes it,
 * because the OHPM server verifies that exact canonical form (upstream-behaviour.md §6):
 *
 *   canonical = timestamp \n METHOD \n path \n query \n headers \n signedHeaders \n bodyHash
 *
 * - path: leading `/` added, one trailing `/` removed;
 * - query: `k=v` pairs sorted case-insensitively by key and concatenated WITHOUT separators, percent-encoded
 *   like Python's `quote(..., safe="=")` (so `/` becomes `%2F`), then `&` appended;
 * - headers: `name:value` lines (lower-cased names, trimmed values), sorted case-insensitively;
 *   signedHeaders: the lower-cased names joined by `;`;
 * - bodyHash: hex SHA-256 of the body, or `""` when the body is blank;
 * - signature: hex HMAC-SHA256(secret key, canonical).
 * Upstream always signs path, body and query (its "contain*" flags are never false), so those variants are
 * not reproduced here.
 */
import { createHash, createHmac } from 'node:crypto';

export interface AkskRequest {
  accessKey: string;
  secretKey: string;
  method: string;
  path: string;
  /** Query parameters that are signed (upstream signs `param0=<path>` that it never sends). */
  query?: Readonly<Record<string, string>>;
  /** Headers that are signed (upstream signs none). */
  headers?: Readonly<Record<string, string>>;
  body: string;
  /** Milliseconds since the epoch, as a decimal string. */
  timestamp: string;
}

export interface AkskSignature {
  canonical: string;
  signature: string;
  /** The `authorization` header value. */
  header: string;
}

const byLowerCase = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

export function signAksk(request: AkskRequest): AkskSignature {
  const headers = request.headers ?? {};
  const headerNames = Object.keys(headers).sort(byLowerCase);
  const signedHeaders = headerNames.map((name) => name.toLowerCase()).join(';');
  const canonicalHeaders = headerNames.map((name) => `${name.toLowerCase()}:${(headers[name] ?? '').trim()}`).join('\n');
  const bodyHash = request.body.trim() ? createHash('sha256').update(request.body, 'utf8').digest('hex') : '';
  const canonical = [
    request.timestamp,
    request.method.toUpperCase(),
    canonicalPath(request.path),
    canonicalQuery(request.query ?? {}),
    canonicalHeaders,
    signedHeaders,
    bodyHash,
  ].join('\n');
  const signature = createHmac('sha256', Buffer.from(request.secretKey, 'utf8')).update(canonical, 'utf8').digest('hex');
  // Upstream joins the parts with "," and then turns the first comma into a space.
  const header = `SDK-HMAC-SHA256 accessId=${request.accessKey},timestamp=${request.timestamp},signedHeaders=${signedHeaders},signature=${signature}`;
  return { canonical, signature, header };
}

function canonicalPath(path: string): string {
  let result = path || '/';
  if (!result.startsWith('/')) result = `/${result}`;
  if (result.endsWith('/')) result = result.slice(0, -1);
  return result;
}

function canonicalQuery(query: Readonly<Record<string, string>>): string {
  const joined = Object.keys(query)
    .sort(byLowerCase)
    .map((key) => `${key}=${query[key] ?? ''}`)
    .join('');
  return `${pythonQuote(joined)}&`;
}

/**
 * Python's `urllib.parse.quote(text, safe="=")`: UTF-8 percent-encoding of everything except ASCII letters,
 * digits, `_.-~` and `=`. encodeURIComponent also leaves `!'()*` alone, so those are encoded here.
 */
export function pythonQuote(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%3D/g, '=');
}

/**
 * Python's `json.dumps(obj)` for a flat object of strings: `", "` and `": "` separators and non-ASCII escaped
 * as `\uXXXX` (ensure_ascii). The body hash is signed, so the body must be these exact bytes.
 */
export function pythonJsonDumps(object: Readonly<Record<string, string>>): string {
  const encode = (value: string): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `{${Object.entries(object)
    .map(([key, value]) => `${encode(key)}: ${encode(value)}`)
    .join(', ')}}`;
}
