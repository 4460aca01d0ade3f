import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSpdx } from './expression.js';
import { declaredToExpression, readManifest } from './manifests.js';

const expressionOf = (name: string, text: string): string | null => {
  const declaration = readManifest(name, text);
  return declaration?.expression ? renderSpdx(declaration.expression) : null;
};

void test('package.json: SPDX expressions, case variants, the old licenses array, UNLICENSED', () => {
  assert.equal(expressionOf('package.json', '{"license": "MIT"}'), 'MIT');
  assert.equal(expressionOf('package.json', '{"license": "(MIT OR Apache-2.0)"}'), 'MIT OR Apache-2.0');
  assert.equal(expressionOf('package.json', '{"license": "apache 2.0"}'), 'Apache-2.0');
  assert.equal(expressionOf('package.json', '{"license": {"type": "ISC"}}'), 'ISC');
  assert.equal(expressionOf('package.json', '{"licenses": [{"type": "MIT"}, {"type": "GPL-2.0-only"}]}'), 'MIT OR GPL-2.0-only');
  assert.equal(readManifest('package.json', '{"license": "UNLICENSED"}')?.unlicensed, true);
  assert.equal(readManifest('package.json', '{"name": "x"}'), null);
  assert.equal(readManifest('package.json', '{not json'), null, 'malformed manifests declare nothing');
  assert.equal(readManifest('package.json', '{\n  "name": "x",\n  "license": "MIT"\n}')?.line, 3);
});

void test('Cargo.toml, pyproject.toml (PEP 639, PEP 621, Poetry, classifiers), setup.cfg', () => {
  assert.equal(expressionOf('Cargo.toml', '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n'), 'MIT OR Apache-2.0');
  assert.equal(expressionOf('pyproject.toml', '[project]\nname = "x"\nlicense = "BSD-3-Clause"\n'), 'BSD-3-Clause');
  assert.equal(expressionOf('pyproject.toml', '[project]\nlicense = {text = "MIT"}\n'), 'MIT');
  assert.equal(expressionOf('pyproject.toml', '[tool.poetry]\nlicense = "GPL-3.0-or-later"\n'), 'GPL-3.0-or-later');
  assert.equal(
    expressionOf('pyproject.toml', '[project]\nclassifiers = ["License :: OSI Approved :: MIT License"]\n'),
    'MIT',
  );
  assert.equal(readManifest('pyproject.toml', '[project\nbroken'), null);
  assert.equal(expressionOf('setup.cfg', '[metadata]\nname = x\nlicense = Apache-2.0\n\n[options]\nlicense = MIT\n'), 'Apache-2.0');
});

void test('*.gemspec, pom.xml, *.csproj, *.nuspec, DESCRIPTION, dist.ini', () => {
  assert.equal(expressionOf('demo.gemspec', 'Gem::Specification.new do |s|\n  s.license = "MIT"\nend\n'), 'MIT');
  assert.equal(expressionOf('demo.gemspec', "Gem::Specification.new do |spec|\n  spec.licenses = ['MIT', 'Apache-2.0']\nend\n"), 'MIT OR Apache-2.0');
  const pom = `<?xml version="1.0"?><project><licenses><license><name>The Apache Software License, Version 2.0</name>
    <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses></project>`;
  assert.equal(expressionOf('pom.xml', pom), 'Apache-2.0');
  const pomUrlOnly = '<project><licenses><license><url>https://opensource.org/licenses/MIT</url></license></licenses></project>';
  assert.equal(expressionOf('pom.xml', pomUrlOnly), 'MIT');
  const csproj = '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><PackageLicenseExpression>MIT</PackageLicenseExpression></PropertyGroup></Project>';
  assert.equal(expressionOf('Demo.csproj', csproj), 'MIT');
  const nuspec = '<package><metadata><license type="expression">Apache-2.0</license></metadata></package>';
  assert.equal(expressionOf('demo.nuspec', nuspec), 'Apache-2.0');
  assert.equal(expressionOf('DESCRIPTION', 'Package: x\nLicense: MIT + file LICENSE\n'), 'MIT');
  assert.equal(expressionOf('dist.ini', 'name = X\nlicense = Perl_5\n'), null, 'names no SPDX license: nothing declared');
  assert.equal(readManifest('pom.xml', '<project><licenses>'), null);
  assert.equal(readManifest('README.md', 'license: MIT'), null);
});

void test('license URLs: read where the address names the license, never guessed', () => {
  const id = (url: string): string | null => {
    const node = declaredToExpression(url);
    return node && 'license' in node ? node.license : null;
  };
  assert.equal(id('http://www.apache.org/licenses/LICENSE-2.0'), 'Apache-2.0');
  assert.equal(id('https://opensource.org/licenses/MIT'), 'MIT');
  assert.equal(id('http://opensource.org/licenses/mit-license.php'), 'MIT');
  assert.equal(id('https://spdx.org/licenses/BSD-3-Clause.html'), 'BSD-3-Clause');
  assert.equal(id('https://choosealicense.com/licenses/isc/'), 'ISC');
  assert.equal(id('https://www.mozilla.org/en-US/MPL/2.0/'), 'MPL-2.0');
  assert.equal(id('https://www.gnu.org/licenses/lgpl-2.1.txt'), 'LGPL-2.1');
  // spdx-correct used to turn this custom license's page into MPL-2.0.
  assert.equal(declaredToExpression('https://example.test/our-license.html'), null);
  assert.equal(declaredToExpression('https://github.com/acme/tool/blob/main/LICENSE'), null);
});
