import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeRegistries, type FakeRegistries } from '../../../../test/fakes/registries.js';
import { SAMPLES_DIR } from '../../../../test/fakes/service-fake.js';
import { testConfig } from '../../../../test/support/fixtures.js';
import { MemoryCache, type SharedCache } from '../../../lib/shared-cache.js';
import { PlatformError } from '../../../platforms/errors.js';
import { RegistryLicenses, registryFor } from './index.js';
import { expandMinified } from './packagist.js';
import { normalizeNugetVersion } from './nuget.js';
import type { VersionLookup } from './types.js';

const signal = new AbortController().signal;
const MIT_TEXT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation the
rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the
Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

const samplePom = readFileSync(join(SAMPLES_DIR, 'registries', 'maven.pom.200.xml'), 'utf8');
const childPom = `<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.example</groupId><artifactId>example-parent</artifactId><version>7</version></parent>
  <artifactId>child</artifactId>
  <version>1.0.0</version>
</project>`;
const parentPom = `<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId><artifactId>example-parent</artifactId><version>7</version><packaging>pom</packaging>
  <licenses><license><name>The Apache Software License, Version 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses>
</project>`;
const loopPom = (self: string, parent: string): string => `<project><parent><groupId>org.loop</groupId><artifactId>${parent}</artifactId><version>1</version></parent><groupId>org.loop</groupId><artifactId>${self}</artifactId><version>1</version></project>`;
const nuspec = (license: string): string => readFileSync(join(SAMPLES_DIR, 'registries', 'nuget.nuspec.200.xml'), 'utf8').replace(/<license type="expression">MIT<\/license>\s*<licenseUrl>[^<]*<\/licenseUrl>/, license);

let fake: FakeRegistries;
before(async () => {
  fake = await startFakeRegistries([
    { registry: 'npm', name: '@scope/dual', version: '1.0.0', fields: { licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] } },
    { registry: 'npm', name: 'plain', version: '2.0.0', fields: { license: { type: 'ISC', url: 'https://opensource.org/licenses/ISC' } } },
    { registry: 'pypi', name: 'requests', version: '2.31.0' },
    { registry: 'pypi', name: 'modern', version: '1.0', fields: { license_expression: 'MIT AND BSD-3-Clause', license: null } },
    { registry: 'pypi', name: 'classified', version: '1.0', fields: { license: 'UNKNOWN', classifiers: ['License :: OSI Approved', 'License :: OSI Approved :: MIT License'] } },
    { registry: 'pypi', name: 'pasted', version: '1.0', fields: { license: MIT_TEXT, classifiers: [] } },
    { registry: 'pypi', name: 'bare', version: '1.0', fields: { license: '', classifiers: [] } },
    { registry: 'crates', name: 'old-style', version: '0.1.0', fields: { license: 'MIT/Apache-2.0' } },
    { registry: 'packagist', name: 'monolog/monolog', version: '3.5.0' },
    { registry: 'packagist', name: 'monolog/monolog', version: '3.4.0', fields: { license: ['MIT', 'GPL-2.0-or-later'] } },
    { registry: 'packagist', name: 'monolog/monolog', version: '1.0.0', omit: ['license'] },
    { registry: 'packagist', name: 'monolog/monolog', version: 'dev-main', fields: { license: ['BSD-3-Clause'] } },
    { registry: 'pub', name: 'http', version: '1.1.0' },
    { registry: 'hex', name: 'jason', version: '1.4.0' },
    { registry: 'hex', name: 'jason', version: '1.4.1' },
    { registry: 'rubygems', name: 'rack', version: '3.0.8' },
    { registry: 'rubygems', name: 'nokogiri', version: '1.15.4', fields: { platform: 'x86_64-linux', licenses: ['MIT'] } },
    { registry: 'nuget', name: 'Newtonsoft.Json', version: '13.0.3' },
    { registry: 'nuget', name: 'Packed.License', version: '2.0.0', body: nuspec('<license type="file">LICENSE.txt</license><licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl>') },
    { registry: 'nuget', name: 'Old.Style', version: '1.0.0', body: nuspec('<licenseUrl>http://www.apache.org/licenses/LICENSE-2.0</licenseUrl>') },
    { registry: 'maven', name: 'junit:junit', version: '4.13.2', body: samplePom },
    { registry: 'maven', name: 'org.example:child', version: '1.0.0', body: childPom },
    { registry: 'maven', name: 'org.example:example-parent', version: '7', body: parentPom },
    { registry: 'maven', name: 'org.loop:a', version: '1', body: loopPom('a', 'b') },
    { registry: 'maven', name: 'org.loop:b', version: '1', body: loopPom('b', 'a') },
    { registry: 'cran', name: 'jsonlite', version: '1.8.7' },
    { registry: 'cran', name: 'MASS', version: '7.3-60', fields: { License: 'GPL-2 | GPL-3' } },
    { registry: 'cran', name: 'gplplus', version: '1.0', fields: { License: 'GPL (>= 2) | file LICENCE' } },
  ]);
});
after(() => fake.close());

