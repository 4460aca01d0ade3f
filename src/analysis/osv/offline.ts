/**
 * Offline mode: OSV records from a local directory instead of the API. The directory holds OSV JSON records
 * (`<ID>.json`, in any sub-folders, e.g. one per ecosystem as osv.dev's bucket lays them out) and/or osv.dev's
 * per-ecosystem `all.zip` exports (a flat zip of `<ID>.json` records). Packages are matched locally with each
 * ecosystem's version order (match.ts). The loaded database is kept per process and reloaded when a file in
 * the directory changes, so a large export is read once, not once per task.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
import type { Logger } from '../../lib/log.js';
import { isAffected, normalizeName } from './match.js';
import { isOsvVulnerability, type OsvVulnerability, type PackageQuery, type VulnerabilitySource } from './types.js';
import { baseEcosystem } from './versions/index.js';

/** Records indexed by base ecosystem and normalised package name. */
export class OfflineDatabase implements VulnerabilitySource {
  private readonly index = new Map<string, OsvVulnerability[]>();
  /** Records and files that could not be read, with the reason (reported, never fatal). */
  readonly problems: string[] = [];
  size = 0;

  add(record: OsvVulnerability): void {
    this.size++;
    const keys = new Set<string>();
    for (const affected of record.affected ?? []) {
      if (!affected.package) continue;
      keys.add(packageKey(affected.package.ecosystem, affected.package.name));
    }
    for (const key of keys) {
      const list = this.index.get(key);
      if (list) list.push(record);
      else this.index.set(key, [record]);
    }
  }

  lookup(query: PackageQuery): OsvVulnerability[] {
    return (this.index.get(packageKey(query.ecosystem, query.name)) ?? []).filter((record) => isAffected(record, query));
  }

  async findVulnerabilities(queries: readonly PackageQuery[], signal: AbortSignal): Promise<OsvVulnerability[][]> {
    signal.throwIfAborted();
    return queries.map((query) => this.lookup(query));
  }

  async packageRecords(ecosystem: string, name: string, signal: AbortSignal): Promise<OsvVulnerability[]> {
    signal.throwIfAborted();
    return Promise.resolve([...(this.index.get(packageKey(ecosystem, name)) ?? [])]);
  }
}

function packageKey(ecosystem: string, name: string): string {
  return `${baseEcosystem(ecosystem)}\u0000${normalizeName(ecosystem, name)}`;
}

