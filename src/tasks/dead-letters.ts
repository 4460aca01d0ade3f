/**
 * Dead-letter operations shared by the API (`/queue/dead-letters`) and the CLI (`openchecker queue dlq`):
 * the queue holds the messages, the store holds the task's state and the reason; these keep the two in step.
 */
import type { Backend } from './backend.js';
import { redactNullable } from '../lib/redact.js';
import { stringField } from '../queue/body.js';
import type { DeadLetter } from '../queue/types.js';

export interface DeadLetterView extends DeadLetter {
  projectUrl: string | null;
}

export async function listDeadLetters(backend: Backend, limit: number): Promise<DeadLetterView[]> {
  const letters = await backend.queue.listDeadLetters(limit);
  return Promise.all(
    letters.map(async (letter) => {
      // The store knows why a task was dead-lettered even when the message itself does not say.
      const task = letter.taskId ? await backend.store.getTask(letter.taskId) : null;
      // Operators see the repository and the reason, never a credential the submitter put in either.
      const reason = letter.reason ?? (task?.status === 'dead_lettered' ? task.error : null);
      return {
        ...letter,
        reason: redactNullable(reason),
        deadLetteredAt: letter.deadLetteredAt ?? (task?.status === 'dead_lettered' ? task.finishedAt : null),
        projectUrl: redactNullable(task?.projectUrl ?? stringField(letter.body, 'project_url')),
      };
    }),
  );
}

/**
 * Moves dead letters back to the work queue: all of them, or those of the given task ids. Each task's row is
 * reset to `queued` first (attempts cleared), so the agent runs it instead of taking it for a finished task.
 */
export async function requeueDeadLetters(backend: Backend, select: { all: true } | { taskIds: readonly string[] }): Promise<DeadLetter[]> {
  const wanted = 'taskIds' in select ? new Set(select.taskIds) : null;
  return backend.queue.requeueDeadLetters(
    (letter) => wanted === null || (letter.taskId !== null && wanted.has(letter.taskId)),
    async (letter) => {
      if (letter.taskId) await backend.store.requeueDeadLettered(letter.taskId, messageUrls(letter.body));
    },
  );
}

export async function purgeDeadLetters(backend: Backend): Promise<number> {
  return backend.queue.purgeDeadLetters();
}

/**
 * The URLs of a dead letter's message, credentials included: the finished task's row keeps only their redacted
 * form, and the requeued task calls back (with Basic auth) the URL the submitter gave.
 */
function messageUrls(body: string): { projectUrl: string; callbackUrl: string | null } | undefined {
  const projectUrl = stringField(body, 'project_url');
  if (projectUrl === null) return undefined;
  return { projectUrl, callbackUrl: stringField(body, 'callback_url') || null };
}
