/** The API's JSON shapes the dashboard reads (src/api/task-view.ts, routes/system.ts, the queue routes). */

export type TaskStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'dead_lettered';
export const TASK_STATUSES: readonly TaskStatus[] = ['queued', 'running', 'succeeded', 'failed', 'dead_lettered'];
export const FINISHED_STATUSES: readonly TaskStatus[] = ['succeeded', 'failed', 'dead_lettered'];

export interface CallbackView {
  status: 'none' | 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_error: string | null;
  delivered_at: string | null;
  next_attempt_at: string | null;
}

export interface TaskView {
  task_id: string;
  status: TaskStatus;
  project_url: string;
  command_list: string[];
  task_metadata: Record<string, unknown>;
  commit_hash: string | null;
  callback_url: string | null;
  /** Who submitted the task; null: it came from the queue (the Python main). Older servers leave it out. */
  submitted_by?: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  agent: string | null;
  attempts: number;
  error: string | null;
  callback: CallbackView;
  /** When retention removed the results (scan_results is then null). */
  results_purged_at?: string | null;
  scan_results?: Record<string, unknown> | null;
  /** The version of the checker behind each result, as it was when the task ran; null where unknown. */
  command_versions?: Record<string, number | null> | null;
  /** Commands whose result was reused from an earlier task on the same input: command → that task's id. */
  reused_from?: Record<string, string> | null;
}

export interface TaskPage {
  tasks: TaskView[];
  next_cursor: string | null;
  /** 'own': the caller's tasks only; 'all': every user's (an admin). Older servers leave it out. */
  scope?: 'own' | 'all';
}

export interface CommandInfo {
  name: string;
  description: string;
  available: boolean;
}

export interface AgentView {
  id: string;
  hostname: string;
  pid: number;
  version: string;
  concurrency: number;
  /** 'active' or 'inactive' (stopped or silent); 'running'/'stopped' from older servers. */
  status: string;
  started_at: string;
  last_heartbeat_at: string;
  current_tasks: string[];
}

export interface AgentsResponse {
  agents: AgentView[];
  /** The queue's counters; null when the queue did not answer. */
  queue?: { ready: number; unacked: number; dead_letters: number } | null;
}

export interface QueueResponse {
  backend: string;
  /** depth: messages waiting; unacked: delivered and being worked on; consumers: null when the broker does not say. */
  queue: { name: string; depth: number; unacked?: number; consumers: number | null };
  dead_letters: { name: string; depth: number };
}

export interface DeadLetter {
  task_id: string | null;
  reason: string;
  dead_lettered_at: string;
  project_url: string | null;
}

/** The error body of every failed API call: `{"error", "code", "details"}`. */
export interface ApiErrorBody {
  error: string;
  code?: string;
  details?: unknown[];
}
