import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeContext, makeRepo, makeTask, testConfig } from '../../../test/support/fixtures.js';
import { runCommands } from '../runner.js';
import { silentLogger } from '../../lib/log.js';
import { checker } from './index.js';
import { parseOatReport } from './parse.js';

/** A report in OAT 2.0's plain format: a header, category lines with counts, tab-separated findings. */
export const REPORT = `Scanned Dir:\t/work/repos/demo
Scanned Time:\t2024-05-01 10:00:00
Scanned Mode:\tsingle

Invalid File Type Total Count: 2
Name: binary\tContent: x.zip\tLine: 0\tProject: demo\tFile: demo/x.zip
Name: archive  Content: lib/tool.jar  Line: 0  Project: demo  File: demo/lib/tool.jar

License Header Invalid Total Count: 1
Name: NoLicenseHeader\tContent: NULL\tLine: 3\tProject: demo\tFile: demo/src/a.c

Copyright Header Invalid Total Count: 0

Note: see the OAT documentation for how to fix each category.
`;

test('parses categories, counts and findings', () => {
  assert.deepEqual(parseOatReport(REPORT), {
    'Invalid File Type': {
      total_count: 2,
      details: [
        { name: 'binary', content: 'x.zip', line: 0, project: 'demo', file: 'demo/x.zip' },
        { name: 'archive', content: 'lib/tool.jar', line: 0, project: 'demo', file: 'demo/lib/tool.jar' },
      ],
    },
    'License Header Invalid': { total_count: 1, details: [{ name: 'NoLicenseHeader', content: 'NULL', line: 3, project: 'demo', file: 'demo/src/a.c' }] },
    'Copyright Header Invalid': { total_count: 0, details: [] },
  });
  assert.deepEqual(parseOatReport(''), {});
  // A finding before any category line belongs to none and is dropped.
  assert.deepEqual(parseOatReport('Name: a Content: b Line: 1 Project: c File: d\n'), {});
});

test('without [OAT] jar_path the runner names the missing setting', async () => {
  const repo = await makeRepo({ 'OAT.xml': '<configuration/>' });
  try {
    const results = await runCommands({ commands: ['oat-scanner'], task: makeTask(), repo: repo.view, config: testConfig(), configDir: tmpdir(), log: silentLogger() });
    assert.deepEqual(results['oat-scanner'], { error: 'oat-scanner needs the configuration key [OAT] jar_path (or OPENCHECKER_OAT_JAR_PATH)' });
  } finally {
    await repo.cleanup();
  }
});

test('a configured jar that does not exist, and a project without OAT.xml, are clear errors', async () => {
  const repo = await makeRepo({ 'README.md': 'x' });
  try {
    const config = testConfig({ OPENCHECKER_OAT_JAR_PATH: '/nonexistent/oat.jar' });
    await assert.rejects(checker.run(makeContext(repo.view, { config })), /\[OAT\] jar_path \(\/nonexistent\/oat\.jar\) is not a file/);
    const jarDir = await mkdtemp(join(tmpdir(), 'oc-oat-'));
    try {
      await writeFile(join(jarDir, 'oat.jar'), 'not really a jar');
      const withJar = testConfig({ OPENCHECKER_OAT_JAR_PATH: 'oat.jar' });
      await assert.rejects(checker.run(makeContext(repo.view, { config: withJar, configDir: jarDir })), /OAT\.xml not found/);
    } finally {
      await rm(jarDir, { recursive: true, force: true });
    }
  } finally {
    await repo.cleanup();
  }
});

/**
 * The real OAT jar cannot be downloaded here, so this builds a jar with OAT's command line (`-mode s -s <dir>
 * -r <out> -n <name>`) that writes its report where OAT does: it checks the arguments the checker passes, the
 * report lookup and that nothing is written into the checkout.
 */
const FAKE_OAT = `
import java.nio.file.*;
public class FakeOat {
  public static void main(String[] a) throws Exception {
    if (a.length != 8 || !a[0].equals("-mode") || !a[1].equals("s") || !a[2].equals("-s") || !a[4].equals("-r") || !a[6].equals("-n")) {
      System.err.println("bad arguments"); System.exit(2);
    }
    if (!Files.exists(Paths.get(a[3], "OAT.xml"))) { System.err.println("no OAT.xml"); System.exit(3); }
    Path dir = Paths.get(a[5], "single");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("PlainReport_" + a[7] + ".txt"), new String(Files.readAllBytes(Paths.get(a[3], "report.txt"))));
  }
}
`;

test('runs the jar with java and parses the report it writes', async (t) => {
  const has = (tool: string): boolean => {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!has('javac') || !has('jar')) {
    t.skip('javac/jar not installed: cannot build the stand-in OAT jar');
    return;
  }
  const build = await mkdtemp(join(tmpdir(), 'oc-oat-jar-'));
  const repo = await makeRepo({ 'OAT.xml': '<configuration/>', 'report.txt': REPORT });
  try {
    await writeFile(join(build, 'FakeOat.java'), FAKE_OAT);
    execFileSync('javac', ['-d', build, join(build, 'FakeOat.java')]);
    execFileSync('jar', ['--create', '--file', join(build, 'oat.jar'), '--main-class', 'FakeOat', '-C', build, 'FakeOat.class']);
    const config = testConfig({ OPENCHECKER_OAT_JAR_PATH: join(build, 'oat.jar') });
    const result = await checker.run(makeContext(repo.view, { config }));
    assert.deepEqual(result, parseOatReport(REPORT));
    assert.equal(await repo.view.exists('oat_out/single/PlainReport_demo.txt'), false);
  } finally {
    await repo.cleanup();
    await rm(build, { recursive: true, force: true });
  }
});
