/**
 * Runs commands the way an agent does (runCommands, no checkout) against the platform fakes, with the config
 * built from environment variables exactly as a deployment would set them.
 */
import { tmpdir } from 'node:os';
import { runCommands } from '../../src/checkers/runner.js';
import type { RepoView } from '../../src/lib/repo/repo-view.js';
import type { Json, TaskInfo } from '../../src/checkers/types.js';
import { silentLogger } from '../../src/lib/log.js';
import { MemoryCache, type SharedCache } from '../../src/lib/shared-cache.js';
import { makeTask, testConfig } from '../support/fixtures.js';
import type { FakePlatform } from './platforms.js';

export interface RunOptions {
  task?: Partial<TaskInfo>;
  env?: Record<string, string>;
  cache?: SharedCache;
  /** The checkout, for commands that need one (scorecard-score). */
  repo?: RepoView;
}

export async function runOnFake(fake: FakePlatform, commands: string[], options: RunOptions = {}): Promise<Record<string, Json>> {
  return runCommands({
    commands,
    task: makeTask({ projectUrl: fake.projectUrl, repoName: fake.repo, ...options.task }),
    repo: options.repo ?? null,
    config: testConfig({ ...fake.env(), ...options.env }),
    configDir: tmpdir(),
    log: silentLogger(),
    cache: options.cache ?? new MemoryCache(),
  });
}