interface Found {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

async function listFiles(dir: string, signal: AbortSignal): Promise<Found[]> {
  const found: Found[] = [];
  const walk = async (folder: string): Promise<void> => {
    signal.throwIfAborted();
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && /\.(json|zip)$/i.test(entry.name)) {
        const info = await stat(path);
        found.push({ path, size: info.size, mtimeMs: info.mtimeMs });
      }
    }
  };
  await walk(dir);
  return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function addText(db: OfflineDatabase, text: string, where: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    db.problems.push(`${where}: not JSON (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  if (isOsvVulnerability(parsed)) db.add(parsed);
  else db.problems.push(`${where}: not an OSV record (no id)`);
}

/** Largest record read from a zip; osv.dev's biggest records are a few MB (protects against zip bombs). */
const MAX_ENTRY_BYTES = 32 * 1024 * 1024;

/**
 * Reads an all.zip front to back with fflate's streaming unzip: entries are inflated one after another as the
 * file streams in, so memory holds one record at a time whatever the export's size. (Random-access readers
 * seek to every entry through the central directory: with osv.dev's hundreds of thousands of small entries,
 * measured 7× slower here; see docs/benchmarks.md.) osv.dev's zips use data descriptors, which the streaming
 * reader handles since deflate streams end by themselves.
 */
async function addZip(db: OfflineDatabase, path: string, signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      stream.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const unzip = new Unzip((file) => {
      if (!file.name.toLowerCase().endsWith('.json')) {
        file.terminate();
        return;
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      file.ondata = (err, data, final) => {
        if (err) return fail(err);
        size += data.length;
        if (size > MAX_ENTRY_BYTES) {
          file.terminate();
          db.problems.push(`${path}:${file.name}: larger than ${MAX_ENTRY_BYTES} bytes, skipped`);
          return;
        }
        chunks.push(data);
        if (final) addText(db, Buffer.concat(chunks).toString('utf8'), `${path}:${file.name}`);
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
    let first = true;
    stream.on('data', (chunk) => {
      if (signal.aborted) return fail(signal.reason);
      if (first) {
        first = false;
        // A zip starts with a local file header (PK\x03\x04), or is empty (end record, PK\x05\x06); the
        // streaming reader would silently skip anything else.
        const head = (chunk as Buffer).subarray(0, 4).toString('latin1');
        if (head !== 'PK\x03\x04' && head !== 'PK\x05\x06') return fail(new Error('not a zip file'));
      }
      try {
        unzip.push(chunk as Buffer);
      } catch (err) {
        fail(err);
      }
    });
    stream.on('end', () => {
      if (failed) return;
      try {
        unzip.push(new Uint8Array(0), true);
        resolve();
      } catch (err) {
        fail(err);
      }
    });
    stream.on('error', fail);
  });
}

export async function loadOfflineDatabase(dir: string, signal: AbortSignal, log?: Logger): Promise<{ db: OfflineDatabase; signature: string }> {
  let files: Found[];
  try {
    files = await listFiles(dir, signal);
  } catch (err) {
    throw new Error(`cannot read the OSV offline directory ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const signature = signatureOf(files);
  const db = new OfflineDatabase();
  for (const file of files) {
    signal.throwIfAborted();
    if (file.path.toLowerCase().endsWith('.zip')) {
      try {
        await addZip(db, file.path, signal);
      } catch (err) {
        signal.throwIfAborted();
        db.problems.push(`${file.path}: not a readable zip (${err instanceof Error ? err.message : String(err)})`);
      }
    } else {
      addText(db, await readFile(file.path, 'utf8'), file.path);
    }
  }
  if (db.problems.length > 0) log?.warn({ dir, problems: db.problems.slice(0, 20), count: db.problems.length }, 'unreadable OSV offline records skipped');
  return { db, signature };
}

const loaded = new Map<string, Promise<{ db: OfflineDatabase; signature: string }>>();

/**
 * The database of `dir`, loaded once per process and reloaded when its files change (checked by listing the
 * directory, which is cheap next to parsing the records).
 */
export async function offlineDatabase(dir: string, signal: AbortSignal, log?: Logger): Promise<OfflineDatabase> {
  const current = loaded.get(dir);
  if (current) {
    const previous = await current.catch(() => null);
    if (previous) {
      const files = await listFiles(dir, signal).catch(() => null);
      const signature = files ? signatureOf(files) : undefined;
      if (signature === previous.signature) return previous.db;
    }
  }
  // Loading is not tied to one task's signal: another task may be waiting for the same load.
  const loading = loadOfflineDatabase(dir, new AbortController().signal, log);
  loaded.set(dir, loading);
  loading.catch(() => loaded.delete(dir));
  const waited = await Promise.race([
    loading,
    new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason as Error);
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    }),
  ]);
  return waited.db;
}

/**
 * A digest naming the offline database's current contents (every record file's path, size and modification
 * time): results matched against it are reused only while it is the same snapshot.
 */
export async function offlineSnapshot(dir: string, signal: AbortSignal): Promise<string> {
  return createHash('sha256').update(signatureOf(await listFiles(dir, signal))).digest('hex');
}

/** What names the directory's contents: each record file's path, size and modification time. */
function signatureOf(files: readonly Found[]): string {
  return files.map((file) => `${file.path}:${file.size}:${file.mtimeMs}`).join('\n');
}
