import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { CheckerInputError } from '../types.js';
import { checker } from './index.js';
import { MESSAGES } from './evaluate.js';

const entry = {
  Name: 'openssl',
  License: 'Apache-2.0',
  'License File': 'LICENSE.txt',
  'Version Number': '3.0.9',
  Owner: 'owner@example.com',
  'Upstream URL': 'https://github.com/openssl/openssl',
  Description: 'TLS toolkit',
};

async function runOn(files: Record<string, string>): Promise<unknown> {
  const repo = await makeRepo(files);
  try {
    return await checker.run(makeContext(repo.view));
  } finally {
    await repo.cleanup();
  }
}

function inputError(message: string): (err: unknown) => boolean {
  return (err) => err instanceof CheckerInputError && err.message === message;
}

void test('a well-formed README.OpenSource passes', async () => {
  assert.deepEqual(await runOn({ 'README.OpenSource': JSON.stringify([entry], null, 2) }), { 'readme-opensource-checker': true });
});

void test('a differently cased name at the root is accepted', async () => {
  assert.deepEqual(await runOn({ 'readme.opensource': JSON.stringify([entry]) }), { 'readme-opensource-checker': true });
});

void test('missing file, or only in a subfolder, is "does not exist"', async () => {
  await assert.rejects(runOn({ 'README.md': '' }), inputError(MESSAGES.missing));
  await assert.rejects(runOn({ 'third_party/README.OpenSource': JSON.stringify([entry]) }), inputError(MESSAGES.missing));
});

void test('an entry without a required key is "exists and is not properly formatted"', async () => {
  const { License: _license, ...incomplete } = entry;
  await assert.rejects(runOn({ 'README.OpenSource': JSON.stringify([entry, incomplete]) }), inputError(MESSAGES.badEntries));
});

void test('bad JSON and a non-array are "not properly formatted" (upstream crashed on the latter)', async () => {
  await assert.rejects(runOn({ 'README.OpenSource': '[{"Name": ' }), inputError(MESSAGES.badJson));
  await assert.rejects(runOn({ 'README.OpenSource': JSON.stringify(entry) }), inputError(MESSAGES.badJson));
});
