import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage, parseSubmission, parseTaskFields, type OpencheckBody } from './task-input.js';
import { toNewTask, toTaskInfo, toTaskMessage } from './task-records.js';

const body: OpencheckBody = {
  commands: ['readme-checker', 'osv-scanner'],
  project_url: 'https://github.com/acme/demo.git',
  callback_url: 'https://compass.example/api/callback',
  task_metadata: { version_number: 'v1.0', opencheck_id: 42 },
  commit_hash: '',
  access_token: 'ghp_token',
};

test('an API body becomes one normalised task description', () => {
  const parsed = parseSubmission(body, false);
  assert.ok(parsed.ok);
  const { task } = parsed;
  assert.deepEqual(task.commands, body.commands);
  assert.equal(task.repo.submittedUrl, body.project_url);
  assert.equal(task.repo.projectUrl, 'https://github.com/acme/demo');
  assert.equal(task.repo.forge, 'github');
  assert.equal(task.commitHash, null, 'upstream sends "" for none');
  assert.equal(task.accessToken, 'ghp_token');
  assert.equal(task.callbackUrl, body.callback_url);
  assert.equal(task.metadata, body.task_metadata, 'echoed exactly as received');
  assert.equal(task.version, 'v1.0');
});

test('an API body and the queue message it becomes parse to the same task', () => {
  const api = parseSubmission(body, false);
  assert.ok(api.ok);
  const message = toTaskMessage('t-1', api.task);
  assert.deepEqual(Object.keys(message), ['command_list', 'project_url', 'commit_hash', 'access_token', 'callback_url', 'task_metadata', 'task_id']);
  const queued = parseMessage(JSON.stringify(message), false);
  assert.ok(queued.ok);
  assert.equal(queued.idAssigned, false);
  assert.deepEqual(queued.message, message);
  assert.deepEqual(queued.task, api.task);
});

test('one mapping to the task row and to what checkers see', () => {
  const parsed = parseSubmission(body, false);
  assert.ok(parsed.ok);
  assert.deepEqual(toNewTask('t-1', parsed.task, { id: 'u-alice', username: 'alice' }), {
    taskId: 't-1',
    projectUrl: 'https://github.com/acme/demo.git',
    commandList: ['readme-checker', 'osv-scanner'],
    taskMetadata: body.task_metadata,
    commitHash: null,
    callbackUrl: 'https://compass.example/api/callback',
    submittedBy: 'alice',
    ownerId: 'u-alice',
  });
  // A queue message from the Python main has no submitter: the task belongs to no user (admins only).
  const fromQueue = toNewTask('t-2', parsed.task, null);
  assert.equal(fromQueue.submittedBy, null);
  assert.equal(fromQueue.ownerId, null);
  assert.deepEqual(toTaskInfo('t-1', parsed.task), {
    taskId: 't-1',
    projectUrl: 'https://github.com/acme/demo',
    repoName: 'demo',
    commitHash: null,
    accessToken: 'ghp_token',
    versionNumber: 'v1.0',
    metadata: body.task_metadata,
  });
});

test('every problem is reported with its field, unknown commands with a hint for people', () => {
  const parsed = parseSubmission({ commands: ['nope'], project_url: 'ftp://x/y', commit_hash: '-x', access_token: '-t' }, false);
  assert.ok(!parsed.ok);
  assert.deepEqual(
    parsed.problems.map((p) => p.field),
    ['commands', 'project_url', 'commit_hash', 'access_token'],
  );
  const [unknown] = parsed.problems;
  assert.equal(unknown?.message, 'unknown commands: nope');
  assert.match(unknown?.hint ?? '', /^valid commands are: .*readme-checker/);
});

test('a queue message reports every problem in its reason, without the hint', () => {
  const parsed = parseMessage(JSON.stringify({ task_id: 't-2', command_list: ['nope'], project_url: 'ftp://x/y' }), false);
  assert.ok(!parsed.ok);
  assert.equal(parsed.taskId, 't-2');
  assert.match(parsed.reason, /^unknown commands: nope; project_url scheme "ftp" is not supported/);
  assert.doesNotMatch(parsed.reason, /valid commands are/);
});

test('the rules the API and the agent used to apply differently are now one', () => {
  // Upstream's agent defaults a missing command_list to []; the API's schema still asks for one command.
  assert.equal(parseTaskFields({ project_url: 'https://github.com/a/b' }, { allowLocalRepos: false, commandsField: 'command_list' }).ok, true);
  // The API's rules now hold for queue messages too.
  const withId = (extra: Record<string, unknown>): string => JSON.stringify({ task_id: 't-3', project_url: 'https://github.com/a/b', ...extra });
  const token = parseMessage(withId({ access_token: '--upload-pack=x' }), false);
  assert.ok(!token.ok && /access_token must not start with "-"/.test(token.reason));
  const large = parseMessage(withId({ task_metadata: { blob: 'x'.repeat(65 * 1024) } }), false);
  assert.ok(!large.ok && /task_metadata is larger than 64 KiB/.test(large.reason));
  const version = parseMessage(withId({ task_metadata: { version_number: { tag: 'v1' } } }), false);
  assert.ok(!version.ok && /version_number must be a string \(a tag, branch or commit\)/.test(version.reason));
});

test('"fresh": true travels from the API body through the queue message; anything but a boolean is refused', () => {
  const api = parseSubmission({ ...body, fresh: true }, false);
  assert.ok(api.ok);
  assert.equal(api.task.fresh, true);
  const message = toTaskMessage('t-2', api.task);
  assert.equal(message.fresh, true);
  const queued = parseMessage(JSON.stringify(message), false);
  assert.ok(queued.ok);
  assert.equal(queued.task.fresh, true);
  // Absent (upstream's messages, most submissions): reuse allowed, and the message keeps upstream's keys only.
  const plain = parseSubmission(body, false);
  assert.ok(plain.ok);
  assert.equal(plain.task.fresh, false);
  assert.equal('fresh' in toTaskMessage('t-3', plain.task), false);
  const wrong = parseTaskFields({ command_list: ['readme-checker'], project_url: 'https://github.com/acme/demo', fresh: 'yes' }, { allowLocalRepos: false, commandsField: 'command_list' });
  assert.ok(!wrong.ok);
  assert.deepEqual(wrong.problems, [{ field: 'fresh', message: 'fresh must be true or false' }]);
});
