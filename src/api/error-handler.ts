/**
 * One error shape for every failure: `{"error": "<what is wrong>", "code": "OC_ERR_...", "details": [...]}`.
 * Fastify's own errors (validation, body size, bad JSON, content type) are translated, and nothing a client
 * sends can produce a 500 (upstream answered JWT and validation failures with 500).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { OpenCheckerError, errorCatalogue, type ErrorCode } from '../lib/errors.js';

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** `commands/0 must be string` → a field name a user recognises. */
function describeIssue(issue: AjvIssue): { field: string; message: string } {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (issue.keyword === 'required' && typeof issue.params?.missingProperty === 'string') {
    const field = path ? `${path}.${issue.params.missingProperty}` : issue.params.missingProperty;
    return { field, message: `${field} is required` };
  }
  const field = path || 'body';
  return { field, message: `${field} ${issue.message ?? 'is invalid'}` };
}

function send(code: ErrorCode, message: string, details: unknown[] = []): { status: number; body: Record<string, unknown> } {
  return { status: errorCatalogue[code].status, body: { error: message, code, details } };
}

/** PostgreSQL connection classes (08xxx), shutdowns (57P0x) and socket failures: a 503, not a 500. */
const OUTAGE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
function isStoreOutage(err: { code?: unknown; message: string }): boolean {
  if (typeof err.code === 'string' && OUTAGE_CODES.has(err.code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(err.message);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | OpenCheckerError, request, reply) => {
    let result;
    if (err instanceof OpenCheckerError) {
      result = send(err.code, err.message, err.details);
    } else if (err.validation) {
      const issues = (err.validation as AjvIssue[]).map(describeIssue);
      result = send('OC_ERR_API_VALIDATION', `Invalid request: ${issues.map((i) => i.message).join('; ')}`, issues);
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      result = send('OC_ERR_API_BODY_TOO_LARGE', 'Request body is larger than 1 MiB');
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      result = send('OC_ERR_API_UNSUPPORTED_MEDIA', 'Send the body as application/json');
    } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      result = send('OC_ERR_API_VALIDATION', 'Request body is not valid JSON');
    } else if (err.statusCode === 429) {
      result = send('OC_ERR_API_RATE_LIMITED', 'Too many requests; try again later');
    } else if (err.name === 'QueueUnavailableError') {
      request.log.warn({ err: err.message }, 'queue unavailable');
      result = send('OC_ERR_QUEUE_UNAVAILABLE', `The task queue is unavailable: ${err.message}; try again shortly`);
    } else if (isStoreOutage(err)) {
      request.log.warn({ err: err.message }, 'store unavailable');
      result = send('OC_ERR_STORE_UNAVAILABLE', 'The database is unavailable; try again shortly');
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      result = { status: err.statusCode, body: { error: err.message, code: err.code ?? 'OC_ERR_API_VALIDATION', details: [] } };
    } else {
      request.log.error({ err }, 'unhandled error');
      result = send('OC_ERR_INTERNAL', 'Internal server error');
    }
    void reply.status(result.status).send(result.body);
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: `Not found: ${request.method} ${request.url.split('?')[0] ?? ''}`, code: 'OC_ERR_API_NOT_FOUND', details: [] });
  });
}
