import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRepoUrl, platformForHost, RepoUrlError } from './repo-url.js';

void test('the forms people paste all name the same repository', () => {
  const forms: Array<[string, string, string, string]> = [
    ['https://github.com/acme/demo', 'github', 'acme', 'demo'],
    ['https://github.com/acme/demo.git', 'github', 'acme', 'demo'],
    ['https://github.com/acme/demo/', 'github', 'acme', 'demo'],
    ['https://github.com/acme/demo.git/', 'github', 'acme', 'demo'],
    ['https://www.github.com/acme/demo', 'github', 'acme', 'demo'],
    ['http://github.com/acme/demo', 'github', 'acme', 'demo'],
    ['  https://GitHub.com/acme/demo  ', 'github', 'acme', 'demo'],
    ['git@github.com:acme/demo.git', 'github', 'acme', 'demo'],
    ['git@gitee.com:openharmony/aafwk_lite.git', 'gitee', 'openharmony', 'aafwk_lite'],
    ['ssh://git@gitcode.com/acme/demo.git', 'gitcode', 'acme', 'demo'],
    ['ssh://git@github.com:22/acme/demo', 'github', 'acme', 'demo'],
    ['git+ssh://git@github.com/acme/demo.git', 'github', 'acme', 'demo'],
    ['https://gitee.com/openharmony/docs', 'gitee', 'openharmony', 'docs'],
    ['https://gitcode.com/rust-learning/serde', 'gitcode', 'rust-learning', 'serde'],
    // Upstream's `.replace(".git", "")` turned this into "foohub.io".
    ['https://github.com/acme/foo.github.io', 'github', 'acme', 'foo.github.io'],
    ['https://user:secret@github.com/acme/demo.git', 'github', 'acme', 'demo'],
  ];
  for (const [url, platform, owner, repo] of forms) {
    assert.deepEqual(parseRepoUrl(url), { platform, owner, repo }, url);
  }
});

void test('other hosts, other shapes and other schemes are refused with a reason', () => {
  const refused: Array<[string, RegExp]> = [
    ['https://gitlab.com/acme/demo', /^Unsupported platform for URL: https:\/\/gitlab\.com\/acme\/demo/],
    ['https://github.com.evil.example/acme/demo', /Unsupported platform/],
    ['https://github.com/acme', /expected https:\/\/github\.com\/<owner>\/<repo>/],
    ['https://github.com/acme/demo/tree/main', /expected/],
    ['https://github.com/../demo', /expected/],
    ['ftp://github.com/acme/demo', /unsupported URL scheme ftp/],
    ['/srv/repos/demo', /not a repository URL/],
    ['', /not a repository URL/],
  ];
  for (const [url, message] of refused) {
    assert.throws(() => parseRepoUrl(url), (err: unknown) => err instanceof RepoUrlError && message.test(err.message), url);
  }
});

void test('credentials in a refused URL do not reach the message', () => {
  assert.throws(() => parseRepoUrl('https://user:hunter2@gitlab.com/acme/demo'), (err: unknown) => err instanceof Error && !err.message.includes('hunter2'));
});

void test('a host names its forge, with or without www. and in any case; other hosts none', () => {
  assert.equal(platformForHost('github.com'), 'github');
  assert.equal(platformForHost('WWW.Gitee.com'), 'gitee');
  assert.equal(platformForHost('gitcode.com'), 'gitcode');
  assert.equal(platformForHost('gitlab.com'), null);
  assert.equal(platformForHost('github.com.evil.example'), null);
  assert.equal(platformForHost(''), null);
});

void test('a local path or file: URL is not a forge repository', () => {
  assert.throws(() => parseRepoUrl('./demo'), /not a repository URL/);
  assert.throws(() => parseRepoUrl('file:///srv/demo'), /unsupported URL scheme file/);
});
