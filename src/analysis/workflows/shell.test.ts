import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shellDependencies } from './shell.js';

const rows = (script: string): [string, string, string, boolean, number][] =>
  shellDependencies(script).map((d) => [d.kind, d.name, d.version, d.pinned, d.line]);

test('download piped to an interpreter', () => {
  assert.deepEqual(rows('curl -fsSL https://get.example.test/install.sh | sudo bash -s -- -y'), [['downloadThenRun', 'https://get.example.test/install.sh', '', false, 0]]);
  assert.deepEqual(rows('echo start\nwget -O- https://x.example.test/a \\\n  | sh'), [['downloadThenRun', 'https://x.example.test/a', '', false, 1]]);
  assert.deepEqual(rows('bash <(curl -s https://x.example.test/b)').map((r) => r[0]), ['downloadThenRun']);
  assert.deepEqual(rows('sh -c "$(curl -fsSL https://x.example.test/c)"').map((r) => [r[0], r[1]]), [['downloadThenRun', 'https://x.example.test/c']]);
  // Downloading to a file, or piping into something that is not an interpreter, is not download-then-run.
  assert.deepEqual(rows('curl -o x.tgz https://x.example.test/x.tgz\ncurl -s https://x.example.test/j | jq .'), []);
  assert.deepEqual(rows('# curl https://x | sh'), []);
});

test('go install and go get', () => {
  assert.deepEqual(rows('go install golang.org/x/tools/cmd/goimports@latest'), [['goCommand', 'golang.org/x/tools/cmd/goimports', 'latest', false, 0]]);
  assert.deepEqual(rows('go install honnef.co/go/tools/cmd/staticcheck@v0.4.7 && go install ./cmd/...'), [['goCommand', 'honnef.co/go/tools/cmd/staticcheck', 'v0.4.7', true, 0]]);
  assert.deepEqual(rows(`go install example.test/x@${'a'.repeat(40)}`)[0]?.[3], true);
  assert.deepEqual(rows('go get example.test/y'), [['goCommand', 'example.test/y', '', false, 0]]);
  assert.deepEqual(rows('go install a.test/x@v1.0.0 b.test/y@main'), [['goCommand', 'a.test/x b.test/y', '', false, 0]]);
});

test('pip install', () => {
  // One dependency per command, as Scorecard counts them.
  assert.deepEqual(rows('pip install requests==2.31.0 flask'), [['pipCommand', 'requests flask', '', false, 0]]);
  assert.deepEqual(rows('pip install requests==2.31.0'), [['pipCommand', 'requests', '2.31.0', false, 0]]);
  assert.deepEqual(rows('python3 -m pip install --require-hashes -r requirements.txt'), [['pipCommand', 'requirements.txt', '', true, 0]]);
  assert.deepEqual(rows('pip install -e . && pip install dist/x-1.0-py3-none-any.whl').map((r) => r[3]), [true, true]);
  assert.deepEqual(rows('pip --version'), []);
});

test('npm install and npm ci', () => {
  assert.deepEqual(rows('npm install -g yarn@1.22.19'), [['npmCommand', 'yarn@1.22.19', '1.22.19', false, 0]]);
  assert.deepEqual(rows('npm ci'), [['npmCommand', '(package.json)', '', true, 0]]);
  assert.deepEqual(rows('FOO=1 npm i; npm run build'), [['npmCommand', '(package.json)', '', false, 0]]);
  assert.deepEqual(rows('echo "${{ github.event.issue.title }}" && npm test'), []);
});
