import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadShellSyntax } from './syntax.js';
import { mayMatter, scanScript } from './scan.js';

const HASH = '0123456789abcdef0123456789abcdef01234567';

async function rows(script: string, base = { start: 0, end: 0 }, tainted = new Set<string>()): Promise<[string, boolean, number, number, string][]> {
  const sh = await loadShellSyntax();
  return scanScript(sh, script, base, tainted).findings.map((f) => [f.kind, f.pinned, f.startLine, f.endLine, f.snippet]);
}

const verdicts = async (script: string): Promise<[string, boolean][]> => (await rows(script)).map(([kind, pinned]) => [kind, pinned]);

test('download piped to an interpreter, through lists, subshells, continuations and sudo', async () => {
  assert.deepEqual(await rows('curl -fsSL https://get.example.test/i.sh | sudo bash -s -- -y'), [['downloadThenRun', false, 1, 1, 'curl -fsSL https://get.example.test/i.sh | sudo bash -s -- -y']]);
  assert.deepEqual(await rows('echo start\necho a && \\\n  wget -qO- https://x.example.test/a | sh'), [['downloadThenRun', false, 3, 3, 'wget -qO- https://x.example.test/a | sh']]);
  assert.deepEqual((await rows('(cd /tmp; curl https://x.example.test/b | python3)')).map((r) => r[0]), ['downloadThenRun']);
  assert.deepEqual((await rows('if true; then curl -s u | bash; fi; x=$(curl -s u | sh)')).length, 2);
  // Piping into something that is not an interpreter, or only downloading, is not download-then-run.
  assert.deepEqual(await rows('curl -s https://x.example.test/j | jq .\ncurl -O https://x.example.test/x.tgz'), []);
  assert.deepEqual(await rows('# curl https://x | sh'), []);
});

test('process substitution: bash <(curl …)', async () => {
  assert.deepEqual(await verdicts('bash <(curl -s https://x.example.test/b)'), [['downloadThenRun', false]]);
  assert.deepEqual(await verdicts('echo hi; echo bla; bash <(wget -qO- https://x.example.test/c)'), [['downloadThenRun', false]]);
  assert.deepEqual(await verdicts('diff <(curl -s u1) <(curl -s u2)'), []);
});

test('heredoc bodies are data, not commands', async () => {
  assert.deepEqual(await rows('cat <<EOF > x.sh\ncurl https://x.example.test/z | sh\nEOF\n'), []);
});

test('download then run a file, across lines and across scans sharing taint', async () => {
  assert.deepEqual(await rows('curl https://x.example.test/f > /tmp/f && bash /tmp/f'), [['downloadThenRun', false, 1, 1, 'bash /tmp/f']]);
  assert.deepEqual(await verdicts('wget -O /tmp/g https://x.example.test/g\nchmod +x /tmp/g\n/tmp/g'), [['downloadThenRun', false]]);
  assert.deepEqual(await verdicts('wget https://x.example.test/dir/install.sh\nsh install.sh'), [['downloadThenRun', false]]);
  assert.deepEqual(await verdicts('gsutil cp gs://bucket/tool.sh .\nbash ./tool.sh'), [['downloadThenRun', false]]);
  assert.deepEqual(await verdicts('gsutil gs://bucket/exe3 /path/to/ && /path/to/exe3'), [['downloadThenRun', false]]);
  assert.deepEqual(await verdicts('gsutil gs://bucket/exe3 /path/to && /path/to/exe3'), []);
  assert.deepEqual(await verdicts('aws s3api get-object --bucket b --key k s3://b/k /tmp/t\nsh /tmp/t'), [['downloadThenRun', false]]);
  const tainted = new Set<string>();
  assert.deepEqual(await rows('curl -o /tmp/x https://x.example.test/x', { start: 4, end: 4 }, tainted), []);
  assert.deepEqual(await rows('bash /tmp/x', { start: 9, end: 9 }, tainted), [['downloadThenRun', false, 10, 10, 'bash /tmp/x']]);
  // Running a file nobody downloaded is not a finding.
  assert.deepEqual(await rows('bash ./build.sh'), []);
});

test('inline scripts: sh -c "…" is scanned, python -c is not', async () => {
  assert.deepEqual(await verdicts(`sudo sh -c 'pip install flask && npm ci'`), [['pipCommand', false], ['npmCommand', true]]);
  assert.deepEqual(await verdicts(`python3 -c "import os; os.system('pip install x')"`), []);
});

