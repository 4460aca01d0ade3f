/**
 * Runs external programs with argument arrays only (never a shell), with a time limit, an abort signal and
 * bounded output capture. Failures are typed errors that keep argv, exit code and the tails of the output.
 */
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Most bytes of stdout kept; later output is dropped (the process keeps running). */
  maxOutputBytes?: number;
  /** Called every time stdout or stderr grows, e.g. to watch progress. */
  onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class ExecError extends Error {
  constructor(
    message: string,
    readonly argv: readonly string[],
    readonly exitCode: number | null,
    readonly stdoutTail: string,
    readonly stderrTail: string,
    readonly reason: 'exit' | 'timeout' | 'aborted' | 'spawn',
  ) {
    super(message);
    this.name = 'ExecError';
  }
}

const TAIL = 4000;

export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const maxOutput = options.maxOutputBytes ?? 16 * 1024 * 1024;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      // A new process group, so a timeout kills the program and anything it started.
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let reason: ExecError['reason'] | null = null;

    const kill = (why: ExecError['reason']): void => {
      if (reason) return;
      reason = why;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = options.timeoutMs ? setTimeout(() => kill('timeout'), options.timeoutMs) : null;
    const onAbort = (): void => kill('aborted');
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      options.onOutput?.(chunk, 'stdout');
      if (outBytes < maxOutput) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      options.onOutput?.(chunk, 'stderr');
      if (errBytes < maxOutput) err.push(chunk);
      errBytes += chunk.length;
    });
    const finish = (): void => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error) => {
      finish();
      reject(new ExecError(`${file}: ${error.message}`, [file, ...args], null, '', '', 'spawn'));
    });
    child.on('close', (code) => {
      finish();
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (reason === 'timeout') {
        reject(new ExecError(`${file} timed out after ${options.timeoutMs} ms`, [file, ...args], code, stdout.slice(-TAIL), stderr.slice(-TAIL), 'timeout'));
      } else if (reason === 'aborted') {
        reject(new ExecError(`${file} was stopped`, [file, ...args], code, stdout.slice(-TAIL), stderr.slice(-TAIL), 'aborted'));
      } else if (code !== 0) {
        const detail = stderr.trim().split('\n').slice(-5).join('\n');
        reject(new ExecError(`${file} exited with code ${code}${detail ? `: ${detail}` : ''}`, [file, ...args], code, stdout.slice(-TAIL), stderr.slice(-TAIL), 'exit'));
      } else {
        resolvePromise({ stdout, stderr, exitCode: 0 });
      }
    });
  });
}