function client(cache: SharedCache = new MemoryCache(), env: Record<string, string> = {}): RegistryLicenses {
  return new RegistryLicenses({ config: testConfig({ ...fake.env(), ...env }), cache, retry: { maxRetries: 2, retryBaseMs: 5 } });
}
const ask = (c: RegistryLicenses, ecosystem: VersionLookup['ecosystem'], name: string, version: string): Promise<readonly string[] | null> =>
  c.licenses({ ecosystem, name, version }, signal);

test('every registry: the documented endpoint, read and normalised to SPDX', async () => {
  const c = client();
  assert.deepEqual(await ask(c, 'npm', '@scope/dual', '1.0.0'), ['MIT OR Apache-2.0'], 'deprecated licenses list = a choice');
  assert.deepEqual(await ask(c, 'npm', 'plain', '2.0.0'), ['ISC'], '{type, url} object');
  assert.deepEqual(await ask(c, 'PyPI', 'requests', '2.31.0'), ['Apache-2.0'], 'free-text "Apache 2.0"');
  assert.deepEqual(await ask(c, 'PyPI', 'modern', '1.0'), ['MIT AND BSD-3-Clause'], 'PEP 639 license_expression wins');
  assert.deepEqual(await ask(c, 'PyPI', 'classified', '1.0'), ['MIT'], 'Trove classifiers when license is UNKNOWN');
  assert.deepEqual(await ask(c, 'PyPI', 'pasted', '1.0'), ['MIT'], 'a pasted license text is matched');
  assert.deepEqual(await ask(c, 'PyPI', 'bare', '1.0'), [], 'known version, no license');
  assert.deepEqual(await ask(c, 'crates.io', 'old-style', '0.1.0'), ['MIT OR Apache-2.0'], 'old "/" separator');
  assert.deepEqual(await ask(c, 'Packagist', 'monolog/monolog', '3.5.0'), ['MIT']);
  assert.deepEqual(await ask(c, 'Packagist', 'monolog/monolog', 'v3.4.0'), ['MIT OR GPL-2.0-or-later'], 'minified entry, several = OR, "v" prefix');
  assert.deepEqual(await ask(c, 'Packagist', 'monolog/monolog', '1.0.0'), [], 'a key removed with "__unset"');
  assert.deepEqual(await ask(c, 'Packagist', 'monolog/monolog', 'dev-main'), ['BSD-3-Clause'], 'branches from ~dev.json');
  assert.deepEqual(await ask(c, 'Pub', 'http', '1.1.0'), ['BSD-3-Clause'], 'license:* score tags, classification tags skipped');
  assert.deepEqual(await ask(c, 'Hex', 'jason', '1.4.0'), ['Apache-2.0']);
  assert.equal(await ask(c, 'Hex', 'jason', '9.9.9'), null, 'a release hex.pm does not list');
  assert.deepEqual(await ask(c, 'RubyGems', 'rack', '3.0.8'), ['MIT']);
  assert.deepEqual(await ask(c, 'RubyGems', 'nokogiri', '1.15.4-x86_64-linux'), ['MIT']);
  assert.ok(fake.requests.includes('rubygems /api/v2/rubygems/nokogiri/versions/1.15.4.json?platform=x86_64-linux'));
  assert.deepEqual(await ask(c, 'NuGet', 'Newtonsoft.Json', '13.0.3.0'), ['MIT'], 'lower-case id, normalised version');
  assert.ok(fake.requests.includes('nuget /newtonsoft.json/13.0.3/newtonsoft.json.nuspec'));
  assert.deepEqual(await ask(c, 'NuGet', 'Packed.License', '2.0.0'), ['non-standard'], 'license file inside the package');
  assert.deepEqual(await ask(c, 'NuGet', 'Old.Style', '1.0.0'), ['Apache-2.0'], 'licenseUrl mapped');
  assert.deepEqual(await ask(c, 'Maven', 'junit:junit', '4.13.2'), ['EPL-1.0']);
  assert.deepEqual(await ask(c, 'CRAN', 'jsonlite', '1.8.7'), ['MIT'], '"MIT + file LICENSE"');
  assert.deepEqual(await ask(c, 'CRAN', 'MASS', '7.3-60'), ['GPL-2.0-only OR GPL-3.0-only']);
  assert.deepEqual(await ask(c, 'CRAN', 'gplplus', '1.0'), ['GPL-2.0-or-later']);
  assert.equal(registryFor('Go'), null, 'no registry publishes Go module licenses');
  assert.equal(await ask(c, 'Go', 'github.com/x/y', '1.0.0'), null);
});

