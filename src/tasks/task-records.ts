/**
 * A TaskDescription written out for each hop: the queue message, the task row, and what checkers see. The API
 * and the agent (for upstream messages that have no row yet) both write rows through toNewTask.
 */
import type { TaskInfo } from '../checkers/types.js';
import type { QueuedTaskMessage } from '../queue/types.js';
import type { NewTask } from '../store/types.js';
import type { TaskDescription } from './task-input.js';

/** The wire message: upstream's keys in upstream's order, then our task_id. */
export function toTaskMessage(taskId: string, task: TaskDescription): QueuedTaskMessage {
  return {
    command_list: [...task.commands],
    project_url: task.repo.submittedUrl,
    commit_hash: task.commitHash,
    access_token: task.accessToken,
    callback_url: task.callbackUrl,
    task_metadata: task.metadata,
    task_id: taskId,
    ...(task.fresh ? { fresh: true } : {}),
  };
}

/**
 * The task row (never the access token: it travels only in the message). The submitter owns the task; a task
 * without one (a queue message from the Python main) belongs to no user and only admins see it.
 */
export function toNewTask(taskId: string, task: TaskDescription, submitter: { id: string; username: string } | null): NewTask {
  return {
    taskId,
    projectUrl: task.repo.submittedUrl,
    commandList: [...task.commands],
    taskMetadata: task.metadata,
    commitHash: task.commitHash,
    callbackUrl: task.callbackUrl,
    submittedBy: submitter?.username ?? null,
    ownerId: submitter?.id ?? null,
  };
}

/** What every checker of the task is told about it. */
export function toTaskInfo(taskId: string, task: TaskDescription): TaskInfo {
  return {
    taskId,
    projectUrl: task.repo.projectUrl,
    repoName: task.repo.repoName,
    commitHash: task.commitHash,
    accessToken: task.accessToken,
    versionNumber: task.version,
    metadata: task.metadata,
  };
}
