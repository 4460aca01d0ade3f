/**
 * Reads a queue message body into a task, accepting upstream's format (no task_id) and ours. A body that
 * cannot become a task is poison: the agent rejects it to dead letters with the reason.
 */
import { randomUUID } from 'node:crypto';
import { isKnownCommand } from '../checkers/metadata.js';
import { LIMITS, callbackUrlProblem, projectUrlProblem, refProblem, versionFromMetadata } from '../tasks/validation.js';
import type { TaskMessage } from '../queue/types.js';

export type ParsedMessage =
  /** `idAssigned`: the body carried no task_id (the Python main's format), so `message.task_id` is new. */
  | { ok: true; message: Required<TaskMessage>; idAssigned: boolean }
  | { ok: false; reason: string; taskId: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseMessage(body: string, allowLocalRepos: boolean): ParsedMessage {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    return { ok: false, reason: `message is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, taskId: null };
  }
  if (!isRecord(data)) return { ok: false, reason: 'message is not a JSON object', taskId: null };
  const taskId = typeof data.task_id === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(data.task_id) ? data.task_id : null;
  const fail = (reason: string): ParsedMessage => ({ ok: false, reason, taskId });

  if (data.task_id !== undefined && taskId === null) return fail('task_id must be a string of letters, digits and dashes');
  if (typeof data.project_url !== 'string') return fail('message has no project_url');
  const urlProblem = projectUrlProblem(data.project_url, allowLocalRepos);
  if (urlProblem) return fail(urlProblem);

  const commands = data.command_list ?? [];
  if (!Array.isArray(commands) || !commands.every((c): c is string => typeof c === 'string')) return fail('command_list must be a list of strings');
  if (commands.length > LIMITS.commands) return fail(`command_list has more than ${LIMITS.commands} commands`);
  const unknown = commands.filter((command) => !isKnownCommand(command));
  if (unknown.length > 0) return fail(`unknown commands: ${unknown.join(', ')}`);

  const metadata = data.task_metadata ?? {};
  if (!isRecord(metadata)) return fail('task_metadata must be a JSON object');
  const rawVersion = metadata.version_number;
  if (rawVersion !== undefined && rawVersion !== null && typeof rawVersion !== 'string' && typeof rawVersion !== 'number') {
    return fail('task_metadata.version_number must be a string');
  }
  const version = versionFromMetadata(metadata);
  if (version) {
    const problem = refProblem('task_metadata.version_number', version);
    if (problem) return fail(problem);
  }

  const commitHash = optionalString(data.commit_hash);
  if (commitHash === undefined) return fail('commit_hash must be a string or null');
  if (commitHash) {
    const problem = refProblem('commit_hash', commitHash);
    if (problem) return fail(problem);
  }
  const callbackUrl = optionalString(data.callback_url);
  if (callbackUrl === undefined) return fail('callback_url must be a string or null');
  if (callbackUrl) {
    const problem = callbackUrlProblem(callbackUrl);
    if (problem) return fail(problem);
  }
  const accessToken = optionalString(data.access_token);
  if (accessToken === undefined) return fail('access_token must be a string or null');

  return {
    ok: true,
    idAssigned: taskId === null,
    message: {
      task_id: taskId ?? randomUUID(),
      command_list: commands,
      project_url: data.project_url,
      commit_hash: commitHash || null,
      access_token: accessToken || null,
      callback_url: callbackUrl || null,
      task_metadata: metadata,
    },
  };
}

/** A string, null/absent as null, anything else undefined (invalid). */
function optionalString(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}
