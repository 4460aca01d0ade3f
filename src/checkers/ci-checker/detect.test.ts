import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeCiFile, describeJenkinsfile, isOpenHarmonyCiFile, looksLike, systemAt } from './detect.js';

void test('where each system keeps its configuration', () => {
  const cases: [string, string | null][] = [
    ['.github/workflows/ci.yml', 'github-actions'],
    ['.GitHub/Workflows/ci.YAML', 'github-actions'],
    ['.github/workflows/sub/ci.yml', null],
    ['.gitee/workflows/build.yml', 'gitee-workflows'],
    ['.gitcode/workflows/build.yaml', 'gitcode-workflows'],
    ['.workflow/master-pipeline.yml', 'gitee-go'],
    ['.gitlab-ci.yml', 'gitlab-ci'],
    ['sub/.gitlab-ci.yml', null],
    ['Jenkinsfile', 'jenkins'],
    ['ci/Jenkinsfile.release', 'jenkins'],
    ['pipelines/nightly.jenkinsfile', 'jenkins'],
    ['.travis.yml', 'travis-ci'],
    ['.circleci/config.yml', 'circleci'],
    ['.circleci/other.yml', null],
    ['azure-pipelines.yml', 'azure-pipelines'],
    ['.azure-pipelines/release.yml', 'azure-pipelines'],
    ['appveyor.yml', 'appveyor'],
    ['.appveyor.yml', 'appveyor'],
    ['.drone.yml', 'drone'],
    ['.drone.jsonnet', 'drone'],
    ['.buildkite/pipeline.yml', 'buildkite'],
    ['.tekton/pull-request.yaml', 'tekton'],
    ['deploy/tekton/pipeline.yaml', 'tekton'],
    ['.zuul.yaml', 'zuul'],
    ['zuul.d/jobs.yaml', 'zuul'],
    ['.prow.yaml', 'prow'],
    ['.woodpecker/test.yml', 'woodpecker'],
    ['.cirrus.yml', 'cirrus-ci'],
    ['.semaphore/semaphore.yml', 'semaphore'],
    ['bitbucket-pipelines.yml', 'bitbucket-pipelines'],
    ['README.md', null],
    ['docs/travis.yml', null],
  ];
  for (const [path, system] of cases) assert.equal(systemAt(path)?.system ?? null, system, path);
});

void test('shared locations need the content to look like the system', () => {
  assert.equal(systemAt('.workflow/x.yml')?.needsContent, true);
  assert.ok(looksLike('gitee-go', 'version: "1.0"\nname: p\nstages:\n  - stage:\n      name: build\n'));
  assert.ok(!looksLike('gitee-go', 'steps: []\n'));
  assert.ok(looksLike('tekton', 'apiVersion: tekton.dev/v1\nkind: PipelineRun\n'));
  assert.ok(!looksLike('tekton', 'apiVersion: apps/v1\nkind: Deployment\n'));
});

void test('OpenHarmony CI only for projects of the OpenHarmony organisations', () => {
  assert.ok(isOpenHarmonyCiFile('bundle.json', 'openharmony'));
  assert.ok(isOpenHarmonyCiFile('ci-default.xml', 'OpenHarmony'));
  assert.ok(!isOpenHarmonyCiFile('bundle.json', 'acme'));
  assert.ok(!isOpenHarmonyCiFile('bundle.json', null));
  assert.ok(!isOpenHarmonyCiFile('sub/bundle.json', 'openharmony'));
});

