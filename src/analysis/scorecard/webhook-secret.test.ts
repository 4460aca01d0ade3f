import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hookHasSecret, maskHook, maskUrl } from './webhook-secret.js';

void test('Gitee/GitCode passwords are masked as upstream did; empty ones stay empty', () => {
  assert.deepEqual(maskHook({ id: 1, password: 's3cr3t', url: 'https://ci.example.com/hook', push_events: true }), { id: 1, password: '******', url: 'https://ci.example.com/hook', push_events: true });
  assert.deepEqual(maskHook({ id: 2, password: '' }), { id: 2, password: '' });
});

void test('GitHub config secrets and credentials inside target URLs are masked', () => {
  assert.deepEqual(maskHook({ config: { secret: 'abc', url: 'https://bot:pa55@ci.example.com/hook?token=xyz&project=demo', content_type: 'json' } }), {
    config: { secret: '******', url: 'https://******:******@ci.example.com/hook?token=******&project=demo', content_type: 'json' },
  });
  assert.equal(maskUrl('not a url'), 'not a url');
  assert.equal(maskUrl('https://ci.example.com/hook?project=demo'), 'https://ci.example.com/hook?project=demo');
});

void test('a hook has a secret when GitHub reports config.secret or Gitee a non-empty password', () => {
  assert.equal(hookHasSecret({ config: { secret: '********' } }), true);
  assert.equal(hookHasSecret({ config: { url: 'x' } }), false);
  assert.equal(hookHasSecret({ password: 'x' }), true);
  assert.equal(hookHasSecret({ password: '' }), false);
});
