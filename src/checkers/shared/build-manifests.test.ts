import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBuildManifest } from './build-manifests.js';

void test('source repository and build declared by each manifest format', () => {
  const cases: [string, string, { repository: string | null; build: string | null }][] = [
    ['package.json', '{"name":"demo","repository":{"type":"git","url":"git+https://github.com/acme/demo.git"},"scripts":{"build":"tsc"}}', { repository: 'git+https://github.com/acme/demo.git', build: 'npm run build' }],
    ['package.json', '{"repository":"github:acme/demo","publishConfig":{"provenance":true}}', { repository: 'github:acme/demo', build: 'npm publish --provenance' }],
    ['package.json', '{"name":"plain"}', { repository: null, build: null }],
    ['Cargo.toml', '[package]\nname = "demo"\nrepository = "https://github.com/acme/demo"\nbuild = "build.rs"\n', { repository: 'https://github.com/acme/demo', build: 'cargo (build.rs)' }],
    ['Cargo.toml', '[workspace]\nmembers = ["a"]\n[workspace.package]\nrepository = "https://gitee.com/acme/demo"\n', { repository: 'https://gitee.com/acme/demo', build: 'cargo' }],
    ['pyproject.toml', '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n[project]\nname = "demo"\n[project.urls]\nHomepage = "https://demo.example"\n"Source Code" = "https://github.com/acme/demo"\n', { repository: 'https://github.com/acme/demo', build: 'hatchling.build' }],
    ['go.mod', 'module github.com/acme/demo/v2\n\ngo 1.22\n', { repository: 'https://github.com/acme/demo/v2', build: 'go' }],
    ['go.mod', 'module demo\n', { repository: null, build: 'go' }],
    ['pom.xml', '<project><artifactId>demo</artifactId><scm><connection>scm:git:https://github.com/acme/demo.git</connection><url>https://github.com/acme/demo</url></scm></project>', { repository: 'https://github.com/acme/demo', build: 'maven' }],
    ['build.gradle.kts', 'publishing { publications { create<MavenPublication>("m") { pom { scm { url.set("https://github.com/acme/demo") } } } } }', { repository: 'https://github.com/acme/demo', build: 'gradle' }],
    ['composer.json', '{"support":{"source":"https://github.com/acme/demo"}}', { repository: 'https://github.com/acme/demo', build: null }],
    ['oh-package.json5', "{ name: 'demo', repository: 'https://gitee.com/acme/demo', // comment\n}", { repository: 'https://gitee.com/acme/demo', build: null }],
  ];
  for (const [name, text, expected] of cases) assert.deepEqual(readBuildManifest(name, text), expected, `${name}: ${text.slice(0, 40)}`);
});

void test('other files are not manifests; malformed ones say why', () => {
  assert.equal(readBuildManifest('setup.py', 'setup()'), null);
  const broken = readBuildManifest('package.json', '{"name": ');
  assert.deepEqual([broken?.repository, broken?.build], [null, null]);
  assert.match(broken?.error ?? '', /^could not parse/);
  assert.match(readBuildManifest('Cargo.toml', '[package\n')?.error ?? '', /^could not parse/);
});
