/**
 * A client for one long-running `git cat-file --batch`: blob contents by object id, many reads through one
 * process instead of one process per file. Requests are answered in order; only the first `maxBytes` bytes
 * of each blob are kept (the rest is read and dropped), so large blobs never sit in memory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { gitEnv } from './git.js';

interface Pending {
  oid: string;
  maxBytes: number;
  resolve: (content: Buffer) => void;
  reject: (err: Error) => void;
}

export interface CatFileOptions {
  /**
   * The longest git may leave a request unanswered without sending any bytes, in ms; after it the process is
   * killed and every pending read fails. A progress timer rather than one timer per read: one batch answers
   * hundreds of thousands of reads.
   */
  stallTimeoutMs?: number;
}

const DEFAULT_STALL_TIMEOUT_MS = 300_000;

export class CatFileBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Pending[] = [];
  private buffered: Buffer = Buffer.alloc(0);
  /** While a blob streams in: content bytes still to come, and the part kept. */
  private body: { contentLeft: number; kept: Buffer[]; keptBytes: number } | null = null;
  private failure: Error | null = null;
  private lastProgress = Date.now();
  private readonly watchdog: NodeJS.Timeout;

  constructor(repoDir: string, options: CatFileOptions = {}) {
    const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    this.child = spawn('git', ['-C', repoDir, 'cat-file', '--batch'], { env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    this.child.on('error', (err) => this.fail(new Error(`git cat-file: ${err.message}`)));
    this.child.on('close', (code) => this.fail(new Error(`git cat-file exited (${code ?? 'signal'})${stderr ? `: ${stderr.trim()}` : ''}`)));
    this.child.stdin.on('error', () => undefined); // reported through 'close'
    this.watchdog = setInterval(() => {
      if (this.waiting.length > 0 && Date.now() - this.lastProgress > stallMs) {
        this.fail(new Error(`git cat-file answered nothing for ${Math.round(stallMs / 1000)} s`));
        this.child.kill('SIGKILL');
      }
    }, Math.min(stallMs, 1000));
    this.watchdog.unref();
  }

  read(oid: string, maxBytes: number): Promise<Buffer> {
    if (!/^[0-9a-f]{40,64}$/.test(oid)) return Promise.reject(new Error(`not an object id: ${oid}`));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      // An idle process is not stalled: the clock starts when there is something to wait for.
      if (this.waiting.length === 0) this.lastProgress = Date.now();
      this.waiting.push({ oid, maxBytes, resolve, reject });
      this.child.stdin.write(`${oid}\n`);
    });
  }

  close(): void {
    if (this.failure) return;
    this.fail(new Error('git cat-file was closed'));
    this.child.stdin.end();
    this.child.kill();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    clearInterval(this.watchdog);
    for (const pending of this.waiting.splice(0)) pending.reject(this.failure);
  }

  private onData(chunk: Buffer): void {
    this.lastProgress = Date.now();
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    for (;;) {
      const current = this.waiting[0];
      if (!current) return;
      if (this.body) {
        if (!this.consumeBody(current)) return;
        continue;
      }
      const newline = this.buffered.indexOf(0x0a);
      if (newline < 0) return;
      const header = this.buffered.subarray(0, newline).toString('utf8');
      this.buffered = this.buffered.subarray(newline + 1);
      const match = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
      if (!match) {
        this.waiting.shift();
        current.reject(new Error(header.endsWith(' missing') ? `object ${current.oid} is missing` : `unexpected git cat-file answer: ${header}`));
        continue;
      }
      this.body = { contentLeft: Number(match[3]), kept: [], keptBytes: 0 };
    }
  }

  /** Consumes body bytes of the current blob; true once it and its closing LF are in (and it is answered). */
  private consumeBody(current: Pending): boolean {
    const body = this.body as NonNullable<CatFileBatch['body']>;
    if (body.contentLeft > 0) {
      const take = Math.min(body.contentLeft, this.buffered.length);
      const part = this.buffered.subarray(0, take);
      this.buffered = this.buffered.subarray(take);
      body.contentLeft -= take;
      const room = current.maxBytes - body.keptBytes;
      if (room > 0) {
        const kept = part.subarray(0, Math.min(room, part.length));
        body.kept.push(kept);
        body.keptBytes += kept.length;
      }
      if (body.contentLeft > 0) return false;
    }
    // Every answer ends with an LF that is not part of the blob.
    if (this.buffered.length === 0) return false;
    this.buffered = this.buffered.subarray(1);
    this.body = null;
    this.waiting.shift();
    current.resolve(Buffer.concat(body.kept));
    return true;
  }
}

/**
 * The first `maxBytes` bytes of one blob from its own `git cat-file blob`, stopped as soon as they are in. For
 * large blobs whose head is all that is wanted (sniffing): the batch process would stream the whole blob.
 */
export function readBlobHead(repoDir: string, oid: string, maxBytes: number, timeoutMs = DEFAULT_STALL_TIMEOUT_MS): Promise<Buffer> {
  if (!/^[0-9a-f]{40,64}$/.test(oid)) return Promise.reject(new Error(`not an object id: ${oid}`));
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repoDir, 'cat-file', 'blob', oid], { env: gitEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      child.kill('SIGKILL');
      reject(new Error(`git cat-file blob ${oid} timed out after ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill();
      resolve(Buffer.concat(kept).subarray(0, maxBytes));
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (done) return;
      kept.push(chunk);
      keptBytes += chunk.length;
      if (keptBytes >= maxBytes) finish();
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      if (!done) reject(new Error(`git cat-file: ${err.message}`));
      done = true;
    });
    child.on('close', (code) => {
      if (done) return;
      if (code === 0) finish();
      else {
        clearTimeout(timer);
        done = true;
        reject(new Error(`git cat-file blob ${oid} exited with ${code}`));
      }
    });
  });
}
