/**
 * The documentation assessment behind api-doc-checker and build-doc-checker, as upstream does it: Markdown files
 * at the repository root and directly in `doc/` and `docs/`, cut into 3000-character chunks, each put to the
 * chat model with upstream's prompt (verbatim) until one chunk is judged to cover the topic (`YES`).
 *
 * Fixed from upstream: the OpenHarmony HAR usage link in a build document now counts as build documentation
 * (upstream returned "not found" as soon as it saw the link); answers are compared after trimming quotes and
 * punctuation and ignoring case (`Yes.` counts); LLM failures are retried with backoff (upstream only retried
 * network exceptions of another library); the number of requests per command is bounded.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';
import type { ChatClient } from '../../platforms/services/chat.js';

export type DocTopic = 'api-doc' | 'build-doc';

/** Upstream's prompts, verbatim (whitespace included), with `{text}` replaced by the chunk. */
const PROMPTS: Readonly<Record<DocTopic, string>> = {
  'build-doc': `
            You are a professional programmer, please assess whether the provided text offers a thorough and in-depth introduction to the processes of software compilation and packaging.
            If the text segment introduce the software compilation and packaging completely, please return 'YES'; otherwise, return 'NO'.
            You need to ensure the accuracy of your answers as much as possible, and if unsure, please simply answer NO. Your response must not include other content.

            Text content as below:

            {text}

        `,
  'api-doc': `
            You are a professional programmer, please assess whether the provided text offer a comprehensive introduction to the use of software API.
            If the text segment introduce the software API completely, please return 'YES'; otherwise, return 'NO'.
            You need to ensure the accuracy of your answers as much as possible, and if unsure, please simply answer NO. Your response must not include other content.

            Text content as below:

            {text}

        `,
};

/** A build document that points to OpenHarmony's HAR usage guide documents the build (upstream inverted this). */
export const HAR_USAGE_LINK = 'https://gitee.com/openharmony-tpc/docs/blob/master/OpenHarmony_har_usage.md';

export const CHUNK_CHARS = 3000;
const MARKDOWN = /\.(md|markdown)$/i;

export function prompt(topic: DocTopic, chunk: string): string {
  return PROMPTS[topic].replace('{text}', () => chunk);
}

/** Markdown files at the root, then directly in `doc/`, then in `docs/` (each group sorted). */
export async function documentationFiles(repo: RepoView): Promise<string[]> {
  const groups: string[][] = [[], [], []];
  for (const file of await repo.files()) {
    if (!MARKDOWN.test(file.path)) continue;
    const slash = file.path.indexOf('/');
    if (slash === -1) groups[0]?.push(file.path);
    else if (file.path.lastIndexOf('/') === slash) {
      const dir = file.path.slice(0, slash);
      if (dir === 'doc') groups[1]?.push(file.path);
      else if (dir === 'docs') groups[2]?.push(file.path);
    }
  }
  return groups.flat();
}

/** 3000-character chunks, counted in characters (code points) as Python slices strings. */
export function chunks(text: string, size = CHUNK_CHARS): string[] {
  const chars = Array.from(text);
  const result: string[] = [];
  for (let i = 0; i < chars.length; i += size) result.push(chars.slice(i, i + size).join(''));
  return result;
}

/** `YES`, `"Yes."`, `**YES**` count; anything else (`NO`, an explanation) does not. */
export function isYes(answer: string): boolean {
  return answer.trim().replace(/^["'`*\s]+|["'`*.!\s]+$/g, '').toUpperCase() === 'YES';
}

export class TooManyRequestsError extends Error {}

/**
 * The first documentation file (repository-relative path) with a chunk judged to cover the topic, or null.
 * Stops at the first YES, as upstream.
 */
export async function findDocumentation(
  repo: RepoView,
  topic: DocTopic,
  chat: Pick<ChatClient, 'complete'>,
  options: { signal?: AbortSignal; maxRequests: number },
): Promise<string | null> {
  let requests = 0;
  for (const path of await documentationFiles(repo)) {
    for (const chunk of chunks(await repo.readText(path))) {
      if (topic === 'build-doc' && chunk.toLowerCase().includes(HAR_USAGE_LINK.toLowerCase())) return path;
      if (requests >= options.maxRequests) {
        throw new TooManyRequestsError(
          `stopped after ${options.maxRequests} chat requests without finding the documentation (at ${path}); raise [ChatBot] max_requests_per_command to read further`,
        );
      }
      requests += 1;
      const answer = await chat.complete([{ role: 'user', content: prompt(topic, chunk) }], { temperature: 0.2, signal: options.signal });
      if (isYes(answer)) return path;
    }
  }
  return null;
}
