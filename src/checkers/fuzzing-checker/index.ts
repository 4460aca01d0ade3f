/**
 * fuzzing-checker: whether the project is fuzzed — ClusterFuzzLite (`.clusterfuzzlite/Dockerfile`), OSS-Fuzz
 * (a project.yaml or CIFuzz in a workflow) and fuzz/property tests in the repository's languages (taken from the
 * shared language breakdown, not a subprocess). Output is upstream's intended list of
 * `{"tool", "found", "files", "description"}`: ClusterFuzzLite and OSS-Fuzz always, then one entry per fuzzer
 * of each language present; `files` are `<repo>/<path>`.
 */
import { languageBreakdown } from '../../analysis/languages/breakdown.js';
import { loadWorkflows } from '../../analysis/workflows/load.js';
import type { RepoView } from '../../lib/repo/repo-view.js';
import type { Checker, Json } from '../types.js';
import { CIFUZZ_ACTION, isCargoFuzzManifest, isClusterFuzzLiteDockerfile, isOssFuzzProjectYaml, LANGUAGE_FUZZERS } from '../../analysis/scorecard/fuzzing-tools.js';
import { meta } from './meta.js';

export interface FuzzerFinding {
  tool: string;
  found: boolean;
  files: string[];
  description: string;
}

const VENDORED = /(^|\/)(node_modules|vendor|third_party)\//;

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    return (await findFuzzers(ctx.repo, ctx.signal)).map((finding) => ({ ...finding, files: finding.files.map((path) => ctx.repo.displayPath(path)) }));
  },
};

/** Every fuzzer check with repository-relative files (scorecard-score reuses it). */
export function findFuzzers(repo: RepoView, signal: AbortSignal): Promise<FuzzerFinding[]> {
  return repo.memo('fuzzing:findings:v1', () => collect(repo, signal));
}

async function collect(repo: RepoView, signal: AbortSignal): Promise<FuzzerFinding[]> {
  const files = (await repo.files()).filter((file) => !VENDORED.test(file.path));
  const matching = async (select: (path: string, lowerName: string) => boolean, test: (text: string) => boolean): Promise<string[]> => {
    const found: string[] = [];
    for (const file of files) {
      if (select(file.path, file.lowerName) && test(await repo.readText(file.path))) found.push(file.path);
    }
    return found;
  };
  const cflite = await matching((path) => path.toLowerCase() === '.clusterfuzzlite/dockerfile', isClusterFuzzLiteDockerfile);
  const ossFuzz = await matching((_path, name) => name === 'project.yaml', isOssFuzzProjectYaml);
  for (const workflow of await loadWorkflows(repo)) {
    const cifuzz = workflow.jobs.some((job) => job.steps.some((step) => CIFUZZ_ACTION.test(step.uses?.value ?? '')));
    if (cifuzz) ossFuzz.push(workflow.path);
  }
  const cargoFuzz = await matching((path) => /(^|\/)fuzz\/cargo\.toml$/.test(path.toLowerCase()), isCargoFuzzManifest);
  const findings: FuzzerFinding[] = [
    { tool: 'ClusterFuzzLite', found: cflite.length > 0, files: cflite, description: 'ClusterFuzzLite: continuous fuzzing that runs as part of CI workflows.' },
    { tool: 'OSS-Fuzz', found: ossFuzz.length > 0, files: ossFuzz.sort(), description: 'OSS-Fuzz: continuous fuzzing for open source software (project.yaml or CIFuzz).' },
  ];
  const breakdown = await languageBreakdown(repo, signal);
  for (const fuzzer of LANGUAGE_FUZZERS) {
    const candidates = fuzzer.languages.flatMap((language) => breakdown[language]?.files ?? []).filter((path) => !VENDORED.test(path));
    const extra = fuzzer.tool === 'cargo-fuzz' ? cargoFuzz : [];
    if (candidates.length === 0 && extra.length === 0) continue;
    const found: string[] = [...extra];
    for (const path of candidates) {
      signal.throwIfAborted();
      const text = await repo.readText(path);
      if (text.includes(fuzzer.hint) && fuzzer.pattern.test(text)) found.push(path);
    }
    findings.push({ tool: fuzzer.tool, found: found.length > 0, files: [...new Set(found)].sort(), description: fuzzer.description });
  }
  return findings;
}
