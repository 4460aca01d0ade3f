/**
 * fuzzing-checker: whether the project is fuzzed — ClusterFuzzLite (`.clusterfuzzlite/Dockerfile`), OSS-Fuzz
 * (a project.yaml or CIFuzz in a workflow) and fuzz/property tests in the repository's languages (taken from the
 * shared language breakdown, not a subprocess). Output is upstream's intended list of
 * `{"tool", "found", "files", "description"}`: ClusterFuzzLite and OSS-Fuzz always, then one entry per fuzzer
 * of each language present; `files` are `<repo>/<path>`.
 */
import type { Checker, Json } from '../types.js';
import { findFuzzers } from '../../analysis/scorecard/fuzzing-tools.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    return (await findFuzzers(ctx.repo, ctx.signal)).map((finding) => ({ ...finding, files: finding.files.map((path) => ctx.repo.displayPath(path)) }));
  },
};
