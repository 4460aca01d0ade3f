/**
 * Release source archives: streamed to a temporary file with a size cap and a time limit (never held in memory),
 * then only the zip's central directory is read for the entry names, and the file is deleted.
 *
 * safeRequest (src/lib/http.ts) returns bodies as text, which corrupts a zip, so the download uses undici
 * directly with the same protections: redirects followed hop by hop (GitHub's zipball answers 302 to another
 * host), each hop's address checked, and credentials dropped when a redirect leaves the API's origin. Failures
 * are PlatformErrors (`too_large`, `timeout`, `network`, `blocked`, `malformed` for a broken zip).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import yauzl from 'yauzl';
import { assertAllowedHost, BlockedAddressError, guardedAgent } from '../lib/http.js';
import { PlatformError, statusKind } from './errors.js';
import { abortReason } from './http.js';

export const DEFAULT_ARCHIVE_MAX_BYTES = 200 * 1024 * 1024;
export const DEFAULT_ARCHIVE_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;
/** Entries read from one zip's central directory at most (a source tree of 200k files is already unusual). */
const MAX_ENTRIES = 200_000;

export interface DownloadOptions {
  readonly headers: Record<string, string>;
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  readonly signal: AbortSignal;
  /** What is downloaded, for messages (default: the release archive). */
  readonly noun?: string;
}

/** Lists the entry names of the zip at `url`; the archive touches the disk only for the duration of the call. */
export async function listRemoteZip(url: string, options: DownloadOptions): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'oc-archive-'));
  try {
    const file = join(dir, 'release.zip');
    await downloadToFile(url, file, options);
    return await listZipEntries(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function downloadToFile(url: string, file: string, options: DownloadOptions): Promise<number> {
  const maxBytes = options.maxBytes ?? DEFAULT_ARCHIVE_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_ARCHIVE_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  let current = new URL(url);
  const origin = current.origin;
  try {
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'https:' && current.protocol !== 'http:') throw new PlatformError('malformed', `unsupported archive URL scheme ${current.protocol}`);
      assertAllowedHost(current);
      // Tokens go to the API's own origin only, never to the host a redirect points at.
      const headers = current.origin === origin ? options.headers : withoutCredentials(options.headers);
      const response = await request(current, { method: 'GET', headers, signal, dispatcher: guardedAgent(), headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      const location = response.headers.location;
      if ([301, 302, 303, 307, 308].includes(response.statusCode) && typeof location === 'string') {
        await response.body.dump();
        if (hop >= MAX_REDIRECTS) throw new PlatformError('malformed', `too many redirects downloading the release archive`);
        current = new URL(location, current);
        continue;
      }
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new PlatformError(statusKind(response.statusCode), `Failed to download ${options.noun ?? 'release zip'}: ${response.statusCode}`, response.statusCode);
      }
      const declared = Number(response.headers['content-length'] ?? Number.NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        // Dropping the connection rather than reading a body we will not use; the stream then reports an abort.
        response.body.on('error', () => undefined);
        response.body.destroy();
        throw new PlatformError('too_large', tooLarge(maxBytes, options.noun));
      }
      let size = 0;
      const cap = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (size > maxBytes) callback(new PlatformError('too_large', tooLarge(maxBytes, options.noun)));
          else callback(null, chunk);
        },
      });
      await pipeline(response.body, cap, createWriteStream(file), { signal });
      return size;
    }
  } catch (err) {
    if (err instanceof PlatformError) throw err;
    if (err instanceof BlockedAddressError) throw new PlatformError('blocked', err.message);
    if (options.signal.aborted) throw abortReason(options.signal);
    if (timeout.aborted) throw new PlatformError('timeout', `Download timeout (${Math.round(timeoutMs / 1000)} s)`);
    const cause = (err as { cause?: unknown }).cause;
    const code = (cause as { code?: unknown } | undefined)?.code ?? (err as { code?: unknown }).code;
    throw new PlatformError('network', `Download failed: ${typeof code === 'string' ? code : err instanceof Error ? err.message : String(err)}`);
  }
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !['authorization', 'private-token', 'cookie'].includes(name.toLowerCase())));
}

function tooLarge(maxBytes: number, noun?: string): string {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / (1024 * 1024))} MiB` : `${maxBytes} bytes`;
  const what = noun ? noun.charAt(0).toUpperCase() + noun.slice(1) : 'Release archive';
  return `${what} larger than ${size}; not checked`;
}

/** Names of the file entries of a zip (directories left out), from its central directory only. */
export function listZipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: false }, (err, zip) => {
      if (err) return reject(new PlatformError('malformed', 'Invalid zip file'));
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) names.push(entry.fileName);
        if (names.length >= MAX_ENTRIES) {
          zip.close();
          resolve(names);
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', () => reject(new PlatformError('malformed', 'Invalid zip file')));
      zip.readEntry();
    });
  });
}

/**
 * Source archives hold one top folder (`<repo>-<tag>/`, GitHub's `<owner>-<repo>-<sha>/`); paths relative to it
 * are the repository paths.
 */
export function stripTopFolder(names: readonly string[]): string[] {
  const tops = new Set(names.map((name) => name.split('/')[0]));
  if (tops.size !== 1 || names.some((name) => !name.includes('/'))) return [...names];
  return names.map((name) => name.slice(name.indexOf('/') + 1));
}
