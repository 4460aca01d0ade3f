import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import spdxFull from 'spdx-license-list/full.js';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { hasTool, MEDIUM_TREE, npmTree } from '../../../test/support/npm-tree.js';
import { FsRepoView } from '../../lib/repo/repo-view.js';
import { detectProjectLicense, type LicenseeResult } from '../../analysis/licenses/project.js';
import { checker } from './index.js';

const execFileAsync = promisify(execFile);
const text = (id: string, holder = '2024 Jane Doe'): string =>
  (spdxFull[id]?.licenseText as string).replace(/<year>\s*<(?:copyright holders|owner)>/, holder);

async function detect(files: Record<string, string>): Promise<LicenseeResult> {
  const repo = await makeRepo(files);
  try {
    return (await checker.run(makeContext(repo.view))) as unknown as LicenseeResult;
  } finally {
    await repo.cleanup();
  }
}

const summary = (result: LicenseeResult) => result.matched_files.map((f) => [f.filename, f.matcher?.name ?? null, f.matched_license]);

void test("licensee's layout: license file, README reference and manifest agree", async () => {
  const result = await detect({
    LICENSE: text('MIT'),
    'README.md': '# demo\n\n## License\n\n[MIT](LICENSE)\n',
    'package.json': '{"name": "demo", "license": "MIT"}',
    'src/LICENSE': text('Apache-2.0'), // not at the root: licensee looks at the root only
  });
  assert.equal(result.license, 'MIT');
  assert.deepEqual(result.licenses.map((l) => [l.key, l.spdx_id, l.meta.title]), [['mit', 'MIT', 'MIT License']]);
  assert.deepEqual(summary(result), [
    ['LICENSE', 'exact', 'MIT'],
    ['README.md', 'reference', 'MIT'],
    ['package.json', 'npmbower', 'MIT'],
  ]);
  assert.match(result.matched_files[0]?.content_hash ?? '', /^[0-9a-f]{40}$/);
  assert.equal(result.matched_files[0]?.attribution, 'Copyright (c) 2024 Jane Doe');
});

void test('files that disagree give NOASSERTION with every match listed', async () => {
  const result = await detect({ 'LICENSE-MIT': text('MIT'), 'LICENSE-APACHE': text('Apache-2.0'), 'Cargo.toml': '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n' });
  assert.equal(result.license, 'NOASSERTION');
  assert.deepEqual(result.licenses.map((l) => l.spdx_id).sort(), ['Apache-2.0', 'MIT', 'NOASSERTION']);
  const cargo = result.matched_files.find((f) => f.filename === 'Cargo.toml');
  assert.equal(cargo?.matched_license, 'NOASSERTION');
  assert.equal(cargo?.license_expression, 'MIT OR Apache-2.0');
});

void test('Dice matches a modified text at 98%; GPL keeps licensee ids; LGPL in COPYING.LESSER wins', async () => {
  const modified = text('BSD-3-Clause', '2019 Example Corp').replace('the copyright holder nor', 'Example Corp nor');
  const bsd = await detect({ 'LICENSE.txt': modified });
  assert.equal(bsd.matched_files[0]?.matcher?.name, 'dice');
  assert.ok((bsd.matched_files[0]?.matcher?.confidence ?? 0) >= 98);
  assert.equal(bsd.license, 'BSD-3-Clause');
  const gpl = await detect({ COPYING: text('GPL-3.0-only'), 'COPYING.LESSER': text('LGPL-3.0-only') });
  assert.equal(gpl.license, 'LGPL-3.0');
  assert.deepEqual(gpl.licenses.map((l) => l.key), ['lgpl-3.0', 'gpl-3.0']);
});

