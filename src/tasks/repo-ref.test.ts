import { test } from 'node:test';
import assert from 'node:assert/strict';
import { folderRepoRef, parseRepoRef, type RepoRef } from './repo-ref.js';

type Expected = Omit<RepoRef, 'submittedUrl'>;

test('a project URL in every accepted form becomes one repository reference', () => {
  const cases: [string, Expected][] = [
    [
      'https://github.com/acme/demo.git',
      { local: false, forge: 'github', host: 'github.com', owner: 'acme', name: 'demo', cloneUrl: 'https://github.com/acme/demo.git', projectUrl: 'https://github.com/acme/demo', repoName: 'demo', redacted: 'https://github.com/acme/demo.git' },
    ],
    [
      'https://www.github.com/acme/foo.github.io',
      { local: false, forge: 'github', host: 'www.github.com', owner: 'acme', name: 'foo.github.io', cloneUrl: 'https://www.github.com/acme/foo.github.io', projectUrl: 'https://www.github.com/acme/foo.github.io', repoName: 'foo.github.io', redacted: 'https://www.github.com/acme/foo.github.io' },
    ],
    [
      'git@gitee.com:openharmony/aafwk_lite.git',
      { local: false, forge: 'gitee', host: 'gitee.com', owner: 'openharmony', name: 'aafwk_lite', cloneUrl: 'git@gitee.com:openharmony/aafwk_lite.git', projectUrl: 'git@gitee.com:openharmony/aafwk_lite', repoName: 'aafwk_lite', redacted: 'git@gitee.com:openharmony/aafwk_lite.git' },
    ],
    [
      'ssh://git@gitcode.com:2222/acme/demo.git',
      { local: false, forge: 'gitcode', host: 'gitcode.com', owner: 'acme', name: 'demo', cloneUrl: 'ssh://git@gitcode.com:2222/acme/demo.git', projectUrl: 'ssh://git@gitcode.com:2222/acme/demo', repoName: 'demo', redacted: 'ssh://***@gitcode.com:2222/acme/demo.git' },
    ],
    [
      'https://oauth2:glpat-secret@gitlab.example.com/group/sub/repo.git',
      { local: false, forge: 'other', host: 'gitlab.example.com', owner: 'group/sub', name: 'repo', cloneUrl: 'https://oauth2:glpat-secret@gitlab.example.com/group/sub/repo.git', projectUrl: 'https://oauth2:glpat-secret@gitlab.example.com/group/sub/repo', repoName: 'repo', redacted: 'https://***@gitlab.example.com/group/sub/repo.git' },
    ],
    [
      'git://git.kernel.org/pub/scm/git/git.git',
      { local: false, forge: 'other', host: 'git.kernel.org', owner: 'pub/scm/git', name: 'git', cloneUrl: 'git://git.kernel.org/pub/scm/git/git.git', projectUrl: 'git://git.kernel.org/pub/scm/git/git', repoName: 'git', redacted: 'git://git.kernel.org/pub/scm/git/git.git' },
    ],
    [
      // A forge URL that names no single repository keeps its forge, without owner and name.
      'https://github.com/acme/demo/tree/main',
      { local: false, forge: 'github', host: 'github.com', owner: null, name: null, cloneUrl: 'https://github.com/acme/demo/tree/main', projectUrl: 'https://github.com/acme/demo/tree/main', repoName: 'main', redacted: 'https://github.com/acme/demo/tree/main' },
    ],
    [
      'file:///srv/repos/demo.git',
      { local: true, forge: 'other', host: '', owner: null, name: 'demo', cloneUrl: '/srv/repos/demo.git', projectUrl: 'file:///srv/repos/demo', repoName: 'demo', redacted: 'file:///srv/repos/demo.git' },
    ],
    [
      '/srv/repos/my repo',
      { local: true, forge: 'other', host: '', owner: null, name: 'my repo', cloneUrl: '/srv/repos/my repo', projectUrl: '/srv/repos/my repo', repoName: 'my_repo', redacted: '/srv/repos/my repo' },
    ],
  ];
  for (const [url, expected] of cases) assert.deepEqual(parseRepoRef(url), { submittedUrl: url, ...expected }, url);
});

test('a file: URL Node cannot map to a path is handed to git as written', () => {
  assert.equal(parseRepoRef('file://elsewhere/srv/demo').cloneUrl, 'file://elsewhere/srv/demo');
});

test('a folder read in place keeps its own name, unchanged', () => {
  assert.deepEqual(folderRepoRef('/home/me/my tool'), {
    submittedUrl: '/home/me/my tool',
    local: true,
    forge: 'other',
    host: '',
    owner: null,
    name: 'my tool',
    cloneUrl: '/home/me/my tool',
    projectUrl: '/home/me/my tool',
    repoName: 'my tool',
    redacted: '/home/me/my tool',
  });
});
