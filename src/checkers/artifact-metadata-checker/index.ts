/** artifact-metadata-checker: the alias OSS Compass reads after build-metadata-checker; the same code and result. */
import { checkBuildMetadata } from '../shared/build-metadata.js';
import type { Checker } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run: (ctx) => checkBuildMetadata(ctx),
};
