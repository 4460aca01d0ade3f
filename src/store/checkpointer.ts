/** Starts the WAL checkpoint worker for a database file and turns the in-line automatic checkpoint off. */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './sqlite.js';

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(db: SqliteDatabase, path: string, intervalMs = 1000): Checkpointer {
  const worker = new Worker(new URL('./checkpoint-worker.js', import.meta.url), { workerData: { path, intervalMs } });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  let alive = true;
  worker.once('error', () => {
    alive = false;
    // Without the worker, fall back to SQLite's own checkpoints so the WAL cannot grow without bound.
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  worker.once('exit', () => {
    alive = false;
  });
  return {
    async stop() {
      if (!alive) return;
      // Keep the process alive until the worker has finished its last checkpoint and closed.
      worker.ref();
      const exited = once(worker, 'exit');
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      if (alive) await worker.terminate();
    },
  };
}
