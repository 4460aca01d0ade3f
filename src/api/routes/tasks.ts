/**
 * POST /opencheck (contract) and the task routes we add: GET /opencheck/:task_id, GET /tasks/:task_id and
 * GET /tasks. A task is answered 200 only once it is stored and queued; a queue or store failure is a 503.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OpenCheckerError } from '../../lib/errors.js';
import { TASK_STATUSES, type TaskStatus } from '../../store/types.js';
import { parseSubmission, type OpencheckBody } from '../../tasks/task-input.js';
import { toNewTask, toTaskMessage } from '../../tasks/task-records.js';
import { LIMITS } from '../../tasks/validation.js';
import { bearerSecurity, errorResponseSchema, requireUser, type ApiDeps } from '../context.js';
import { SubmissionQuota, quotaLimits } from '../quotas.js';
import { taskView, taskViewSchema } from '../task-view.js';
import { canSee, isAdmin, listingOwner } from '../tenancy.js';

const opencheckBodySchema = {
  type: 'object',
  required: ['commands', 'project_url'],
  properties: {
    commands: { type: 'array', minItems: 1, maxItems: LIMITS.commands, items: { type: 'string', minLength: 1, maxLength: LIMITS.commandLength } },
    project_url: { type: 'string', minLength: 1, maxLength: LIMITS.urlLength },
    callback_url: { type: ['string', 'null'], maxLength: LIMITS.urlLength },
    task_metadata: { type: 'object', additionalProperties: true },
    commit_hash: { type: ['string', 'null'], maxLength: LIMITS.refLength },
    access_token: { type: ['string', 'null'], maxLength: LIMITS.accessTokenLength },
    // Ours: run every command even when results of the same tree could be reused (the result cache).
    fresh: { type: 'boolean' },
  },
} as const;

export function taskRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const preHandler = requireUser(deps);
  const quota = new SubmissionQuota(deps.backend.store, quotaLimits(deps.config));

  app.post(
    '/opencheck',
    {
      preHandler,
      schema: {
        summary: 'Submit a check: run the commands on project_url and POST the results to callback_url',
        tags: ['tasks'],
        security: bearerSecurity,
        body: opencheckBodySchema,
        response: {
          200: { type: 'object', properties: { message: { type: 'string' }, task_id: { type: 'string' } }, required: ['message', 'task_id'] },
          400: errorResponseSchema,
          401: errorResponseSchema,
          413: errorResponseSchema,
          429: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as OpencheckBody;
      // The schema checked the shapes; the shared parser checks what a schema cannot, reporting every problem.
      const parsed = parseSubmission(body, deps.config.OpenCheck.allow_local_repos);
      if (!parsed.ok) {
        const problems = parsed.problems.map(({ field, message, hint }) => ({ field, message: hint ? `${message}; ${hint}` : message }));
        const code = problems.some((p) => p.field === 'commands') ? 'OC_ERR_API_UNKNOWN_COMMAND' : 'OC_ERR_API_VALIDATION';
        const status = problems.some((p) => p.field === 'task_metadata' && p.message.includes('larger')) ? 'OC_ERR_API_BODY_TOO_LARGE' : code;
        throw new OpenCheckerError(status, `Invalid request: ${problems.map((p) => p.message).join('; ')}`, problems);
      }
      const user = request.user;
      if (!user) throw new OpenCheckerError('OC_ERR_AUTH_INVALID_TOKEN');
      const admission = await quota.admit(user);
      if (!admission.ok) {
        request.log.info({ user: user.username, code: admission.code }, 'submission refused by quota');
        void reply.header('retry-after', String(admission.retryAfterS));
        throw new OpenCheckerError(admission.code, admission.message);
      }
      const taskId = randomUUID();
      const message = toTaskMessage(taskId, parsed.task);
      try {
        await deps.backend.submit(toNewTask(taskId, parsed.task, { id: user.id, username: user.username }), message);
      } catch (err) {
        request.log.error({ err, taskId }, 'could not queue the task');
        throw new OpenCheckerError('OC_ERR_QUEUE_UNAVAILABLE');
      } finally {
        admission.release();
      }
      request.log.info({ taskId, commands: body.commands, user: request.user?.username }, 'task queued');
      // Never echo the request (it may hold access_token), and never say "error": OSS Compass treats any body
      // containing that word as a failure.
      const where = message.callback_url ? 'the results will be sent to the callback URL' : `the results can be read at GET /opencheck/${taskId}`;
      return { message: `Task queued; ${where} when the check finishes.`, task_id: taskId };
    },
  );

  const getTask = {
    preHandler,
    schema: {
      summary: 'A task: status, timings, callback delivery and results (your own tasks; admins: any task)',
      tags: ['tasks'],
      security: bearerSecurity,
      params: { type: 'object', required: ['task_id'], properties: { task_id: { type: 'string', maxLength: 64 } } },
      response: { 200: taskViewSchema, 404: errorResponseSchema, 401: errorResponseSchema },
    },
  };
  const handleGet = async (request: { params: unknown; user: FastifyRequest['user'] }): Promise<Record<string, unknown>> => {
    const { task_id: taskId } = request.params as { task_id: string };
    const task = await deps.backend.store.getTask(taskId);
    // Someone else's task is answered exactly as a missing one: a 404 does not reveal that the id exists.
    if (!task || !canSee(request.user, task)) throw new OpenCheckerError('OC_ERR_API_NOT_FOUND', `No task with id ${taskId}`);
    return taskView(task, true, task.reusedFrom ? await visibleSources(task.reusedFrom, request.user) : null);
  };
  /**
   * The tasks a result was reused from, as far as the caller may see them: another tenant's task (or one retention
   * removed) is null, so a shared cache never tells one user which tasks another ran.
   */
  const visibleSources = async (reusedFrom: Readonly<Record<string, string>>, user: FastifyRequest['user']): Promise<Record<string, string | null>> => {
    const visible = new Map<string, boolean>();
    for (const source of new Set(Object.values(reusedFrom))) {
      const found = await deps.backend.store.getTask(source);
      visible.set(source, found !== null && canSee(user ?? null, found));
    }
    return Object.fromEntries(Object.entries(reusedFrom).map(([command, source]) => [command, visible.get(source) ? source : null]));
  };
  app.get('/opencheck/:task_id', getTask, handleGet);
  app.get('/tasks/:task_id', getTask, handleGet);

  app.get(
    '/tasks',
    {
      preHandler,
      schema: {
        summary: 'Tasks, newest first, in pages; filter by status and by repository (the exact project_url). Your own tasks; admins: every task',
        tags: ['tasks'],
        security: bearerSecurity,
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string' },
            // The exact project_url the tasks were submitted with.
            repository: { type: 'string', minLength: 1, maxLength: LIMITS.urlLength },
            limit: { type: 'string' },
            cursor: { type: 'string', maxLength: 200 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              tasks: { type: 'array', items: taskViewSchema },
              next_cursor: { type: ['string', 'null'] },
              // "own": the caller's tasks only; "all": every user's (an admin).
              scope: { type: 'string', enum: ['own', 'all'] },
            },
          },
          400: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const query = request.query as { status?: string; repository?: string; limit?: string; cursor?: string };
      const max = deps.config.OpenCheck.max_tasks_per_page;
      if (query.status !== undefined && !TASK_STATUSES.includes(query.status as TaskStatus)) {
        throw new OpenCheckerError('OC_ERR_API_VALIDATION', `Invalid request: status must be one of ${TASK_STATUSES.join(', ')}`, [{ field: 'status' }]);
      }
      const limit = query.limit === undefined ? 20 : Number(query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > max) {
        throw new OpenCheckerError('OC_ERR_API_VALIDATION', `Invalid request: limit must be a whole number from 1 to ${max}`, [{ field: 'limit' }]);
      }
      const user = request.user;
      if (!user) throw new OpenCheckerError('OC_ERR_AUTH_INVALID_TOKEN');
      try {
        const page = await deps.backend.store.listTasks({
          status: query.status as TaskStatus | undefined,
          projectUrl: query.repository,
          ownerId: listingOwner(user),
          limit,
          cursor: query.cursor ?? null,
        });
        return { tasks: page.tasks.map((task) => taskView(task, false)), next_cursor: page.nextCursor, scope: isAdmin(user) ? 'all' : 'own' };
      } catch (err) {
        if (err instanceof RangeError) throw new OpenCheckerError('OC_ERR_API_VALIDATION', 'Invalid request: cursor is not one this server issued', [{ field: 'cursor' }]);
        throw err;
      }
    },
  );
}