void test('REUSE LICENSES/ folders, rendered texts (Markdown, HTML, reStructuredText), a modified text is NOASSERTION', async () => {
  const reuse = await detect({ 'LICENSES/Apache-2.0.txt': text('Apache-2.0'), 'README.md': '# demo\n' });
  assert.equal(reuse.license, 'Apache-2.0');
  assert.deepEqual(summary(reuse), [['LICENSES/Apache-2.0.txt', 'dice', 'Apache-2.0']]);
  const two = await detect({ 'LICENSES/MIT.txt': text('MIT'), 'LICENSES/CC0-1.0.txt': text('CC0-1.0') });
  assert.equal(two.license, 'NOASSERTION', 'two licenses: licensee reports other');

  const mit = text('MIT');
  const markdown = `# MIT License\n\n${mit.replace('THE SOFTWARE IS PROVIDED', '**THE SOFTWARE IS PROVIDED**').replace(/^Permission/m, '_Permission_')}`;
  const html = `<!DOCTYPE html><html><body><h1>MIT License</h1>\n${mit.split('\n\n').map((p) => `<p>${p.replace(/"/g, '&quot;')}</p>`).join('\n')}</body></html>\n`;
  const rst = `MIT License\n===========\n\n${mit.replace('THE SOFTWARE IS PROVIDED', '**THE SOFTWARE IS PROVIDED**')}`;
  for (const [name, content] of [['LICENSE.md', markdown], ['LICENSE.html', html], ['LICENSE.rst', rst]] as const) {
    const result = await detect({ [name]: content });
    assert.equal(result.license, 'MIT', name);
  }

  const clause = 'The Software shall be used for Good, not Evil, and the copyright holders may revoke this license at any time.\n\n';
  const modified = await detect({ LICENSE: mit.replace('THE SOFTWARE IS PROVIDED', `${clause}THE SOFTWARE IS PROVIDED`) });
  assert.equal(modified.license, 'NOASSERTION');
  assert.equal(modified.matched_files[0]?.matched_license, 'NOASSERTION');
  // The added clause is the JSON license's: the matcher names both, licensee's answer stays "other".
  assert.equal(modified.matched_files[0]?.modified_from, 'MIT AND JSON');
  const reworded = await detect({ LICENSE: mit.replace('Permission is hereby granted, free of charge', 'Permission is granted, for a small fee') });
  assert.equal(reworded.license, 'NOASSERTION', 'a reworded grant is a modified license');
});

void test('no license, a copyright-only file, an unknown text, a malformed manifest', async () => {
  const none = await detect({ 'README.md': '# demo\n', 'index.js': 'module.exports = 1;\n' });
  assert.deepEqual(none, { licenses: [], matched_files: [], license: null });
  const copyright = await detect({ COPYRIGHT: 'Copyright (c) 2020 Foo\n', LICENSE: text('ISC') });
  assert.equal(copyright.license, 'ISC', 'a COPYRIGHT file of statements only does not count as disagreement');
  const unknown = await detect({ LICENSE: 'You may do anything with this except selling it.\n' });
  assert.deepEqual(summary(unknown), [['LICENSE', null, 'NOASSERTION']]);
  const malformed = await detect({ 'package.json': '{"license": "MIT",,,' });
  assert.deepEqual(malformed.matched_files, []);
});

/** licensee's library, once for every folder (the CLI starts Ruby for each, ~1 s apiece), as `detect --json` runs it. */
const LICENSEE_SCRIPT = `
require 'licensee'
require 'json'
ARGV.each do |dir|
  project = Licensee.project(dir, detect_packages: true, detect_readme: true)
  puts JSON.generate({ dir: dir, license: project.license&.spdx_id })
end`;

void test('agrees with licensee on every package folder of a real node_modules tree', { timeout: 300_000 }, async (t) => {
  if (!hasTool('licensee') || !hasTool('ruby')) {
    t.skip('licensee (Debian ruby-licensee) not installed');
    return;
  }
  const tree = await npmTree(MEDIUM_TREE);
  const view = new FsRepoView(tree.nodeModules, 'node_modules');
  const packageDirs = (await view.files())
    .filter((file) => file.lowerName === 'package.json')
    .map((file) => file.path.slice(0, -'/package.json'.length))
    .filter((dir) => /^(?:@[^/]+\/)?[^/@]+(?:\/node_modules\/(?:@[^/]+\/)?[^/@]+)*$/.test(dir));
  assert.ok(packageDirs.length > 100, `only ${packageDirs.length} package folders`);
  const { stdout } = await execFileAsync('ruby', ['-e', LICENSEE_SCRIPT, ...packageDirs], {
    cwd: tree.nodeModules,
    maxBuffer: 64 * 1024 * 1024,
  });
  const theirs = new Map(stdout.trim().split('\n').map((line) => {
    const entry = JSON.parse(line) as { dir: string; license: string | null };
    return [entry.dir, entry.license] as const;
  }));
  // Where licensee gives up (NOASSERTION) because its 98% Dice misses a text with a sentence more ("This software is
  // released under the MIT license:") or a variant clause, the LicenseDB matcher finds the license: such folders
  // count as found, when every file we matched names the license the package manifest declares.
  const disagreements: string[] = [];
  const foundWhereLicenseeGaveUp: string[] = [];
  for (const dir of packageDirs) {
    const ours = await detectProjectLicense(view, new AbortController().signal, dir);
    const licensee = theirs.get(dir);
    if (ours.license === licensee) continue;
    const manifest = ours.matched_files.find((f) => f.filename === 'package.json')?.matched_license;
    const consistent = ours.license !== null && ours.license !== 'NOASSERTION' && ours.matched_files.every((f) => f.matched_license === ours.license);
    if (licensee === 'NOASSERTION' && consistent && manifest === ours.license) foundWhereLicenseeGaveUp.push(`${dir}: ${ours.license}`);
    else disagreements.push(`${dir}: licensee ${licensee}, ours ${ours.license}`);
  }
  const agreement = (100 * (packageDirs.length - disagreements.length - foundWhereLicenseeGaveUp.length)) / packageDirs.length;
  t.diagnostic(`agreement with licensee: ${agreement.toFixed(1)}% of ${packageDirs.length} package folders; licensee gave up where we found the manifest's license: ${foundWhereLicenseeGaveUp.length}; other disagreements: ${disagreements.length}`);
  for (const line of foundWhereLicenseeGaveUp) t.diagnostic(`found where licensee gave up: ${line}`);
  for (const line of disagreements) t.diagnostic(`disagreement (see docs/compatibility.md): ${line}`);
  assert.ok(disagreements.length <= packageDirs.length * 0.02, `${disagreements.length} disagreements`);
});
