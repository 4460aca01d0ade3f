/**
 * The dashboard's only way to the server: the public HTTP API with the access token from POST /auth.
 * The token lives in sessionStorage (gone when the tab closes); a 401 on any call signs the user out.
 */
import type { AgentsResponse, ApiErrorBody, CommandInfo, DeadLetter, QueueResponse, TaskPage, TaskView } from './model/types.js';

const TOKEN_KEY = 'openchecker.token';
const USER_KEY = 'openchecker.user';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null,
    readonly details: { field?: string; message?: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = () => void;
const listeners = new Set<Listener>();

export const session = {
  token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  user(): string | null {
    return sessionStorage.getItem(USER_KEY);
  },
  signIn(token: string, user: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, user);
    listeners.forEach((l) => l());
  },
  signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

async function errorFrom(response: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await response.json()) as ApiErrorBody;
  } catch {
    // Not JSON (a proxy's error page): the status line is all there is.
  }
  const details = Array.isArray(body.details) ? body.details.filter((d): d is { field?: string; message?: string } => typeof d === 'object' && d !== null) : [];
  return new ApiError(response.status, body.error ?? `${response.status} ${response.statusText}`, body.code ?? null, details);
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'The server cannot be reached. Is openchecker running?', null, []);
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && path !== '/auth') session.signOut();
    throw error;
  }
  return (await response.json()) as T;
}

export interface TaskQuery {
  status?: string;
  repository?: string;
  cursor?: string | null;
  limit?: number;
}

export const api = {
  async login(username: string, password: string): Promise<void> {
    const { access_token: token } = await request<{ access_token: string }>('POST', '/auth', { username, password });
    session.signIn(token, username);
  },
  tasks(query: TaskQuery, signal?: AbortSignal): Promise<TaskPage> {
    const params = new URLSearchParams();
    if (query.status) params.set('status', query.status);
    if (query.repository) params.set('repository', query.repository);
    if (query.cursor) params.set('cursor', query.cursor);
    params.set('limit', String(query.limit ?? 20));
    return request('GET', `/tasks?${params.toString()}`, undefined, signal);
  },
  task(id: string, signal?: AbortSignal): Promise<TaskView> {
    return request('GET', `/tasks/${encodeURIComponent(id)}`, undefined, signal);
  },
  async commands(signal?: AbortSignal): Promise<CommandInfo[]> {
    return (await request<{ commands: CommandInfo[] }>('GET', '/commands', undefined, signal)).commands;
  },
  submit(body: Record<string, unknown>): Promise<{ message: string; task_id: string }> {
    return request('POST', '/opencheck', body);
  },
  agents(signal?: AbortSignal): Promise<AgentsResponse> {
    return request('GET', '/agents', undefined, signal);
  },
  queue(signal?: AbortSignal): Promise<QueueResponse> {
    return request('GET', '/queue', undefined, signal);
  },
  async deadLetters(signal?: AbortSignal): Promise<DeadLetter[]> {
    return (await request<{ items: DeadLetter[] }>('GET', '/queue/dead-letters', undefined, signal)).items;
  },
  async requeue(selection: { task_ids: string[] } | { all: true }): Promise<number> {
    return (await request<{ requeued: number }>('POST', '/queue/dead-letters/requeue', selection)).requeued;
  },
};
