/** The stores CLI commands open: the deployment's (PostgreSQL or the embedded one) and `openchecker check`'s cache. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { openPostgres } from '../store/postgres.js';
import { SqliteStore, openSqlite } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { embeddedDatabasePath } from '../tasks/backend.js';

/** PostgreSQL when [Database] url is set (distributed mode), else the embedded store of `openchecker up`. */
export async function openConfiguredStore(config: Config): Promise<Store> {
  return config.Database.url
    ? await openPostgres({ url: config.Database.url, maxConnections: 2 })
    : new SqliteStore(openSqlite(embeddedDatabasePath(resolve(config.OpenCheck.data_dir))));
}

/**
 * Where `openchecker check` keeps its result cache when no deployment store is configured: the user's cache
 * folder ($XDG_CACHE_HOME, else ~/.cache), never the folder being checked.
 */
export function checkCachePath(): string {
  const base = process.env.XDG_CACHE_HOME && process.env.XDG_CACHE_HOME.trim() !== '' ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'openchecker', 'check-results.sqlite');
}

/** `openchecker check`'s store: the deployment's PostgreSQL when configured, else its own SQLite cache file. */
export async function openCheckStore(config: Config, path = checkCachePath()): Promise<Store> {
  return config.Database.url ? await openPostgres({ url: config.Database.url, maxConnections: 2 }) : new SqliteStore(openSqlite(path));
}
