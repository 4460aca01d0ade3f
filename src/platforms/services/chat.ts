/**
 * OpenAI-compatible Chat Completions client (api-doc-checker, build-doc-checker): `POST {base_url}/chat/completions`
 * with `Authorization: Bearer <api_key>`. Rate limits, server errors and time-outs are retried with exponential
 * backoff (the server's `retry-after` / `retry-after-ms` honoured when short); an exhausted quota
 * (`insufficient_quota`) and 4xx answers are not retried, since asking again cannot succeed.
 */
import type { Config } from '../../config/schema.js';
import { PlatformError } from '../errors.js';
import { ServiceClient, isRecord } from './http-json.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The `[ChatBot]` keys a chat client needs; the ones that are empty, for the error message. */
export function missingChatConfig(config: Config): string[] {
  return (['base_url', 'api_key', 'model_name'] as const).filter((key) => config.ChatBot[key].trim() === '').map((key) => `[ChatBot] ${key}`);
}

export class ChatClient {
  private readonly client: ServiceClient;

  constructor(private readonly options: { baseUrl: string; apiKey: string; model: string; timeoutMs: number; maxRetries: number; retryBaseMs?: number }) {
    this.client = new ServiceClient({
      service: 'chat completions API',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      retryBaseMs: options.retryBaseMs ?? 1000,
      maxRetryWaitMs: 60_000,
      headers: { authorization: `Bearer ${options.apiKey}` },
    });
  }

  static fromConfig(config: Config): ChatClient {
    const chat = config.ChatBot;
    return new ChatClient({ baseUrl: chat.base_url, apiKey: chat.api_key, model: chat.model_name, timeoutMs: chat.timeout_s * 1000, maxRetries: chat.max_retries });
  }

  /** The first choice's message content. */
  async complete(messages: readonly ChatMessage[], options: { temperature?: number; signal?: AbortSignal } = {}): Promise<string> {
    const body = JSON.stringify({ model: this.options.model, messages, temperature: options.temperature ?? 0.2 });
    const { data } = await this.client.json('chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: options.signal,
      retryable: (response) => (response.status === 429 ? !/insufficient_quota/.test(response.body) : response.status >= 500),
    });
    const choices: unknown = isRecord(data) ? data.choices : undefined;
    const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
    const message = isRecord(choice) ? choice.message : undefined;
    if (!isRecord(message) || typeof message.content !== 'string') {
      throw new PlatformError('malformed', 'chat completions API answered without choices[0].message.content');
    }
    return message.content;
  }
}
