/**
 * The one parser of submitted tasks. An API body (`POST /opencheck`) and a queue message (ours, or upstream's
 * without `task_id`) both become a TaskDescription here, or every problem found, each one a message a client
 * can act on. The API answers them as a 4xx; the agent rejects the message to dead letters with them.
 */
import { randomUUID } from 'node:crypto';
import { isKnownCommand, knownCommandNames } from '../checkers/metadata.js';
import { jsonDepthProblem } from '../lib/json-depth.js';
import type { QueuedTaskMessage } from '../queue/types.js';
import { parseRepoRef, type RepoRef } from './repo-ref.js';
import { toTaskMessage } from './task-records.js';
import { LIMITS, callbackUrlProblem, projectUrlProblem, refProblem, versionFromMetadata } from './validation.js';

/** A task as submitted, checked and normalised once. */
export interface TaskDescription {
  /** As submitted (duplicates kept: the callback echoes the list). */
  readonly commands: readonly string[];
  readonly repo: RepoRef;
  readonly commitHash: string | null;
  readonly accessToken: string | null;
  readonly callbackUrl: string | null;
  /** task_metadata exactly as received: the callback echoes it. */
  readonly metadata: Record<string, unknown>;
  /** task_metadata.version_number as a git revision; null when absent, empty or upstream's "None". */
  readonly version: string | null;
  /** Run every command even when stored results could be reused (ours: `"fresh": true`). */
  readonly fresh: boolean;
}

export interface TaskProblem {
  /** The field as the client named it (`commands` in API bodies, `command_list` in queue messages). */
  readonly field: string;
  readonly message: string;
  /** What to do about it, for people at the API; dead-letter reasons leave it out. */
  readonly hint?: string;
}

export type TaskParse = { ok: true; task: TaskDescription } | { ok: false; problems: TaskProblem[] };

/** A task's fields under upstream's queue names, not checked yet. */
export interface TaskFields {
  readonly command_list?: unknown;
  readonly project_url?: unknown;
  readonly commit_hash?: unknown;
  readonly access_token?: unknown;
  readonly callback_url?: unknown;
  readonly task_metadata?: unknown;
  readonly fresh?: unknown;
}

