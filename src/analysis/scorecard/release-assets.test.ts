import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactMetadataKind, bodyHasNotes, isChecksumFile, isReleaseNotesFile, isSbomFile, isSignatureAsset, publishedReleases } from './release-assets.js';

void test('release-notes files: the names projects use, at any depth, not vendored copies', () => {
  const yes = ['CHANGELOG.md', 'changelog', 'CHANGELOG', 'ChangeLog.txt', 'CHANGES.rst', 'HISTORY.md', 'NEWS', 'NEWS.md', 'RELEASE_NOTES.md', 'release-notes.adoc', 'RELEASENOTES.md', 'RELEASES.md', 'docs/CHANGELOG.md', 'CHANGELOG/CHANGELOG-1.28.md', 'changelogs/unreleased/fix.yml', '.changes/1.2.0.md', 'release-notes/v1.0.md', 'WHATS_NEW.md'];
  const no = ['README.md', 'src/changelog.ts', 'CHANGELOG.png', 'node_modules/lodash/CHANGELOG.md', 'vendor/x/NEWS', 'third_party/y/HISTORY.md', 'newsletter.md', 'src/news/feed.js', 'docs/releases.png'];
  for (const path of yes) assert.equal(isReleaseNotesFile(path), true, path);
  for (const path of no) assert.equal(isReleaseNotesFile(path), false, path);
});

void test('SBOM files: CycloneDX and SPDX names', () => {
  const yes = ['bom.json', 'bom.xml', 'sbom.json', 'demo.cdx.json', 'dist/demo.cdx.xml', 'demo.spdx', 'demo.spdx.json', 'demo.spdx.yaml', 'demo.spdx.yml', 'demo.spdx.rdf', 'demo.spdx.rdf.xml', 'DEMO.SPDX.JSON'];
  const no = ['spdx.json.bak', 'bom.txt', '.cdx.json', 'cdx.json', 'docs/spdx.md', 'node_modules/x/bom.json', 'package.json'];
  for (const path of yes) assert.equal(isSbomFile(path), true, path);
  for (const path of no) assert.equal(isSbomFile(path), false, path);
});

void test('signature assets: signature and provenance suffixes', () => {
  for (const name of ['demo.tar.gz.asc', 'demo.minisig', 'demo.sig', 'demo.sign', 'demo.sigstore', 'demo.sigstore.json', 'multiple.intoto.jsonl', 'DEMO.ASC']) assert.equal(isSignatureAsset(name), true, name);
  for (const name of ['demo.tar.gz', 'signature.txt', '.sig', 'demo.sigs', 'demo.asc.txt']) assert.equal(isSignatureAsset(name), false, name);
});

void test('release bodies: text is notes; an empty body or a bare "Full Changelog" link is not', () => {
  assert.equal(bodyHasNotes("## What's Changed\n* Fix all the bugs"), true);
  assert.equal(bodyHasNotes('首个版本'), true);
  assert.equal(bodyHasNotes(''), false);
  assert.equal(bodyHasNotes('  \n\n '), false);
  assert.equal(bodyHasNotes('**Full Changelog**: https://github.com/acme/demo/compare/v1...v2'), false);
  assert.equal(bodyHasNotes('<!-- Release notes generated -->\n\n**Full Changelog**: https://x/compare/a...b'), false);
});

void test('checksum files and the kind of build metadata an asset is', () => {
  for (const name of ['SHA256SUMS', 'sha256sums.txt', 'checksums.txt', 'CHECKSUMS', 'demo_1.2.0_checksums.txt', 'demo-1.2.0-SHA512SUMS.txt', 'demo.tar.gz.sha256', 'demo.zip.sha512sum', 'demo.jar.md5', 'B2SUMS']) assert.equal(isChecksumFile(name), true, name);
  for (const name of ['sha256.go', 'checksum.rs', 'demo.tar.gz', '.sha256']) assert.equal(isChecksumFile(name), false, name);
  const kinds: [string, string | null][] = [
    ['demo.intoto.jsonl', 'provenance'],
    ['multiple.intoto.jsonl', 'provenance'],
    ['demo-provenance.json', 'provenance'],
    ['attestation.jsonl', 'provenance'],
    ['demo.cdx.json', 'sbom'],
    ['SHA256SUMS.asc', 'signature'],
    ['demo.tar.gz.sig', 'signature'],
    ['demo.sigstore.json', 'signature'],
    ['SHA256SUMS', 'checksum'],
    ['demo.tar.gz', null],
    ['README.md', null],
  ];
  for (const [name, kind] of kinds) assert.equal(artifactMetadataKind(name), kind, name);
});

void test('published releases: no drafts or pre-releases, newest first', () => {
  const release = (tag: string, date: string, extra = {}): { tag: string; draft: boolean; prerelease: boolean; createdAt: string | null; publishedAt: string | null } => ({ tag, draft: false, prerelease: false, createdAt: date, publishedAt: date, ...extra });
  const list = [release('v1', '2024-01-01'), release('v3-rc', '2024-03-01', { prerelease: true }), release('v2', '2024-02-01'), release('draft', '2024-04-01', { draft: true }), release('', '2024-05-01')];
  assert.deepEqual(publishedReleases(list).map((entry) => entry.tag), ['v2', 'v1']);
});
