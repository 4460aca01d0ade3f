import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packageNameFromUrl, repositoryKey, repositoryMatch, summariseDownloads, summariseGitCodeDownloads } from './evaluate.js';

void test('the package name is the last path segment of the project URL', () => {
  for (const [url, name] of [
    ['https://github.com/jupyterhub/configurable-http-proxy', 'configurable-http-proxy'],
    ['https://github.com/acme/demo.git', 'demo'],
    ['https://gitee.com/acme/demo/', 'demo'],
    ['git@github.com:acme/demo.git', 'demo'],
    ['https://github.com/acme/', 'acme'],
  ] as const) {
    assert.equal(packageNameFromUrl(url), name, url);
  }
  assert.equal(packageNameFromUrl('https://github.com/'), null);
  assert.equal(packageNameFromUrl('https://example.test/a/%20bad'), null);
});

void test('repository references in every npm form reduce to host/owner/repo', () => {
  const expected = 'github.com/jupyterhub/configurable-http-proxy';
  for (const reference of [
    { type: 'git', url: 'git+https://github.com/jupyterhub/configurable-http-proxy.git' },
    'git://github.com/jupyterhub/configurable-http-proxy.git',
    'git+ssh://git@github.com/jupyterhub/configurable-http-proxy.git',
    'git@github.com:jupyterhub/configurable-http-proxy.git',
    'github:jupyterhub/configurable-http-proxy',
    'jupyterhub/configurable-http-proxy',
    'https://www.github.com/JupyterHub/configurable-http-proxy/tree/main/packages/x',
  ]) {
    assert.equal(repositoryKey(reference), expected, JSON.stringify(reference));
  }
  assert.equal(repositoryKey('gitlab:acme/demo'), 'gitlab.com/acme/demo');
  assert.equal(repositoryKey(null), null);
  assert.equal(repositoryKey({ type: 'git' }), null);
  assert.equal(repositoryKey('not a url'), null);
});

void test('a package whose repository is another project is a name collision', () => {
  const project = 'https://github.com/jupyterhub/configurable-http-proxy';
  assert.equal(repositoryMatch({ url: 'git+https://github.com/jupyterhub/configurable-http-proxy.git' }, project), 'same');
  assert.equal(repositoryMatch({ url: 'git+https://github.com/someone-else/configurable-http-proxy.git' }, project), 'different');
  assert.equal(repositoryMatch(undefined, project), 'unknown');
});

void test('downloads: sum of days and the first/last day, whatever the order; nothing is 0 and ""', () => {
  assert.deepEqual(
    summariseDownloads({
      start: '2026-10-26',
      end: '2026-10-28',
      downloads: [
        { day: '2026-10-27', downloads: 2 },
        { day: '2026-10-26', downloads: 1 },
        { day: '2026-10-28', downloads: 3 },
      ],
    }),
    { down_count: 6, day_enter: '2026-10-26 - 2026-10-28' },
  );
  assert.deepEqual(summariseDownloads({ start: '2026-10-26', end: '2026-11-24', downloads: [] }), { down_count: 0, day_enter: '2026-10-26 - 2026-11-24' });
  assert.deepEqual(summariseDownloads(null), { down_count: 0, day_enter: '' });
  assert.deepEqual(
    summariseGitCodeDownloads({ download_statistics_detail: [{ pdate: '2024-11-26', today_dl_cnt: 0 }, { pdate: '2024-11-16', today_dl_cnt: 5 }, { pdate: '2024-11-21', today_dl_cnt: 2 }] }),
    { down_count: 7, day_enter: '2024-11-16 - 2024-11-26' },
  );
  assert.deepEqual(summariseGitCodeDownloads({}), { down_count: 0, day_enter: '' });
});
