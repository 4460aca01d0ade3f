/**
 * The public representation of a task (GET /opencheck/:task_id, GET /tasks/:task_id; GET /tasks without the
 * results). Beside `scan_results`, `command_versions` names the version of the checker behind each result (as
 * it was when the task ran); the callback body does not carry it (src/agent/callback.ts keeps the contract's).
 */
import type { TaskRecord } from '../store/types.js';
import { withoutCredentials } from '../tasks/validation.js';

/**
 * `reusedFrom`: the sources of reused results as the caller may see them (the route hides other tenants' task
 * ids); the record's own by default.
 */
export function taskView(task: TaskRecord, includeResults = true, reusedFrom: Readonly<Record<string, string | null>> | null = task.reusedFrom): Record<string, unknown> {
  return {
    task_id: task.taskId,
    status: task.status,
    // A token embedded in the URL (https://user:token@host/...) is not shown back; the callback still echoes
    // the URL as submitted, as the contract requires, to the client that submitted it.
    project_url: withoutCredentials(task.projectUrl),
    command_list: task.commandList,
    task_metadata: task.taskMetadata,
    commit_hash: task.commitHash,
    // Who submitted it (the owner's user name then); null: it came from the queue (the Python main).
    submitted_by: task.submittedBy,
    // The same for the callback URL's user-info (sent as Basic auth) and any ?token= the receiver asked for.
    callback_url: task.callbackUrl === null ? null : withoutCredentials(task.callbackUrl),
    created_at: task.createdAt,
    started_at: task.startedAt,
    finished_at: task.finishedAt,
    agent: task.agent,
    attempts: task.attempts,
    error: task.error,
    callback: {
      status: task.callback.status,
      attempts: task.callback.attempts,
      last_error: task.callback.lastError,
      delivered_at: task.callback.deliveredAt,
      next_attempt_at: task.callback.nextAttemptAt,
    },
    // Set when retention removed the results ([Retention] results_days): scan_results is then null.
    results_purged_at: task.resultsPurgedAt,
    // Commands whose result was reused from an earlier task on the same input (the result cache): command → task id.
    ...(includeResults ? { scan_results: task.scanResults, command_versions: task.commandVersions, reused_from: reusedFrom } : {}),
  };
}

const nullableString = { type: ['string', 'null'] } as const;
export const taskViewSchema = {
  type: 'object',
  properties: {
    task_id: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'dead_lettered'] },
    project_url: { type: 'string' },
    command_list: { type: 'array', items: { type: 'string' } },
    task_metadata: { type: 'object', additionalProperties: true },
    commit_hash: nullableString,
    callback_url: nullableString,
    submitted_by: nullableString,
    created_at: { type: 'string' },
    started_at: nullableString,
    finished_at: nullableString,
    agent: nullableString,
    attempts: { type: 'integer' },
    error: nullableString,
    callback: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['none', 'pending', 'delivered', 'failed'] },
        attempts: { type: 'integer' },
        last_error: nullableString,
        delivered_at: nullableString,
        next_attempt_at: nullableString,
      },
    },
    results_purged_at: nullableString,
    scan_results: { type: ['object', 'null'], additionalProperties: true },
    // Keyed like scan_results; null where the version is unknown (results stored before versions were, or a
    // dead-lettered task's errors). Null while there are no results.
    command_versions: { type: ['object', 'null'], additionalProperties: { type: ['integer', 'null'] } },
    // Keyed like scan_results, only the reused commands: the task whose stored result was reused (null: a task the
    // caller may not see). Null: nothing reused.
    reused_from: { type: ['object', 'null'], additionalProperties: { type: ['string', 'null'] } },
  },
} as const;
