/**
 * How platform failures reach a command's `{"error": …}`: a URL of another host, a repository that does not
 * exist or a refused token are input problems (CheckerInputError, logged at info); rate limits, timeouts,
 * network and malformed answers are failures. Messages are the PlatformError's own: they name the platform
 * and path and never carry a token.
 */
import { CheckerInputError } from '../types.js';
import { PlatformError } from '../../platforms/errors.js';
import { RepoUrlError } from '../../platforms/repo-url.js';

export function commandError(err: unknown): unknown {
  if (err instanceof RepoUrlError) return new CheckerInputError(err.message);
  if (err instanceof PlatformError && (err.kind === 'not_found' || err.kind === 'unauthorized' || err.kind === 'forbidden')) {
    return new CheckerInputError(err.message);
  }
  return err;
}

/** Runs `work`, turning platform failures into command errors. */
export async function platformCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw commandError(err);
  }
}
