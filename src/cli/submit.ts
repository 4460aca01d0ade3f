/** `openchecker submit`: a client for a running server (POST /auth, POST /opencheck, optionally wait). */
import type { Command } from 'commander';
import { UsageError, action, parseIntOption } from './common.js';

interface SubmitOptions {
  command: string[];
  server: string;
  user?: string;
  password?: string;
  callbackUrl?: string;
  metadata?: string;
  commitHash?: string;
  wait?: boolean;
  timeout: number;
}

const TERMINAL = new Set(['succeeded', 'failed', 'dead_lettered']);

async function call(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    throw new Error(`cannot reach ${new URL(url).origin}: ${cause ?? (err instanceof Error ? err.message : String(err))}. Is the server running (openchecker up)?`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  if (!response.ok) {
    const message = typeof body === 'object' && body && 'error' in body ? String(body.error) : text.slice(0, 200);
    throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}: ${message}`);
  }
  return body as Record<string, unknown>;
}

export function registerSubmit(program: Command): void {
  program
    .command('submit')
    .description('Submit a check to a running OpenChecker server')
    .argument('<repository>', 'git URL of the repository to check')
    .requiredOption('-c, --command <name...>', 'commands to run')
    .option('--server <url>', 'server base URL', process.env.OPENCHECKER_SERVER ?? 'http://127.0.0.1:8080')
    .option('--user <name>', 'user name (default $OPENCHECKER_USER)')
    .option('--password <password>', 'password (default $OPENCHECKER_PASSWORD; prefer the variable: flags show in ps)')
    .option('--callback-url <url>', 'where the server POSTs the results')
    .option('--metadata <json>', 'task_metadata as a JSON object, e.g. \'{"version_number":"v1.0"}\'')
    .option('--commit-hash <hash>', 'base commit for changed-files-since-commit-detector')
    .option('--wait', 'wait for the task to finish and print it with its results')
    .option('--timeout <seconds>', 'with --wait: give up after this long', parseIntOption('--timeout', 1, 86400), 600)
    .action(
      action(async (repository: string, options: SubmitOptions) => {
        const user = options.user ?? process.env.OPENCHECKER_USER;
        const password = options.password ?? process.env.OPENCHECKER_PASSWORD;
        if (!user || !password) throw new UsageError('give --user and --password (or OPENCHECKER_USER and OPENCHECKER_PASSWORD)');
        let metadata: unknown = {};
        if (options.metadata) {
          try {
            metadata = JSON.parse(options.metadata);
          } catch {
            throw new UsageError('--metadata must be a JSON object');
          }
          if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw new UsageError('--metadata must be a JSON object');
        }
        const base = options.server.replace(/\/+$/, '');
        const auth = await call(`${base}/auth`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: user, password }),
        });
        const headers = { authorization: `Bearer ${String(auth.access_token)}`, 'content-type': 'application/json' };
        const accepted = await call(`${base}/opencheck`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            commands: options.command,
            project_url: repository,
            callback_url: options.callbackUrl ?? null,
            task_metadata: metadata,
            commit_hash: options.commitHash ?? null,
          }),
        });
        const taskId = String(accepted.task_id);
        process.stderr.write(`task ${taskId} queued\n`);
        if (!options.wait) {
          process.stdout.write(`${JSON.stringify(accepted, null, 2)}\n`);
          return;
        }
        const deadline = Date.now() + options.timeout * 1000;
        let last = '';
        for (;;) {
          const task = await call(`${base}/opencheck/${taskId}`, { headers });
          const status = String(task.status);
          if (status !== last) process.stderr.write(`status: ${status}\n`);
          last = status;
          if (TERMINAL.has(status)) {
            process.stdout.write(`${JSON.stringify(task, null, 2)}\n`);
            if (status !== 'succeeded') process.exitCode = 1;
            return;
          }
          if (Date.now() > deadline) throw new Error(`task ${taskId} did not finish within ${options.timeout} s (last status: ${status})`);
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }),
    );
}
