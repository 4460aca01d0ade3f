/**
 * Finding and loading the EOL list: the configured file, else eol.yaml beside config.ini, else the shipped
 * list. Each file is parsed once and kept until its modification time or size changes.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { envName } from '../../config/schema.js';
import { shippedEolList } from '../../lib/paths.js';
import { CheckerInputError } from '../types.js';
import { parseEolList, type EolIndex } from './eol-list.js';

export type EolListSource = 'config' | 'beside-config' | 'shipped';

/** Which file to read, in order of preference; a configured relative path is relative to config.ini's folder. */
export async function resolveEolListPath(configured: string, configDir: string): Promise<{ path: string; source: EolListSource }> {
  if (configured.trim() !== '') return { path: resolve(configDir, configured.trim()), source: 'config' };
  const beside = join(configDir, 'eol.yaml');
  const present = await stat(beside).then(
    () => true,
    () => false,
  );
  return present ? { path: beside, source: 'beside-config' } : { path: shippedEolList(), source: 'shipped' };
}

interface CacheEntry {
  readonly stamp: string;
  readonly index: Promise<EolIndex>;
}

// Module level: the list is shared by every task the process runs.
const cache = new Map<string, CacheEntry>();

/**
 * The parsed list at `path`. A missing, unreadable or malformed file is a CheckerInputError naming the file
 * and the setting that chooses it (upstream treated any failure as "not listed").
 */
export async function loadEolList(path: string, signal?: AbortSignal): Promise<EolIndex> {
  let stamp: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    stamp = `${info.mtimeMs}:${info.size}`;
  } catch (err) {
    throw unusable(path, reason(err));
  }
  const cached = cache.get(path);
  if (cached?.stamp === stamp) return cached.index;
  const index = readFile(path, { encoding: 'utf8', signal }).then(parseEolList);
  cache.set(path, { stamp, index });
  try {
    return await index;
  } catch (err) {
    // Failures are not kept: the next task tries again (the file may be mid-update).
    if (cache.get(path)?.index === index) cache.delete(path);
    throw unusable(path, reason(err));
  }
}

function reason(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'the file does not exist';
    if (code === 'EACCES') return 'permission denied';
    return err.message;
  }
  return String(err);
}

function unusable(path: string, why: string): CheckerInputError {
  return new CheckerInputError(
    `the EOL list ${path} cannot be used: ${why}. Set [OpenCheck] eol_list_path (${envName('OpenCheck', 'eol_list_path')}) ` +
      'to a file in the eol.yaml format ("EOL LIST" entries with identifier, release, eol, eolTime)',
  );
}