test('pip: hashes, wheels, editable installs from pinned commits', async () => {
  const table: [string, boolean][] = [
    ['pip install requests==2.31.0', false],
    ['pip install -r requirements.txt', false],
    ['pip3 install --require-hashes -r requirements.txt', true],
    ['python3 -m pip install --require-hashes -r r.txt', true],
    ['pip install dist/x-1.0-py3-none-any.whl', true],
    ['pip install x.whl requests', false],
    ['pip install --no-deps -e .', true],
    ['pip install -e .', false],
    [`pip install --no-deps -e git+https://example.test/r.git@${HASH}#egg=p`, true],
    [`pip install -e git+https://example.test/r.git@${HASH}#egg=p`, false],
    ['pip install --no-deps -e git+https://example.test/r.git@v1.0', false],
    [`pip install --no-deps -e hg+https://example.test/r@${HASH}`, false],
    ['python -m pip install --no-deps -e git+https://example.test/r.git', false],
  ];
  for (const [script, pinned] of table) assert.deepEqual(await verdicts(script), [['pipCommand', pinned]], script);
  assert.deepEqual(await verdicts('pip --version && pip freeze'), []);
});

test('npm, go, choco, nuget and dotnet', async () => {
  const table: [string, string, boolean][] = [
    ['npm install -g yarn@1.22.19', 'npmCommand', false],
    ['npm i', 'npmCommand', false],
    ['npm ci', 'npmCommand', true],
    ['go install golang.org/x/tools/cmd/goimports@latest', 'goCommand', false],
    ['go install honnef.co/go/tools/cmd/staticcheck@v0.4.7', 'goCommand', true],
    [`go get example.test/x/y@${HASH}`, 'goCommand', true],
    ['go get -insecure example.test/x/y@v1.2.3', 'goCommand', false],
    ['go get example.test/x/y', 'goCommand', false],
    ['go install ./cmd/tool', 'goCommand', true],
    ["choco install 'pkg'", 'chocoCommand', false],
    ["choco install --requirechecksums 'pkg'", 'chocoCommand', true],
    ['nuget install pkg', 'nugetCommand', false],
    ['nuget install pkg -Version 1.2.3', 'nugetCommand', true],
    ['nuget install packages.config', 'nugetCommand', true],
    ['dotnet add package pkg', 'nugetCommand', false],
    ['dotnet add package pkg --version 1.2.3', 'nugetCommand', true],
  ];
  for (const [script, kind, pinned] of table) assert.deepEqual(await verdicts(script), [[kind, pinned]], script);
  // `go install` with nothing after it reads go.mod and go.sum; `npm run` installs nothing.
  assert.deepEqual(await verdicts('go install && go build ./... && npm run build'), []);
});

test('a script that does not parse yields an error; other scripts still scan', async () => {
  const sh = await loadShellSyntax();
  const broken = scanScript(sh, 'curl u | sh\necho "unterminated', { start: 0, end: 0 }, new Set());
  assert.deepEqual(broken.findings, []);
  assert.match(broken.errors[0] ?? '', /^2:6: reached EOF without closing quote/);
  // An inline script that does not parse is noted; the outer script's findings stay.
  const inner = scanScript(sh, `sh -c 'if then'\ncurl u | sh`, { start: 0, end: 0 }, new Set());
  assert.equal(inner.findings.length, 1);
  assert.equal(inner.errors.length, 1);
});

test("Scorecard's line ranges: base plus the node's line; a joined RUN spans its instruction", async () => {
  assert.deepEqual((await rows('echo a && curl u | sh && pip install x', { start: 34, end: 36 })).map((r) => [r[0], r[2], r[3]]), [
    ['downloadThenRun', 35, 37],
    ['pipCommand', 35, 37],
  ]);
  // Workflow `run: |` on line 10: the script's second line is file line 12.
  assert.deepEqual((await rows('echo a\nnpm i', { start: 10, end: 10 })).map((r) => [r[2], r[3]]), [[12, 12]]);
});

test('mayMatter skips scripts that cannot yield anything, so the parser need not load', () => {
  assert.equal(mayMatter('echo hello && make test', new Set()), false);
  assert.equal(mayMatter('make && curl u | sh', new Set()), true);
  assert.equal(mayMatter('./tool', new Set(['tool'])), true);
  assert.equal(mayMatter('cargo build --release', new Set()), false);
});

test('loading the parser leaves no global behind', async () => {
  // GopherJS sets globalThis.require while it starts (ESM test processes have none); syntax.ts removes it.
  await loadShellSyntax();
  assert.equal(Object.prototype.hasOwnProperty.call(globalThis, 'require'), false);
});
