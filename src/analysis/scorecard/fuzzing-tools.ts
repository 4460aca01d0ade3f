/**
 * Fuzzing tools and how their use shows in a repository, after Scorecard's Fuzzing check (ClusterFuzzLite,
 * OSS-Fuzz, and per-language fuzz functions: Go native fuzzing, libFuzzer, Atheris, cargo-fuzz, Jazzer,
 * fast-check, Haskell and Erlang property testing). Language tools are matched only in files of the languages
 * Linguist finds in the repository, which is also how Scorecard chooses the patterns to run.
 */

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
