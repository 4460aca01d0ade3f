/**
 * Upstream's shell-based file finders returned `find` stdout: newline-terminated paths, and `{}` when nothing
 * matched (empty stdout became `{}`). Consumers parse both shapes, so the finder checkers keep them.
 */
import type { Json } from './types.js';

export function findOutput(displayPaths: readonly string[]): Json {
  return displayPaths.length === 0 ? {} : displayPaths.map((path) => `${path}\n`).join('');
}