void test('triggers and jobs of each format', () => {
  const gitlab = describeCiFile('gitlab-ci', '.gitlab-ci.yml', 'stages: [build, test]\nvariables: {A: 1}\n.template: {script: [x]}\nbuild:\n  stage: build\n  script: [make]\ntest:\n  script: [make test]\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n');
  assert.deepEqual(gitlab, { triggers: ['merge_request'], jobs: ['build', 'test'] });
  assert.deepEqual(describeCiFile('gitlab-ci', '.gitlab-ci.yml', 'build:\n  script: [make]\n').triggers, ['push']);

  assert.deepEqual(describeCiFile('travis-ci', '.travis.yml', 'language: go\njobs:\n  include:\n    - name: lint\n    - stage: deploy\n'), { triggers: ['push', 'pull_request'], jobs: ['lint', 'deploy'] });
  assert.deepEqual(describeCiFile('travis-ci', '.travis.yml', 'language: go\n').jobs, ['build']);
  assert.deepEqual(describeCiFile('circleci', '.circleci/config.yml', 'version: 2.1\njobs:\n  build: {docker: [{image: x}]}\n  test: {docker: [{image: x}]}\n').jobs, ['build', 'test']);
  assert.deepEqual(describeCiFile('azure-pipelines', 'azure-pipelines.yml', 'trigger: none\npr: [main]\nstages:\n  - stage: B\n    jobs:\n      - job: Linux\n      - deployment: Ship\n'), { triggers: ['pull_request'], jobs: ['Linux', 'Ship'] });
  assert.deepEqual(describeCiFile('azure-pipelines', 'azure-pipelines.yml', 'steps:\n  - script: make\n'), { triggers: ['push', 'pull_request'], jobs: ['default'] });
  assert.deepEqual(describeCiFile('drone', '.drone.yml', 'kind: pipeline\nname: default\ntrigger:\n  event: [push, tag]\n---\nkind: pipeline\nname: arm\n---\nkind: secret\nname: token\n'), { triggers: ['push', 'tag'], jobs: ['default', 'arm'] });
  assert.deepEqual(describeCiFile('drone', '.drone.jsonnet', 'local p(n) = {kind: "pipeline"};'), { triggers: ['push', 'pull_request', 'tag'], jobs: [] });
  assert.deepEqual(describeCiFile('buildkite', '.buildkite/pipeline.yml', 'steps:\n  - label: ":hammer: test"\n    command: make\n  - wait\n  - command: make deploy\n').jobs, [':hammer: test', 'make deploy']);
  assert.deepEqual(
    describeCiFile('tekton', '.tekton/pr.yaml', 'apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  name: demo-on-pull-request\n  annotations:\n    pipelinesascode.tekton.dev/on-event: "[pull_request, push]"\n'),
    { triggers: ['pull_request', 'push'], jobs: ['demo-on-pull-request'] },
  );
  assert.deepEqual(describeCiFile('zuul', '.zuul.yaml', '- job:\n    name: demo-unit\n- project:\n    check:\n      jobs:\n        - demo-unit\n        - tox-pep8: {voting: false}\n    gate:\n      jobs: [demo-unit]\n'), { triggers: ['check', 'gate'], jobs: ['demo-unit', 'tox-pep8'] });
  assert.deepEqual(describeCiFile('prow', '.prow.yaml', 'presubmits:\n  - name: pull-demo-unit\npostsubmits:\n  - name: post-demo-push\n'), { triggers: ['pull_request', 'push'], jobs: ['pull-demo-unit', 'post-demo-push'] });
  assert.deepEqual(
    describeCiFile('gitee-go', '.workflow/master-pipeline.yml', 'version: "1.0"\nname: m\ntriggers:\n  push:\n    branches: {prefix: [""]}\n  pr:\n    branches: {prefix: [""]}\nstages:\n  - stage:\n      name: compile\n      jobs: []\n  - name: deploy\n'),
    { triggers: ['push', 'pull_request'], jobs: ['compile', 'deploy'] },
  );
  assert.deepEqual(describeCiFile('bitbucket-pipelines', 'bitbucket-pipelines.yml', 'pipelines:\n  default:\n    - step: {name: Build, script: [make]}\n  pull-requests:\n    "**":\n      - step: {name: Test, script: [make test]}\n'), { triggers: ['push', 'pull_request'], jobs: ['Build', 'Test'] });
  assert.deepEqual(describeCiFile('semaphore', '.semaphore/semaphore.yml', 'version: v1.0\nblocks:\n  - name: Test\n').jobs, ['Test']);
  assert.deepEqual(describeCiFile('cirrus-ci', '.cirrus.yml', 'lint_task:\n  script: make lint\ntest_task:\n  script: make\nenv: {A: 1}\n').jobs, ['lint_task', 'test_task']);
});

void test('Jenkinsfile stages and declared triggers', () => {
  const declarative = "pipeline {\n  agent any\n  triggers { cron('H 4 * * 1-5') }\n  stages {\n    stage('Build') { steps { sh 'make' } }\n    stage(\"Test\") { steps { sh 'make test' } }\n  }\n}\n";
  assert.deepEqual(describeJenkinsfile(declarative), { triggers: ['schedule'], jobs: ['Build', 'Test'] });
  assert.deepEqual(describeJenkinsfile('node { stage(name: "Checkout") { checkout scm } }'), { triggers: [], jobs: ['Checkout'] });
});

void test('malformed and empty files keep their place with the reason', () => {
  const broken = describeCiFile('travis-ci', '.travis.yml', 'language: [go\n');
  assert.deepEqual([broken.triggers, broken.jobs], [[], []]);
  assert.match(broken.error ?? '', /^invalid YAML/);
  assert.equal(describeCiFile('circleci', '.circleci/config.yml', '\n').error, 'the file is empty');
});
