/**
 * Scorecard's Packaging matchers, one table row per behaviour: each publishing pattern per ecosystem,
 * multi-line (continued) commands, Elixir/Hex, reusable workflow calls, and what does not count.
 * Fixtures are our own workflows written for each rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkflow } from '../workflows/parse.js';
import { findPackaging, isNpmRegistryUrl, PACKAGING_PATTERNS, runMatchLine, type PackagingPattern } from './packaging.js';

// The npm pattern requires the public npm registry's exact URL, which this repository does not spell out (it
// is compared by digest): the table runs with a stand-in registry URL; the production pattern is checked to
// refuse the stand-in.
const REGISTRY = 'https://registry.example.test';
const TEST_PATTERNS: readonly PackagingPattern[] = PACKAGING_PATTERNS.map((pattern) =>
  pattern.tool === 'npm' ? { ...pattern, steps: [{ uses: 'actions/setup-node', with: { 'registry-url': (value: string) => value === REGISTRY } }, ...pattern.steps.slice(1)] } : pattern,
);

/** A one-job workflow with the given steps (YAML list items, indented under `steps:`). */
function job(steps: string): string {
  return `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
}

const CASES: { name: string; text: string; tool: string | null }[] = [
  { name: 'npm to the npm registry', tool: 'npm', text: job('      - uses: actions/setup-node@v4\n        with:\n          registry-url: REGISTRY\n      - run: npm publish --provenance\n') },
  { name: 'pnpm publish matches npm.*publish', tool: 'npm', text: job('      - uses: actions/setup-node@v4\n        with:\n          registry-url: REGISTRY\n      - run: pnpm publish\n') },
  { name: 'not: npm to GitHub Packages', tool: null, text: job('      - uses: actions/setup-node@v4\n        with:\n          registry-url: https://npm.pkg.github.com\n      - run: npm publish\n') },
  { name: 'not: npm publish without setup-node', tool: null, text: job('      - run: npm publish\n') },
  { name: 'not: npm registry URL with a trailing slash (exact value)', tool: null, text: job('      - uses: actions/setup-node@v4\n        with:\n          registry-url: REGISTRY/\n      - run: npm publish\n') },
  { name: 'npm: steps in any order', tool: 'npm', text: job('      - run: npm publish\n      - uses: actions/setup-node@v4\n        with:\n          registry-url: REGISTRY\n') },
  { name: 'maven', tool: 'maven', text: job('      - uses: actions/setup-java@v4\n      - run: mvn -B deploy\n') },
  { name: 'maven on continued lines', tool: 'maven', text: job('      - uses: actions/setup-java@v4\n      - run: |\n          mvn \\\n            clean deploy\n') },
  { name: 'not: mvn and deploy on separate commands', tool: null, text: job('      - uses: actions/setup-java@v4\n      - run: |\n          mvn package\n          ./deploy.sh\n') },
  { name: 'not: mvn deploy without setup-java', tool: null, text: job('      - run: mvn deploy\n') },
  { name: 'gradle', tool: 'gradle', text: job('      - uses: actions/setup-java@v4\n      - run: ./gradlew publish\n') },
  { name: 'gem push', tool: 'rubygems', text: job('      - run: gem push pkg/*.gem\n') },
  { name: 'nuget push', tool: 'nuget', text: job('      - run: dotnet nuget push out/*.nupkg\n') },
  { name: 'docker push', tool: 'docker', text: job('      - run: docker push example/app\n') },
  { name: 'docker/build-push-action (push or not)', tool: 'docker', text: job('      - uses: docker/build-push-action@v6\n        with:\n          push: false\n') },
  { name: 'pypi action', tool: 'pypi', text: job('      - uses: pypa/gh-action-pypi-publish@release/v1\n') },
  { name: 'not: setup-python alone', tool: null, text: job('      - uses: actions/setup-python@v5\n        with:\n          python-version: 3.12\n') },
  { name: 'not: twine upload (not a Scorecard pattern)', tool: null, text: job('      - run: twine upload dist/*\n') },
  { name: 'python-semantic-release', tool: 'python-semantic-release', text: job('      - uses: relekang/python-semantic-release@v7\n') },
  { name: 'goreleaser with setup-go', tool: 'goreleaser', text: job('      - uses: actions/setup-go@v5\n      - uses: goreleaser/goreleaser-action@v6\n') },
  { name: 'not: goreleaser without setup-go', tool: null, text: job('      - uses: goreleaser/goreleaser-action@v6\n') },
  { name: 'cargo publish', tool: 'cargo', text: job('      - run: cargo publish --token x\n') },
  { name: 'ko', tool: 'ko', text: job('      - uses: ko-build/setup-ko@v0.7\n') },
  { name: 'hex with setup-beam', tool: 'hex', text: job('      - uses: erlef/setup-beam@v1\n      - run: mix deps.get\n      - run: mix hex.publish --yes\n') },
  { name: 'hex with setup-elixir', tool: 'hex', text: job('      - uses: erlef/setup-elixir@v1\n      - run: HEX_API_KEY=$K mix hex.publish --yes\n') },
  { name: 'not: mix hex.publish without a BEAM setup action', tool: null, text: job('      - run: mix hex.publish --yes\n') },
  { name: 'semantic-release', tool: 'semantic-release', text: job('      - run: npx semantic-release\n') },
  { name: 'sbt ci-release', tool: 'sbt', text: job('      - run: sbt ci-release\n') },
  { name: 'not: case differs (matching is case-sensitive)', tool: null, text: job('      - run: Docker Push example/app\n') },
  { name: 'not: a look-alike action name', tool: null, text: job('      - uses: actions/setup-javascript@v1\n      - run: mvn deploy\n') },
  { name: 'reusable workflow call of a matcher action', tool: 'pypi', text: 'on: push\njobs:\n  publish:\n    uses: pypa/gh-action-pypi-publish@release/v1\n' },
  { name: 'not: pattern split across jobs', tool: null, text: 'on: push\njobs:\n  a:\n    steps:\n      - uses: actions/setup-java@v4\n  b:\n    steps:\n      - run: mvn deploy\n' },
];

for (const c of CASES) {
  void test(`packaging: ${c.name}`, () => {
    const match = findPackaging(parseWorkflow('.github/workflows/release.yml', 'github', c.text.replaceAll('REGISTRY', REGISTRY)), TEST_PATTERNS);
    assert.equal(match?.tool ?? null, c.tool);
  });
}

test('packaging: the production npm pattern refuses another registry (digest comparison)', () => {
  assert.equal(isNpmRegistryUrl(REGISTRY), false);
  assert.equal(isNpmRegistryUrl(''), false);
  const text = job(`      - uses: actions/setup-node@v4\n        with:\n          registry-url: ${REGISTRY}\n      - run: npm publish\n`);
  assert.equal(findPackaging(parseWorkflow('.github/workflows/r.yml', 'github', text)), null);
});

test('packaging: job line (Scorecard) and first matcher step line', () => {
  const match = findPackaging(parseWorkflow('.github/workflows/r.yml', 'github', job('      - uses: actions/checkout@v4\n      - uses: actions/setup-java@v4\n      - run: mvn deploy\n')));
  assert.deepEqual(match && [match.job, match.jobLine, match.line], ['publish', 3, 7]);
});

test('runMatchLine joins continued lines and reports the first physical line', () => {
  assert.equal(runMatchLine('echo hi\nmvn \\\n  clean \\\n  deploy\n', /mvn.*deploy/), 'mvn \\');
  assert.equal(runMatchLine('mvn clean\ndeploy', /mvn.*deploy/), null);
  assert.equal(runMatchLine('mvn clean \\', /mvn.*deploy/), null);
});
