/**
 * What api-doc-checker and build-doc-checker share: the configuration check (naming every missing `[ChatBot]`
 * key) and the run of the assessment with the configured chat client.
 */
import type { CheckContext } from '../types.js';
import { CheckerInputError } from '../types.js';
import { ChatClient, missingChatConfig } from '../../platforms/services/chat.js';
import { findDocumentation, TooManyRequestsError, type DocTopic } from './doc-assessment.js';
import { envName } from '../../config/schema.js';

/** The satisfying document as `<repo-name>/<path>` (upstream's form), or null. */
export async function assessDocumentation(ctx: CheckContext, command: string, topic: DocTopic): Promise<string | null> {
  const missing = missingChatConfig(ctx.config);
  if (missing.length > 0) {
    const envs = missing.map((key) => envName('ChatBot', key.replace('[ChatBot] ', ''))).join(', ');
    throw new CheckerInputError(`${command} needs an OpenAI-compatible chat completions API: set ${missing.join(', ')} (or ${envs})`);
  }
  try {
    const path = await findDocumentation(ctx.repo, topic, ChatClient.fromConfig(ctx.config), {
      signal: ctx.signal,
      maxRequests: ctx.config.ChatBot.max_requests_per_command,
    });
    return path === null ? null : ctx.repo.displayPath(path);
  } catch (err) {
    if (err instanceof TooManyRequestsError) throw new CheckerInputError(err.message);
    throw err;
  }
}
