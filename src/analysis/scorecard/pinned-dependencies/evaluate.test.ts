import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pinnedDependenciesScore, scorecardPinnedSummary, scorecardUnpinnedText } from './evaluate.js';
import type { Dependency } from './types.js';

const dep = (ecosystem: Dependency['ecosystem'], pinned: boolean, githubOwned = false): Dependency => ({
  name: 'x', version: '', type: 'Action', path: 'a', line: 1, pinned, owned: githubOwned, githubOwned, snippet: '', ecosystem,
});

test("Scorecard's texts and per-ecosystem summary", () => {
  assert.equal(scorecardUnpinnedText(dep('githubAction', false, true)), 'GitHub-owned GitHubAction not pinned by hash');
  assert.equal(scorecardUnpinnedText(dep('githubAction', false)), 'third-party GitHubAction not pinned by hash');
  assert.equal(scorecardUnpinnedText(dep('nugetCommand', false)), 'nugetCommand not pinned by hash');
  assert.deepEqual(scorecardPinnedSummary([dep('githubAction', true, true), dep('chocoCommand', false), dep('chocoCommand', true)]), [
    '  1 out of   1 GitHub-owned GitHubAction dependencies pinned',
    '  1 out of   2 chocoCommand dependencies pinned',
  ]);
});

test('choco and nuget commands are ecosystems of their own in the score', () => {
  // Actions all pinned (10), choco half pinned (5), nuget none (0): floor((100 + 50 + 0) / 30) = 5.
  assert.equal(pinnedDependenciesScore([dep('githubAction', true), dep('chocoCommand', true), dep('chocoCommand', false), dep('nugetCommand', false)]), 5);
});