test('Maven licenses are inherited from parent POMs, each POM fetched once; parent loops end', async () => {
  const c = client();
  const before = fake.count('maven');
  const [child, again] = await Promise.all([ask(c, 'Maven', 'org.example:child', '1.0.0'), ask(c, 'Maven', 'org.example:child', '1.0.0')]);
  assert.deepEqual(child, ['Apache-2.0']);
  assert.deepEqual(again, ['Apache-2.0']);
  assert.equal(fake.count('maven') - before, 2, 'child and parent, once each');
  assert.deepEqual(await ask(c, 'Maven', 'org.example:example-parent', '7'), ['Apache-2.0']);
  assert.equal(fake.count('maven') - before, 2, 'the parent answer is cached');
  assert.deepEqual(await ask(c, 'Maven', 'org.loop:a', '1'), []);
});

test('404: null, cached (for a day at most) so the next task does not ask again', async () => {
  const cache = new MemoryCache();
  assert.equal(await ask(client(cache), 'PyPI', 'requests', '0.0.0'), null);
  assert.equal(await ask(client(cache), 'crates.io', 'nope', '1.0.0'), null);
  assert.equal(await ask(client(cache), 'Packagist', 'acme/none', '1.0.0'), null);
  const before = fake.requests.length;
  const second = client(cache);
  assert.equal(await ask(second, 'PyPI', 'requests', '0.0.0'), null);
  assert.equal(await ask(second, 'crates.io', 'nope', '1.0.0'), null);
  assert.equal(fake.requests.length, before);
});

test('answers are shared across tasks through the cache', async () => {
  const cache = new MemoryCache();
  await ask(client(cache), 'Pub', 'http', '1.1.0');
  const before = fake.count('pub');
  const second = client(cache);
  assert.deepEqual(await ask(second, 'Pub', 'http', '1.1.0'), ['BSD-3-Clause']);
  assert.equal(fake.count('pub'), before);
  assert.equal(second.requests.size, 0);
});

test('5xx and 429 are retried', async () => {
  fake.inject('hex', 503, 429);
  const before = fake.count('hex');
  assert.deepEqual(await ask(client(), 'Hex', 'jason', '1.4.1'), ['Apache-2.0']);
  assert.equal(fake.count('hex') - before, 3);
});

test('a registry that keeps failing: a PlatformError after the retries', async () => {
  fake.inject('rubygems', 500, 500, 500);
  await assert.rejects(ask(client(), 'RubyGems', 'rack', '3.0.8'), (err: unknown) => err instanceof PlatformError && err.kind === 'server' && /HTTP 500/.test(err.message));
});

test('a registry that does not answer times out after [Registries] timeout_s', async () => {
  fake.inject('cran', 'hang');
  const c = new RegistryLicenses({ config: testConfig({ ...fake.env(), OPENCHECKER_REGISTRIES_TIMEOUT_S: '1' }), cache: new MemoryCache(), retry: { maxRetries: 0, retryBaseMs: 5 } });
  const started = Date.now();
  await assert.rejects(ask(c, 'CRAN', 'jsonlite', '1.8.7'), (err: unknown) => err instanceof PlatformError && err.kind === 'timeout');
  assert.ok(Date.now() - started < 4000);
});

test('the task signal stops a lookup', async () => {
  fake.inject('crates', 'hang');
  const controller = new AbortController();
  const pending = client().licenses({ ecosystem: 'crates.io', name: 'old-style', version: '0.1.0' }, controller.signal);
  setTimeout(() => controller.abort(new Error('task cancelled')), 50);
  await assert.rejects(pending, /task cancelled/);
});

test('Composer minified metadata expands as MetadataMinifier does', () => {
  assert.deepEqual(expandMinified([{ version: '2.0', license: ['MIT'], a: 1 }, { version: '1.0', a: '__unset' }, { version: '0.9' }]), [
    { version: '2.0', license: ['MIT'], a: 1 },
    { version: '1.0', license: ['MIT'] },
    { version: '0.9', license: ['MIT'] },
  ]);
});

test('NuGet normalised versions', () => {
  assert.equal(normalizeNugetVersion('1.0.0.0'), '1.0.0');
  assert.equal(normalizeNugetVersion('01.2'), '1.2.0');
  assert.equal(normalizeNugetVersion('1.2.3.4'), '1.2.3.4');
  assert.equal(normalizeNugetVersion('1.0.0-Beta.1+build.5'), '1.0.0-beta.1');
});
