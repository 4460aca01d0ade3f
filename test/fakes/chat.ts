/**
 * A fake OpenAI-compatible Chat Completions API: `POST /v1/chat/completions` with `Authorization: Bearer <key>`,
 * answering the documented response shape (samples/openai) with the content `judge` decides, and the documented
 * error envelopes: 401 invalid_api_key, 404 model_not_found, 429 rate_limit_exceeded (with x-ratelimit-* and
 * retry-after headers) or insufficient_quota.
 */
import { sample, startFakeService, type FakeService } from './service-fake.js';

export interface FakeChat extends FakeService {
  /** Every 429 is insufficient_quota (out of credit) instead of a rate limit. */
  quotaExceeded: boolean;
  /** The user messages received, in order. */
  prompts: string[];
}

export async function startFakeChat(options: { apiKey: string; model: string; judge: (content: string) => string }): Promise<FakeChat> {
  const prompts: string[] = [];
  const state = { quotaExceeded: false };
  const fake = await startFakeService(
    (request, reply) => {
      if (request.method !== 'POST' || request.path !== '/v1/chat/completions') return reply.json(404, { error: { message: 'Not found', type: 'invalid_request_error', param: null, code: null } });
      if (request.headers.authorization !== `Bearer ${options.apiKey}`) return reply.json(401, sample('openai', 'error.401.invalid-api-key.json'));
      if (state.quotaExceeded) return reply.json(429, sample('openai', 'error.429.insufficient-quota.json'));
      let body: { model?: unknown; messages?: { role: string; content: string }[]; temperature?: unknown };
      try {
        body = JSON.parse(request.body) as typeof body;
      } catch {
        return reply.json(400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error', param: null, code: null } });
      }
      if (body.model !== options.model) return reply.json(404, sample('openai', 'error.404.model-not-found.json'));
      const content = body.messages?.find((m) => m.role === 'user')?.content ?? '';
      prompts.push(content);
      const response = sample('openai', 'chat-completions.response.200.json') as { choices: { message: { content: string } }[] };
      const [choice] = response.choices;
      if (choice) choice.message.content = options.judge(content);
      reply.json(200, response, { 'x-request-id': `req_${prompts.length}`, 'openai-processing-ms': '12', 'x-ratelimit-remaining-requests': '499' });
    },
    {
      401: sample('openai', 'error.401.invalid-api-key.json'),
      404: sample('openai', 'error.404.model-not-found.json'),
      429: sample('openai', 'error.429.rate-limit.json'),
      rateLimitHeaders: { 'x-ratelimit-limit-requests': '500', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '120ms' },
    },
  );
  return Object.defineProperties(Object.assign(fake, { prompts }), {
    quotaExceeded: { get: () => state.quotaExceeded, set: (value: boolean) => (state.quotaExceeded = value) },
  }) as FakeChat;
}
