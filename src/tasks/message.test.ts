import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage } from './task-input.js';

const upstream = {
  command_list: ['readme-checker', 'osv-scanner'],
  project_url: 'https://github.com/acme/demo.git',
  commit_hash: null,
  access_token: null,
  callback_url: 'https://compass.example/api/callback',
  task_metadata: { version_number: 'None', opencheck_id: 42 },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('an upstream message without task_id is accepted and given a uuid', () => {
  const parsed = parseMessage(JSON.stringify(upstream), false);
  assert.equal(parsed.ok, true);
  if (!parsed.ok) return;
  assert.match(parsed.message.task_id, UUID);
  assert.deepEqual(parsed.message.command_list, upstream.command_list);
  assert.equal(parsed.message.project_url, upstream.project_url);
  assert.deepEqual(parsed.message.task_metadata, upstream.task_metadata);
  assert.equal(parsed.message.callback_url, upstream.callback_url);
  assert.equal(parsed.message.commit_hash, null);
  assert.equal(parsed.message.access_token, null);
  const again = parseMessage(JSON.stringify(upstream), false);
  assert.ok(again.ok && again.message.task_id !== parsed.message.task_id, 'a fresh id each time');
});

test('our message keeps its task_id; absent optional keys default; empty strings become null', () => {
  const parsed = parseMessage(JSON.stringify({ project_url: 'git@github.com:acme/demo.git', task_id: 'abc-123', commit_hash: '', access_token: 'tok', callback_url: '' }), false);
  assert.equal(parsed.ok, true);
  if (!parsed.ok) return;
  assert.equal(parsed.message.task_id, 'abc-123');
  assert.deepEqual(parsed.message.command_list, []);
  assert.deepEqual(parsed.message.task_metadata, {});
  assert.equal(parsed.message.commit_hash, null);
  assert.equal(parsed.message.callback_url, null);
  assert.equal(parsed.message.access_token, 'tok');
});

test('local project URLs only when allowed', () => {
  const body = JSON.stringify({ ...upstream, project_url: '/srv/repos/demo' });
  const refused = parseMessage(body, false);
  assert.ok(!refused.ok && /allow_local_repos/.test(refused.reason));
  assert.equal(parseMessage(body, true).ok, true);
});

test('messages that cannot become a task are refused with a clear reason and the task id when known', () => {
  const withId = (extra: Record<string, unknown>): string => JSON.stringify({ ...upstream, task_id: 't-1', ...extra });
  const cases: [string, RegExp, string | null][] = [
    ['{not json', /not valid JSON/, null],
    ['', /not valid JSON/, null],
    ['[1,2]', /not a JSON object/, null],
    ['"text"', /not a JSON object/, null],
    ['null', /not a JSON object/, null],
    [JSON.stringify({ command_list: ['readme-checker'] }), /no project_url/, null],
    [withId({ project_url: undefined }), /no project_url/, 't-1'],
    [withId({ project_url: 5 }), /no project_url/, 't-1'],
    [withId({ project_url: 'ftp://x/y' }), /scheme "ftp" is not supported/, 't-1'],
    [withId({ project_url: '--upload-pack=touch /tmp/pwned' }), /must not start with "-"/, 't-1'],
    [withId({ command_list: ['rm -rf'] }), /unknown commands: rm -rf/, 't-1'],
    [withId({ command_list: ['readme-checker', 'nope'] }), /unknown commands: nope/, 't-1'],
    [withId({ command_list: 'readme-checker' }), /command_list must be a list of strings/, 't-1'],
    [withId({ command_list: [1] }), /command_list must be a list of strings/, 't-1'],
    [withId({ command_list: Array.from({ length: 65 }, () => 'readme-checker') }), /more than 64 commands/, 't-1'],
    [withId({ task_metadata: [] }), /task_metadata must be a JSON object/, 't-1'],
    [withId({ task_metadata: 'x' }), /task_metadata must be a JSON object/, 't-1'],
    [withId({ task_metadata: { version_number: '-v' } }), /version_number must not start with "-"/, 't-1'],
    [withId({ task_metadata: { version_number: '--upload-pack=x' } }), /version_number must not start with "-"/, 't-1'],
    [withId({ commit_hash: 12 }), /commit_hash must be a string or null/, 't-1'],
    [withId({ commit_hash: '-x' }), /commit_hash must not start with "-"/, 't-1'],
    [withId({ callback_url: 7 }), /callback_url must be a string or null/, 't-1'],
    [withId({ callback_url: 'ftp://x' }), /callback_url must be an http/, 't-1'],
    [withId({ access_token: { t: 1 } }), /access_token must be a string or null/, 't-1'],
    [JSON.stringify({ ...upstream, task_id: 'bad id!' }), /task_id must be a string of letters/, null],
    [JSON.stringify({ ...upstream, task_id: 5 }), /task_id must be a string of letters/, null],
  ];
  for (const [body, reason, taskId] of cases) {
    const parsed = parseMessage(body, false);
    assert.equal(parsed.ok, false, body.slice(0, 80));
    if (parsed.ok) continue;
    assert.match(parsed.reason, reason, body.slice(0, 80));
    assert.equal(parsed.taskId, taskId, body.slice(0, 80));
  }
});

test('the refusal reason never contains the access token', () => {
  const parsed = parseMessage(JSON.stringify({ ...upstream, access_token: 'ghp_secret_token_value', project_url: 'ftp://x/y' }), false);
  assert.ok(!parsed.ok && !parsed.reason.includes('ghp_secret_token_value'));
});

test('a message nested deeper than 32 levels is poison, refused before it is parsed (5,000 levels overflowed the stack)', () => {
  for (const depth of [32, 5_000, 100_000]) {
    const metadata = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const parsed = parseMessage(`{"command_list":["readme-checker"],"project_url":"https://github.com/acme/demo","task_id":"t-1","task_metadata":${metadata}}`, false);
    assert.equal(parsed.ok, false, `depth ${depth}`);
    if (!parsed.ok) assert.equal(parsed.reason, 'message nests JSON deeper than 32 levels');
  }
  const deepest = `${'{"a":'.repeat(30)}1${'}'.repeat(30)}`;
  assert.equal(parseMessage(`{"command_list":[],"project_url":"https://github.com/acme/demo","task_metadata":{"x":${deepest}}}`, false).ok, true, '32 levels in all pass');
});
