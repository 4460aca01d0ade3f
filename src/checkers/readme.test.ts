/**
 * Every checker folder documents itself: a README.md whose first heading is the command name, with the sections
 * every README has (what it needs, its output, its reference, its code and tests), and whose relative links
 * lead somewhere. A new checker cannot land without one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../lib/paths.js';
import { CHECKER_METAS } from './metadata.js';

// Compiled tests run from dist/src/checkers, where no README.md is copied: read the source folder.
const sourceDir = join(packageRoot(), 'src', 'checkers');
const REQUIRED_SECTIONS = ['## Needs', '## Output', '## Reference', '## Code and tests'] as const;

// `shared/` holds helpers used by several checkers, not a command.
const folders = readdirSync(sourceDir).filter((name) => name !== 'shared' && statSync(join(sourceDir, name)).isDirectory());

function readme(name: string): string {
  const path = join(sourceDir, name, 'README.md');
  assert.ok(existsSync(path), `src/checkers/${name}/README.md is missing`);
  return readFileSync(path, 'utf8');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => anchor(match[1] as string)));
}

test('every checker folder and every command in the metadata has a README.md', () => {
  const names = new Set([...folders, ...CHECKER_METAS.map((meta) => meta.name)]);
  for (const name of names) readme(name);
});

test('each README opens with the command name and has the common sections', () => {
  for (const name of folders) {
    const text = readme(name);
    const firstHeading = /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
    assert.equal(firstHeading, name, `${name}/README.md: the first heading is the command name`);
    for (const section of REQUIRED_SECTIONS) {
      assert.ok(new RegExp(`^${section}\\s*$`, 'm').test(text), `${name}/README.md: missing "${section}"`);
    }
    const lines = text.split('\n').length;
    assert.ok(lines <= 60, `${name}/README.md: ${lines} lines; keep it short and link to docs/commands.md for the rest`);
  }
});

test('relative links in the READMEs lead to files and headings that exist', () => {
  for (const name of folders) {
    const folder = join(sourceDir, name);
    for (const match of readme(name).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] as string;
      if (/^[a-z]+:/i.test(target)) continue;
      const [path = '', hash] = target.split('#');
      const file = path === '' ? join(folder, 'README.md') : resolve(folder, path);
      assert.ok(existsSync(file), `${name}/README.md links to ${target}, which does not exist`);
      if (hash && file.endsWith('.md')) {
        assert.ok(anchorsOf(readFileSync(file, 'utf8')).has(hash), `${name}/README.md links to ${target}: no such heading`);
      }
    }
  }
});