export interface ParseOptions {
  readonly allowLocalRepos: boolean;
  /** What the commands are called where they came from. */
  readonly commandsField: 'commands' | 'command_list';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Checks every field and reports every problem, not only the first. */
export function parseTaskFields(fields: TaskFields, options: ParseOptions): TaskParse {
  const problems: TaskProblem[] = [];
  const add = (field: string, message: string | null, hint?: string): void => {
    if (message) problems.push(hint === undefined ? { field, message } : { field, message, hint });
  };

  // Upstream's agent defaults a missing command_list to [] (the API's schema asks for at least one).
  const field = options.commandsField;
  const commands = fields.command_list ?? [];
  if (!isStringList(commands)) add(field, `${field} must be a list of strings`);
  else if (commands.length > LIMITS.commands) add(field, `${field} has more than ${LIMITS.commands} commands`);
  else {
    const unknown = commands.filter((command) => !isKnownCommand(command));
    if (unknown.length > 0) add(field, `unknown commands: ${unknown.join(', ')}`, `valid commands are: ${knownCommandNames().join(', ')}`);
  }

  const projectUrl = fields.project_url;
  if (typeof projectUrl !== 'string') add('project_url', 'the task has no project_url');
  else add('project_url', projectUrlProblem(projectUrl, options.allowLocalRepos));

  const callbackUrl = optionalString(fields.callback_url);
  if (callbackUrl === undefined) add('callback_url', 'callback_url must be a string or null');
  else if (callbackUrl) add('callback_url', callbackUrlProblem(callbackUrl));
  const commitHash = optionalString(fields.commit_hash);
  if (commitHash === undefined) add('commit_hash', 'commit_hash must be a string or null');
  else if (commitHash) add('commit_hash', refProblem('commit_hash', commitHash));
  const accessToken = optionalString(fields.access_token);
  if (accessToken === undefined) add('access_token', 'access_token must be a string or null');
  else if (accessToken?.startsWith('-')) add('access_token', 'access_token must not start with "-"');

  if (fields.fresh !== undefined && fields.fresh !== null && typeof fields.fresh !== 'boolean') add('fresh', 'fresh must be true or false');

  const metadata = fields.task_metadata ?? {};
  let version: string | null = null;
  if (!isRecord(metadata)) add('task_metadata', 'task_metadata must be a JSON object');
  else {
    if (Buffer.byteLength(JSON.stringify(metadata)) > LIMITS.metadataBytes) {
      add('task_metadata', `task_metadata is larger than ${LIMITS.metadataBytes / 1024} KiB`);
    }
    const rawVersion = metadata.version_number;
    if (rawVersion !== undefined && rawVersion !== null && typeof rawVersion !== 'string' && typeof rawVersion !== 'number') {
      add('task_metadata.version_number', 'task_metadata.version_number must be a string (a tag, branch or commit)');
    }
    version = versionFromMetadata(metadata);
    if (version) add('task_metadata.version_number', refProblem('task_metadata.version_number', version));
  }

  if (problems.length > 0 || !isStringList(commands) || typeof projectUrl !== 'string' || !isRecord(metadata)) return { ok: false, problems };
  return {
    ok: true,
    task: {
      commands,
      repo: parseRepoRef(projectUrl),
      // Upstream clients send "" for "none".
      commitHash: commitHash || null,
      accessToken: accessToken || null,
      callbackUrl: callbackUrl || null,
      metadata,
      version,
      fresh: fields.fresh === true,
    },
  };
}

/** The body of `POST /opencheck`, after its JSON schema checked the shapes. */
export interface OpencheckBody {
  commands: string[];
  project_url: string;
  callback_url?: string | null;
  task_metadata?: Record<string, unknown>;
  commit_hash?: string | null;
  access_token?: string | null;
  fresh?: boolean;
}

export function parseSubmission(body: OpencheckBody, allowLocalRepos: boolean): TaskParse {
  const { commands, ...rest } = body;
  return parseTaskFields({ ...rest, command_list: commands }, { allowLocalRepos, commandsField: 'commands' });
}

export type ParsedMessage =
  /** `idAssigned`: the body carried no task_id (the Python main's format), so `message.task_id` is new. */
  | { ok: true; task: TaskDescription; message: QueuedTaskMessage; idAssigned: boolean }
  | { ok: false; reason: string; taskId: string | null };

/** Reads a queue message body; one that cannot become a task is poison, refused with the reason. */
export function parseMessage(body: string, allowLocalRepos: boolean): ParsedMessage {
  // Measured on the text, before anything recursive (JSON.stringify in the checks, the store) sees the value.
  const tooDeep = jsonDepthProblem(body, 'message');
  if (tooDeep) return { ok: false, reason: tooDeep, taskId: null };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    return { ok: false, reason: `message is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, taskId: null };
  }
  if (!isRecord(data)) return { ok: false, reason: 'message is not a JSON object', taskId: null };
  const taskId = typeof data.task_id === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(data.task_id) ? data.task_id : null;
  if (data.task_id !== undefined && taskId === null) return { ok: false, reason: 'task_id must be a string of letters, digits and dashes', taskId };
  const parsed = parseTaskFields(data, { allowLocalRepos, commandsField: 'command_list' });
  if (!parsed.ok) return { ok: false, reason: parsed.problems.map((problem) => problem.message).join('; '), taskId };
  return { ok: true, task: parsed.task, message: toTaskMessage(taskId ?? randomUUID(), parsed.task), idAssigned: taskId === null };
}

/** A string, null/absent as null, anything else undefined (invalid). */
function optionalString(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}
