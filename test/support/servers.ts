/**
 * Real components for end-to-end tests: `openchecker up` as a child process, an HTTP receiver for callbacks,
 * and a "dumb HTTP" git server whose responses can be held back (to catch a task mid-clone).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { packageRoot } from '../../src/lib/paths.js';

export interface UpProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const TEST_USER = { username: 'tester', password: 'correct-horse-battery' };

export async function startUp(options: { dataDir: string; cwd: string; env?: Record<string, string>; agents?: number }): Promise<UpProcess> {
  const child = spawn(
    process.execPath,
    [join(packageRoot(), 'bin', 'openchecker.js'), 'up', '--port', '0', '--data-dir', options.dataDir, '--agents', String(options.agents ?? 2)],
    {
      cwd: options.cwd,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        LOG_LEVEL: 'warn',
        OPENCHECKER_USERMANAGER_DEFAULT_USERNAME: TEST_USER.username,
        OPENCHECKER_USERMANAGER_DEFAULT_PASSWORD: TEST_USER.password,
        OPENCHECKER_OPENCHECK_ALLOW_LOCAL_REPOS: 'true',
        OPENCHECKER_OPENCHECK_REPOS_DIR: join(options.dataDir, 'workspaces'),
        // Its own git cache, never the machine's default folder.
        OPENCHECKER_CACHE_GIT_DIR: join(options.dataDir, 'git-cache'),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openchecker up did not start in time:\n${output}`)), 30_000);
    const check = (): void => {
      const match = /running at (http:\/\/[^\s]+) /.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openchecker up exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status codes to answer, in order; 200 once the list is used up. */
  plan: number[];
  close(): Promise<void>;
}

export async function startReceiver(plan: number[] = []): Promise<Receiver> {
  const received: Received[] = [];
  const state = { plan: [...plan] };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const status = state.plan.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    received,
    get plan() {
      return state.plan;
    },
    set plan(value: number[]) {
      state.plan = value;
    },
    close: () => closeServer(server),
  };
}

export interface GatedGitServer {
  url: string;
  /** Requests seen so far (paths). */
  requests: string[];
  open(): void;
  close(): Promise<void>;
}

/**
 * Serves a bare repository (after `git update-server-info`) over git's "dumb" HTTP protocol. While the gate is
 * closed, requests are held without an answer, so a clone hangs exactly as with a slow server.
 */
export async function startGatedGitServer(bareRepo: string): Promise<GatedGitServer> {
  let gateOpen = false;
  const waiting: (() => void)[] = [];
  const requests: string[] = [];
  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')).replace(/^\/repo\.git/, '');
    const file = join(bareRepo, path);
    if (!file.startsWith(bareRepo) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    createReadStream(file).pipe(res);
  };
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (gateOpen) serve(req, res);
    else waiting.push(() => serve(req, res));
  });
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo.git`,
    requests,
    open() {
      gateOpen = true;
      for (const release of waiting.splice(0)) release();
    },
    close: () => {
      server.closeAllConnections();
      return closeServer(server);
    },
  };
}

async function listen(server: Server): Promise<void> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Polls `read` until `done` holds or the deadline passes. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}
