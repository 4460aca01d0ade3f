/**
 * The API's one JSON body parser: Fastify's own (secure-json-parse, prototype poisoning refused), preceded by a
 * depth check on the raw text. A body nested deeper than MAX_JSON_DEPTH is a 400 before it is parsed, so no
 * recursive code (the parser's poisoning scan, schema validation, JSON.stringify in the task checks, the
 * store) ever sees it. Every route that takes a body goes through here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OpenCheckerError } from '../lib/errors.js';
import { MAX_JSON_DEPTH, jsonDepthProblem } from '../lib/json-depth.js';

export function installJsonBodyParser(app: FastifyInstance, bodyLimit: number, maxDepth = MAX_JSON_DEPTH): void {
  // Typed as either parser form; at run time Fastify's default is the callback form (content-type-parser.js).
  const parseJson = app.getDefaultJsonParser('error', 'error') as (request: FastifyRequest, body: string, done: (err: Error | null, body?: unknown) => void) => void;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    const problem = jsonDepthProblem(text, 'The request body', maxDepth);
    if (problem) {
      done(new OpenCheckerError('OC_ERR_API_VALIDATION', problem, [{ field: 'body', message: problem }]), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
