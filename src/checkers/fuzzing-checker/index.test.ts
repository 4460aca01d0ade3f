import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { checker } from './index.js';

type Finding = { tool: string; found: boolean; files: string[] };

test('finds fuzzers of each kind in the languages present', async () => {
  const repo = await makeRepo({
    '.clusterfuzzlite/Dockerfile': '# Copyright 2024\nFROM gcr.io/oss-fuzz-base/base-builder-go\nCOPY . $SRC/demo\n',
    'parse/parse.go': 'package parse\n\nfunc Parse(b []byte) int { return len(b) }\n',
    'parse/parse_test.go': 'package parse\n\nimport "testing"\n\nfunc FuzzParse(f *testing.F) {\n\tf.Fuzz(func(t *testing.T, b []byte) { Parse(b) })\n}\n',
    'parse/other_test.go': 'package parse\n\nimport "testing"\n\nfunc TestParse(t *testing.T) {}\n',
    'native/fuzz.cc': '#include <cstdint>\nextern "C" int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }\n',
    'py/fuzz_x.py': 'import sys\nimport atheris\n\natheris.Setup(sys.argv, lambda d: None)\n',
    'js/prop.test.js': "const fc = require('fast-check');\nfc.assert(fc.property(fc.string(), (s) => s.length >= 0));\n",
    'fuzz/Cargo.toml': '[package]\nname = "demo-fuzz"\n\n[package.metadata]\ncargo-fuzz = true\n\n[dependencies]\nlibfuzzer-sys = "0.4"\n',
    'projects/demo/project.yaml': 'homepage: "https://example.test"\nlanguage: go\nmain_repo: "https://example.test/demo"\n',
    'node_modules/fc/x.js': "require('fast-check')\n",
  });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as Finding[];
    const byTool = new Map(result.map((f) => [f.tool, f]));
    assert.deepEqual(result.slice(0, 2).map((f) => f.tool), ['ClusterFuzzLite', 'OSS-Fuzz']);
    assert.deepEqual(byTool.get('ClusterFuzzLite')?.files, ['demo/.clusterfuzzlite/Dockerfile']);
    assert.deepEqual(byTool.get('OSS-Fuzz')?.files, ['demo/projects/demo/project.yaml']);
    assert.deepEqual(byTool.get('GO NATIVE')?.files, ['demo/parse/parse_test.go']);
    assert.deepEqual(byTool.get('LibFuzzer')?.files, ['demo/native/fuzz.cc']);
    assert.deepEqual(byTool.get('Atheris')?.files, ['demo/py/fuzz_x.py']);
    assert.deepEqual(byTool.get('fast-check')?.files, ['demo/js/prop.test.js']);
    assert.deepEqual(byTool.get('cargo-fuzz')?.files, ['demo/fuzz/Cargo.toml']);
    assert.equal(byTool.get('Jazzer.js')?.found, false);
    // No Java or Haskell in the repository: their fuzzers are not listed.
    assert.equal(byTool.has('Jazzer'), false);
    assert.equal(byTool.has('Haskell property testing'), false);
  } finally {
    await repo.cleanup();
  }
});

test('a repository without fuzzing, and a comment-only ClusterFuzzLite Dockerfile', async () => {
  const repo = await makeRepo({
    '.clusterfuzzlite/Dockerfile': '# TODO\n',
    'main.go': 'package main\n\nfunc main() {}\n',
    'main_test.go': 'package main\n\nimport "testing"\n\nfunc TestMain2(t *testing.T) {}\n',
  });
  try {
    const result = (await checker.run(makeContext(repo.view))) as unknown as Finding[];
    assert.deepEqual(result.map((f) => [f.tool, f.found]), [['ClusterFuzzLite', false], ['OSS-Fuzz', false], ['GO NATIVE', false]]);
  } finally {
    await repo.cleanup();
  }
});
