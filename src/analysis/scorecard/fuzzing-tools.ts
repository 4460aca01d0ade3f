/**
 * Fuzzing tools and how their use shows in a repository, after Scorecard's Fuzzing check (ClusterFuzzLite,
 * OSS-Fuzz, and per-language fuzz functions: Go native fuzzing, libFuzzer, Atheris, cargo-fuzz, Jazzer,
 * fast-check, Haskell and Erlang property testing). Language tools are matched only in files of the languages
 * Linguist finds in the repository, which is also how Scorecard chooses the patterns to run. `findFuzzers`
 * applies the rules to a repository: the fact fuzzing-checker reports and Scorecard's Fuzzing scores.
 */
import { languageBreakdown } from '../languages/breakdown.js';
import { loadWorkflows } from '../workflows/load.js';
import type { RepoView } from '../../lib/repo/repo-view.js';

export interface LanguageFuzzer {
  readonly tool: string;
  /** Linguist language names whose files may hold the harness. */
  readonly languages: readonly string[];
  /** A cheap substring every matching file contains (skips the regex on most files). */
  readonly hint: string;
  readonly pattern: RegExp;
  readonly description: string;
}

export const LANGUAGE_FUZZERS: readonly LanguageFuzzer[] = [
  {
    tool: 'GO NATIVE',
    languages: ['Go'],
    hint: 'testing.F',
    pattern: /func\s+Fuzz\w+\s*\(\w+\s+\*testing\.F\)/,
    description: 'Go native fuzzing (go test -fuzz): fuzz targets in _test.go files.',
  },
  {
    tool: 'LibFuzzer',
    languages: ['C', 'C++', 'Objective-C', 'Objective-C++', 'Swift'],
    hint: 'LLVMFuzzerTestOneInput',
    pattern: /\bLLVMFuzzerTestOneInput\b/,
    description: 'libFuzzer harnesses (LLVMFuzzerTestOneInput), as used by OSS-Fuzz and ClusterFuzzLite.',
  },
  {
    tool: 'Atheris',
    languages: ['Python'],
    hint: 'atheris',
    pattern: /^\s*(import\s+atheris\b|from\s+atheris\s+import\b)/m,
    description: 'Atheris, the coverage-guided Python fuzzer.',
  },
  {
    tool: 'cargo-fuzz',
    languages: ['Rust'],
    hint: 'fuzz',
    pattern: /\blibfuzzer_sys\b|\bfuzz_target!\s*\(/,
    description: 'cargo-fuzz (libfuzzer-sys) fuzz targets for Rust.',
  },
  {
    tool: 'Jazzer',
    languages: ['Java', 'Kotlin'],
    hint: 'jazzer',
    pattern: /com\.code_intelligence\.jazzer/,
    description: 'Jazzer, the coverage-guided JVM fuzzer (FuzzedDataProvider, @FuzzTest).',
  },
  {
    tool: 'Jazzer.js',
    languages: ['JavaScript', 'TypeScript'],
    hint: '@jazzer.js',
    pattern: /['"]@jazzer\.js\/(core|jest-runner)['"]/,
    description: 'Jazzer.js, the coverage-guided JavaScript fuzzer.',
  },
  {
    tool: 'fast-check',
    languages: ['JavaScript', 'TypeScript'],
    hint: 'fast-check',
    pattern: /from\s+['"]fast-check['"]|require\(\s*['"]fast-check['"]\s*\)|import\(\s*['"]fast-check['"]\s*\)/,
    description: 'fast-check property-based testing for JavaScript and TypeScript.',
  },
  {
    tool: 'Haskell property testing',
    languages: ['Haskell', 'Literate Haskell'],
    hint: 'import',
    pattern: /^>?\s*import\s+(qualified\s+)?Test\.((Hspec|Tasty)\.)?(QuickCheck|Hedgehog|Validity|SmallCheck)\b/m,
    description: 'Property-based testing for Haskell (QuickCheck, Hedgehog, validity, SmallCheck).',
  },
  {
    tool: 'Erlang property testing',
    languages: ['Erlang', 'Elixir'],
    hint: 'include',
    pattern: /-include_lib\(\s*"(proper|eqc|triq)\/include\//,
    description: 'Property-based testing for Erlang (PropEr, QuickCheck, Triq).',
  },
];

/** `.clusterfuzzlite/Dockerfile` with a FROM instruction (a file of comments only configures nothing). */
export function isClusterFuzzLiteDockerfile(text: string): boolean {
  return /^\s*FROM\s+\S/im.test(text);
}

/** An OSS-Fuzz project definition (projects/<name>/project.yaml) kept in the repository. */
export function isOssFuzzProjectYaml(text: string): boolean {
  return /^main_repo\s*:/m.test(text) || (/^language\s*:/m.test(text) && /^(fuzzing_engines|sanitizers|primary_contact)\s*:/m.test(text));
}

/** CIFuzz, OSS-Fuzz's CI integration, in a workflow step. */
export const CIFUZZ_ACTION = /^google\/oss-fuzz\/infra\/cifuzz\/actions\/(build|run)_fuzzers/i;

/** cargo-fuzz's crate: `fuzz/Cargo.toml` with its metadata flag or the libfuzzer-sys dependency. */
export function isCargoFuzzManifest(text: string): boolean {
  return /cargo-fuzz\s*=\s*true/.test(text) || /^libfuzzer-sys\s*=/m.test(text);
}

export interface FuzzerFinding {
  tool: string;
  found: boolean;
  /** Repository-relative paths, sorted. */
  files: string[];
  description: string;
}

const VENDORED = /(^|\/)(node_modules|vendor|third_party)\//;

/**
 * Every fuzzer check: ClusterFuzzLite and OSS-Fuzz always, then one entry per fuzzer of each language present.
 * Computed once per repository view.
 */
export function findFuzzers(repo: RepoView, signal: AbortSignal): Promise<FuzzerFinding[]> {
  return repo.memo('fuzzing:findings:v1', () => collectFuzzers(repo, signal));
}

async function collectFuzzers(repo: RepoView, signal: AbortSignal): Promise<FuzzerFinding[]> {
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
