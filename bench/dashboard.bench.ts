/**
 * Dashboard first load: a fresh `openchecker up`, headless Chromium (Debian's), and N cold page loads of `/`
 * in new browser contexts (empty cache). Reports the median load event and the median time until the sign-in
 * form is usable, against the 1 s target, and the bundle size on disk and gzipped.
 *
 *   npm run bench -- dashboard
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startUp } from '../test/support/servers.js';
import { ROOT, formatTable, machine, median, round, writeResults } from './support.js';

const LOADS = 9;
const CHROMIUM = process.env.OPENCHECKER_CHROMIUM ?? '/usr/bin/chromium';

function bundle(): { files: number; bytes: number; gzipBytes: number } {
  const dir = join(ROOT, 'dist', 'dashboard', 'public');
  const files: string[] = [];
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dir);
  const contents = files.map((file) => readFileSync(file));
  return {
    files: files.length,
    bytes: contents.reduce((sum, buffer) => sum + buffer.length, 0),
    gzipBytes: contents.reduce((sum, buffer) => sum + gzipSync(buffer).length, 0),
  };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'oc-bench-dashboard-'));
  const up = await startUp({ dataDir: join(work, 'data'), cwd: work, agents: 1 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const loads: { loadMs: number; usableMs: number }[] = [];
  try {
    for (let index = 0; index < LOADS; index++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${up.url}/`, { waitUntil: 'load' });
      await page.getByLabel('Password').waitFor();
      const usableMs = performance.now() - started;
      // Evaluated in the page (a string: this process has no DOM types).
      const loadMs = await page.evaluate<number>('performance.getEntriesByType("navigation")[0].loadEventEnd');
      loads.push({ loadMs, usableMs });
      await context.close();
    }
  } finally {
    await browser.close();
    await up.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const size = bundle();
  const loadMedian = median(loads.map((l) => l.loadMs));
  const usableMedian = median(loads.map((l) => l.usableMs));
  process.stdout.write(
    `${formatTable(
      ['measure', 'median', 'target'],
      [
        ['load event (ms)', round(loadMedian, 0), '< 1000'],
        ['sign-in form usable (ms)', round(usableMedian, 0), '< 1000'],
        ['bundle (KB, gzip)', round(size.gzipBytes / 1024, 1), 'small'],
      ],
    )}\n`,
  );
  process.stdout.write(`results: ${writeResults('dashboard', { machine: machine(), loads, bundle: size })}\n`);
}

await main();
