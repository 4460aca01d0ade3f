import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LIMITS,
  callbackUrlProblem,
  normaliseProjectUrl,
  projectUrlKind,
  projectUrlProblem,
  refProblem,
  repoNameFromUrl,
  versionFromMetadata,
  withoutCredentials,
} from './validation.js';

test('projectUrlProblem accepts https, http, ssh, git and scp-like URLs', () => {
  for (const url of [
    'https://github.com/acme/demo',
    'https://github.com/acme/demo.git',
    'http://gitee.com/acme/demo',
    'ssh://git@github.com/acme/demo.git',
    'git://git.kernel.org/pub/scm/git/git.git',
    'git@github.com:acme/demo.git',
    'https://user:token@example.com:8443/group/sub/repo',
  ]) {
    assert.equal(projectUrlProblem(url, false), null, url);
  }
});

test('projectUrlProblem rejects other schemes, options, spaces, empty and too-long URLs', () => {
  const cases: [string, RegExp][] = [
    ['', /must not be empty/],
    ['ftp://example.com/repo', /scheme "ftp" is not supported/],
    ['javascript:alert(1)', /scheme "javascript" is not supported/],
    ['data:text/plain,hi', /scheme "data" is not supported/],
    ['-uhttps://evil', /must not start with "-"/],
    ['--upload-pack=touch /tmp/x', /must not start with "-"/],
    ['https://github.com/acme/de mo', /spaces or control characters/],
    ['https://github.com/acme/demo\n', /spaces or control characters/],
    ['https://github.com/acme/\u0000demo', /spaces or control characters/],
    [`https://github.com/${'a'.repeat(LIMITS.urlLength)}`, /longer than 2048/],
    ['not a url', /spaces or control/],
    ['notaurl', /must be an https:\/\//],
    ['https://github.com/', /no repository path/],
    ['https://github.com', /no repository path/],
  ];
  for (const [url, message] of cases) {
    const problem = projectUrlProblem(url, false);
    assert.ok(problem, `${JSON.stringify(url)} should be rejected`);
    assert.match(problem, message, JSON.stringify(url));
  }
});

test('local paths and file:// URLs only when allowLocal', () => {
  for (const url of ['/srv/repos/demo', 'file:///srv/repos/demo', './demo', '../demo']) {
    assert.equal(projectUrlKind(url), 'local', url);
    assert.match(projectUrlProblem(url, false) ?? '', /allow_local_repos/, url);
    assert.equal(projectUrlProblem(url, true), null, url);
  }
  // allowLocal does not relax the other rules.
  assert.match(projectUrlProblem('-/x', true) ?? '', /must not start with "-"/);
  assert.match(projectUrlProblem('ftp://h/x', true) ?? '', /not supported/);
  assert.equal(projectUrlKind('https://github.com/acme/demo'), 'remote');
});

test('callbackUrlProblem accepts only http(s) URLs of sensible length', () => {
  assert.equal(callbackUrlProblem('https://compass.example/api/callback'), null);
  assert.equal(callbackUrlProblem('http://127.0.0.1:8080/cb?x=1'), null);
  for (const url of ['ftp://x', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', '', 'gopher://h/']) {
    assert.match(callbackUrlProblem(url) ?? '', /must be an http:\/\/ or https:\/\/ URL/, url);
  }
  assert.match(callbackUrlProblem(`https://h/${'a'.repeat(LIMITS.urlLength)}`) ?? '', /longer than/);
});

test('refProblem accepts tags, branches and hashes; rejects options and git syntax', () => {
  for (const ref of ['v1.2.3', 'release/2024-01', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', 'HEAD', 'feature_x', '1.0.0-rc.1']) {
    assert.equal(refProblem('commit_hash', ref), null, ref);
  }
  const cases: [string, RegExp][] = [
    ['', /commit_hash must not be empty/],
    ['-x', /must not start with "-"/],
    ['--upload-pack=x', /must not start with "-"/],
    ['a b', /not a valid git/],
    ['a..b', /not a valid git/],
    ['HEAD~1', /not a valid git/],
    ['HEAD^', /not a valid git/],
    ['a:b', /not a valid git/],
    ['a?', /not a valid git/],
    ['a*', /not a valid git/],
    ['a[b', /not a valid git/],
    ['a\\b', /not a valid git/],
    ['a@{1}', /not a valid git/],
    ['x'.repeat(LIMITS.refLength + 1), /longer than 256/],
  ];
  for (const [ref, message] of cases) assert.match(refProblem('commit_hash', ref) ?? '', message, JSON.stringify(ref));
  assert.match(refProblem('task_metadata.version_number', '-v') ?? '', /^task_metadata\.version_number /);
});

test('normaliseProjectUrl removes one trailing .git only', () => {
  const cases: [string, string][] = [
    ['https://github.com/acme/demo.git', 'https://github.com/acme/demo'],
    ['https://github.com/acme/demo', 'https://github.com/acme/demo'],
    ['https://github.com/acme/demo.git.git', 'https://github.com/acme/demo.git'],
    ['https://github.com/acme/foo.github.io', 'https://github.com/acme/foo.github.io'],
    ['https://github.com/acme/foo.github.io.git', 'https://github.com/acme/foo.github.io'],
    ['https://git.example.com/acme.git/demo', 'https://git.example.com/acme.git/demo'],
    ['git@github.com:acme/demo.git', 'git@github.com:acme/demo'],
  ];
  for (const [input, expected] of cases) assert.equal(normaliseProjectUrl(input), expected, input);
});

test('repoNameFromUrl is the last path segment without .git, made safe for file names', () => {
  const cases: [string, string][] = [
    ['https://github.com/acme/demo', 'demo'],
    ['https://github.com/acme/demo.git', 'demo'],
    ['https://github.com/acme/demo/', 'demo'],
    ['https://github.com/acme/foo.github.io', 'foo.github.io'],
    ['git@github.com:acme/demo.git', 'demo'],
    ['git@github.com:demo.git', 'demo'],
    ['https://github.com/acme/demo?tab=readme#top', 'demo'],
    ['/srv/repos/my repo', 'my_repo'],
    ['file:///srv/repos/demo', 'demo'],
    ['https://github.com/acme/.git', 'repo'],
  ];
  for (const [input, expected] of cases) assert.equal(repoNameFromUrl(input), expected, input);
});

test('versionFromMetadata: "None", empty and absent are null; other values are trimmed strings', () => {
  assert.equal(versionFromMetadata({}), null);
  assert.equal(versionFromMetadata({ version_number: null }), null);
  assert.equal(versionFromMetadata({ version_number: 'None' }), null);
  assert.equal(versionFromMetadata({ version_number: '  ' }), null);
  assert.equal(versionFromMetadata({ version_number: ' v1.0 ' }), 'v1.0');
  assert.equal(versionFromMetadata({ version_number: 2 }), '2');
});

test('withoutCredentials hides user and token in URLs and leaves the rest alone', () => {
  assert.equal(withoutCredentials('https://user:ghp_secret@github.com/a/b'), 'https://***@github.com/a/b');
  assert.equal(withoutCredentials('https://oauth2@gitlab.com/a/b.git'), 'https://***@gitlab.com/a/b.git');
  assert.equal(withoutCredentials('https://github.com/a/b'), 'https://github.com/a/b');
  assert.equal(withoutCredentials('git@github.com:a/b.git'), 'git@github.com:a/b.git');
  assert.equal(withoutCredentials('/srv/repos/x'), '/srv/repos/x');
});
