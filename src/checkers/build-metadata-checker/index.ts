/** build-metadata-checker: see src/checkers/shared/build-metadata.ts (shared with its alias artifact-metadata-checker). */
import { checkBuildMetadata } from '../shared/build-metadata.js';
import type { Checker } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run: (ctx) => checkBuildMetadata(ctx),
};
