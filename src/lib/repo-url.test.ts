import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLocalLocation, splitRepoUrl, type RepoUrlParts } from './repo-url.js';

const parts = (syntax: RepoUrlParts['syntax'], scheme: string | null, user: string | null, host: string, port: string | null, path: string): RepoUrlParts => ({
  syntax,
  scheme,
  user,
  host,
  port,
  path,
});

test('every form of repository location splits into its parts', () => {
  const cases: [string, RepoUrlParts][] = [
    ['git@github.com:acme/demo.git', parts('scp', null, 'git', 'github.com', null, 'acme/demo.git')],
    ['git@gitee.com:openharmony/aafwk_lite.git', parts('scp', null, 'git', 'gitee.com', null, 'openharmony/aafwk_lite.git')],
    ['deploy.bot@git.example.com:group/sub/repo', parts('scp', null, 'deploy.bot', 'git.example.com', null, 'group/sub/repo')],
    ['ssh://git@github.com/acme/demo.git', parts('url', 'ssh', 'git', 'github.com', null, '/acme/demo.git')],
    ['ssh://git@gitcode.com:2222/acme/demo', parts('url', 'ssh', 'git', 'gitcode.com', '2222', '/acme/demo')],
    ['git+ssh://git@github.com/acme/demo.git', parts('url', 'git+ssh', 'git', 'github.com', null, '/acme/demo.git')],
    ['https://user:ghp_secret@github.com/acme/demo.git', parts('url', 'https', 'user', 'github.com', null, '/acme/demo.git')],
    ['HTTPS://GitHub.com/acme/demo', parts('url', 'https', null, 'github.com', null, '/acme/demo')],
    ['http://gitee.com:8080/acme/demo', parts('url', 'http', null, 'gitee.com', '8080', '/acme/demo')],
    ['git://git.kernel.org/pub/scm/git/git.git', parts('url', 'git', null, 'git.kernel.org', null, '/pub/scm/git/git.git')],
    ['ftp://example.com/repo', parts('url', 'ftp', null, 'example.com', null, '/repo')],
    // Without a user, `name:rest` is a URL with the scheme `name`, never scp-like.
    ['javascript:alert(1)', parts('url', 'javascript', null, '', null, 'alert(1)')],
    ['github.com:acme/demo', parts('url', 'github.com', null, '', null, 'acme/demo')],
    ['file:///srv/repos/demo', parts('local', 'file', null, '', null, '/srv/repos/demo')],
    ['/srv/repos/demo', parts('local', null, null, '', null, '/srv/repos/demo')],
    ['./demo', parts('local', null, null, '', null, './demo')],
    ['../demo', parts('local', null, null, '', null, '../demo')],
  ];
  for (const [text, expected] of cases) assert.deepEqual(splitRepoUrl(text), expected, text);
});

test('text that is no location at all is null; `user@host://` is a URL attempt, not scp-like', () => {
  for (const text of ['', 'notaurl', 'not a url', 'git@github.com://acme/demo']) assert.equal(splitRepoUrl(text), null, text);
  // Host names hold letters, digits, dots and dashes only.
  assert.equal(splitRepoUrl('git@git_hub.com:acme/demo')?.syntax, undefined);
});

test('local locations: absolute and ./ ../ paths and file: URLs', () => {
  for (const text of ['/srv/x', './x', '../x', 'file:///srv/x', 'file:x']) assert.equal(isLocalLocation(text), true, text);
  for (const text of ['x', 'git@github.com:a/b', 'https://github.com/a/b', '.x']) assert.equal(isLocalLocation(text), false, text);
});
