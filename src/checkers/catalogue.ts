/**
 * The 33 upstream command names. They are part of the API (OSS Compass rejects results for names it does not
 * know), so they are accepted even where this version has no implementation yet: such a command answers
 * `{"error": "... is not available in this version of OpenChecker"}` instead of being silently dropped.
 */
export const UPSTREAM_COMMANDS = {
  'osv-scanner': 'Known vulnerabilities of the dependencies in lockfiles and manifests (OSV).',
  scancode: 'License and copyright detection per file (ScanCode layout).',
  'dependency-checker': 'Dependencies as package URLs, split by whether a license was detected.',
  'readme-checker': 'README files anywhere in the repository.',
  'maintainers-checker': 'MAINTAINERS, COMMITTERS, OWNERS and CODEOWNERS files.',
  'languages-detector': 'Languages by size, in GitHub Linguist layout.',
  'oat-scanner': 'OpenHarmony OAT audit report.',
  'license-detector': 'Project license, in licensee layout.',
  'sonar-scanner': 'SonarQube analysis measures.',
  'binary-checker': 'Binary files and archives committed to the repository.',
  'api-doc-checker': 'Whether the documentation explains the API (LLM-assisted).',
  'build-doc-checker': 'Whether the documentation explains building and packaging (LLM-assisted).',
  'readme-opensource-checker': 'README.OpenSource present and well-formed (OpenHarmony).',
  'dangerous-workflow-checker': 'Dangerous CI workflow patterns: untrusted checkout, script injection.',
  'dependency-update-tool-checker': 'Dependabot, Renovate, PyUp or Scala Steward configuration.',
  'fuzzing-checker': 'Fuzzing set-ups: OSS-Fuzz, ClusterFuzzLite, native fuzz tests.',
  'packaging-checker': 'CI workflows that publish packages.',
  'pinned-dependencies-checker': 'Dependencies pinned by hash or exact version: Actions, Docker, pip, npm, scripts.',
  'sast-checker': 'Static analysis tools in CI workflows and build files.',
  'security-policy-checker': 'Security policy file and its contents (links, contacts, disclosure text).',
  'token-permissions-checker': 'GITHUB_TOKEN permissions declared by CI workflows.',
  'changed-files-since-commit-detector': 'Files added, renamed, deleted and modified since commit_hash.',
  'eol-checker': 'Whether the project is on the end-of-life list.',
  'release-checker': 'Releases with notes, SBOMs and signatures.',
  'url-checker': 'Whether the project URL answers over HTTP.',
  'bestpractices-checker': 'OpenSSF Best Practices badge data.',
  'webhooks-checker': 'Repository webhooks (needs the caller access_token).',
  'criticality-score': 'OpenSSF criticality score.',
  'scorecard-score': 'OpenSSF Scorecard score and checks.',
  'code-count': 'Lines of code (cloc-compatible counts).',
  'package-info': 'Package registry data: description, dependents, downloads.',
  'ohpm-info': 'OHPM package downloads and dependents.',
  'repo-country-organizations': 'Countries and organisations of contributors and stargazers (OSS Insight).',
} as const satisfies Record<string, string>;

export type UpstreamCommand = keyof typeof UPSTREAM_COMMANDS;
