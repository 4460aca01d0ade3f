import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTool, failureSummary, parseReportTask, projectKey, scanArguments, scannerEnv } from './plan.js';

void test('project keys: upstream\'s for the three platforms, distinct ones elsewhere', () => {
  assert.equal(projectKey('https://github.com/Acme/Demo', 'Demo'), 'github_acme_demo');
  assert.equal(projectKey('git@gitee.com:acme/demo.git', 'demo'), 'gitee_acme_demo');
  assert.equal(projectKey('https://www.gitcode.com/acme/demo/', 'demo'), 'gitcode_acme_demo');
  assert.equal(projectKey('https://git.example.test/group/sub/demo.git', 'demo'), 'other_git.example.test_group_sub_demo');
  assert.equal(projectKey('/srv/repos/my demo', 'my demo'), 'other_default_my_demo');
  assert.equal(projectKey('file:///srv/repos/demo', 'demo'), 'other_default_demo');
});

void test('Maven and Gradle only when allowed; Gradle only with its wrapper and the SonarQube plugin', () => {
  const none = { pom: false, gradleBuild: null, gradleWrapper: false };
  assert.equal(chooseTool({ ...none, pom: true }, false), 'sonar-scanner');
  assert.equal(chooseTool({ ...none, pom: true }, true), 'maven');
  assert.equal(chooseTool({ ...none, gradleBuild: "plugins { id 'org.sonarqube' version '5.1.0' }", gradleWrapper: true }, true), 'gradle');
  assert.equal(chooseTool({ ...none, gradleBuild: "plugins { id 'java' }", gradleWrapper: true }, true), 'sonar-scanner');
  assert.equal(chooseTool({ ...none, gradleBuild: "id 'org.sonarqube'", gradleWrapper: false }, true), 'sonar-scanner');
});

void test('arguments carry the key, host and working folder, never the token', () => {
  const args = scanArguments('sonar-scanner', { key: 'github_acme_demo', hostUrl: 'https://sonar.example.test', workDir: '/tmp/w' });
  assert.ok(args.includes('-Dsonar.projectKey=github_acme_demo'));
  assert.ok(args.includes('-Dsonar.working.directory=/tmp/w'));
  assert.ok(args.some((a) => a.startsWith('-Dsonar.exclusions=') && a.includes('**/node_modules/**') && a.includes('**/*.java')));
  assert.deepEqual(scanArguments('maven', { key: 'k', hostUrl: 'h', workDir: 'w' }).slice(0, 5), ['-B', 'clean', 'verify', 'sonar:sonar', '-DskipTests']);
});

void test('the scanner environment keeps tool settings and drops everything else', () => {
  const env = scannerEnv({ PATH: '/bin', JAVA_HOME: '/jdk', OPENCHECKER_JWT_SECRET_KEY: 's', GITHUB_TOKEN: 't', AWS_SECRET_ACCESS_KEY: 'a', https_proxy: 'http://p' }, 'squ_x');
  assert.deepEqual(env, { PATH: '/bin', JAVA_HOME: '/jdk', https_proxy: 'http://p', SONAR_TOKEN: 'squ_x' });
});

void test('report-task.txt and failure summaries', () => {
  assert.deepEqual(parseReportTask('projectKey=k\nceTaskId=AZ1\r\ndashboardUrl=https://s/dashboard?id=k\n\nbad line\n'), {
    projectKey: 'k',
    ceTaskId: 'AZ1',
    dashboardUrl: 'https://s/dashboard?id=k',
  });
  assert.equal(failureSummary('INFO: a\nERROR: one\nINFO: b\nERROR: two\n'), 'ERROR: one\nERROR: two');
  assert.equal(failureSummary('line 1\nline 2\n', 1), 'line 2');
});
