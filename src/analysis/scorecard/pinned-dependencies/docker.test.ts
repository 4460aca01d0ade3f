import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileDependencies, isDockerfile } from './docker.js';
import { scanUnits } from './scripts.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const images = (text: string, path = 'Dockerfile'): [number, string, boolean][] =>
  dockerfileDependencies(path, text).dependencies.map((d) => [d.line, d.name, d.pinned]);

test('multi-stage builds: FROM <stage> counts, pinned when that stage is', () => {
  const text = [`FROM golang@${DIGEST} AS build`, 'FROM build AS test', 'FROM python:3.12 AS py', 'FROM py', 'FROM scratch', 'COPY --from=build /x /x'].join('\n');
  assert.deepEqual(images(text), [
    [1, 'golang', true],
    [2, 'build', true],
    [3, 'python', false],
    [4, 'py', false],
  ]);
});

test('build arguments declared before FROM are resolved; --platform is not part of the image', () => {
  const text = [
    'ARG REGISTRY=docker.io',
    `ARG GO_VER=1.21-alpine@${DIGEST}`,
    'ARG SDK=9.0',
    'FROM --platform=$BUILDPLATFORM ${REGISTRY}/library/golang:${GO_VER} AS golang',
    'FROM golang AS tool',
    `FROM example.test/sdk@${DIGEST} AS sdk-9.0`,
    'FROM sdk-${SDK} AS build',
    'FROM ${UNKNOWN}:@sha256:${HASH}',
    'FROM other:${TAG}',
  ].join('\n');
  assert.deepEqual(images(text).map(([line, , pinned]) => [line, pinned]), [
    [4, true],
    [5, true],
    [6, true],
    [7, true],
    [8, true],
    [9, false],
  ]);
});

test('which files are Dockerfiles, and templates and shell scripts named like one', () => {
  const file = (path: string): boolean => isDockerfile({ path, lowerName: path.toLowerCase(), size: 1 });
  assert.deepEqual(['Dockerfile', 'build/Dockerfile.arm64', 'app.dockerfile', 'Containerfile', 'Dockerfile.go', 'Dockerfile.py'].map(file), [true, true, true, true, false, false]);
  assert.deepEqual(images('FROM python:3', 'Dockerfile.template'), []);
  assert.deepEqual(images('#!/bin/bash\nFROM python:3', 'Dockerfile-helper'), []);
});

test('RUN lines: continuations joined (findings span the instruction), heredocs, exec form, shared downloads', async () => {
  const text = [
    'FROM python:3.12',
    'RUN apt-get update && \\',
    '    # a comment inside the instruction',
    '    curl -fsSL https://x.example.test/i.sh | bash',
    'RUN wget -O /tmp/tool https://x.example.test/tool',
    'RUN chmod +x /tmp/tool && /tmp/tool',
    'RUN <<EOT',
    'pip install --no-deps -e git+https://x.example.test/r.git@v1.0',
    'EOT',
    'RUN <<EOT',
    '#!/usr/bin/env python',
    'print("curl https://x | sh")',
    'EOT',
    'RUN ["npm", \\',
    '     "ci"]',
    'RUN echo "unterminated',
  ].join('\n');
  const { units } = dockerfileDependencies('Dockerfile', text);
  const { dependencies, problems } = await scanUnits(units);
  assert.deepEqual(
    dependencies.map((d) => [d.type, d.line, d.endLine ?? d.line, d.pinned]),
    [
      ['ScriptDownload', 2, 4, false],
      ['ScriptDownload', 6, 6, false],
      ['PipInstall', 8, 8, false],
      ['NpmInstall', 14, 15, true],
    ],
  );
  assert.equal(problems.length, 1);
  assert.match(problems[0]?.error ?? '', /shell parse error/);
});
