/**
 * oat-scanner: runs OpenHarmony's OAT (open-source audit tool) on the checkout and returns its plain report
 * as upstream's JSON: `{"<Category>": {"total_count": N, "details": [{name, content, line, project, file}]}}`.
 * Needs `java` and the OAT jar at `[OAT] jar_path` (the runner reports either missing with its name). The
 * report goes to a temporary folder, not into the checkout (upstream wrote `oat_out/` into the repository).
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ExecError, run } from '../../lib/exec.js';
import { CheckerInputError, type Checker, type Json } from '../types.js';
import { parseOatReport } from './parse.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const configured = ctx.config.OAT.jar_path;
    const jar = isAbsolute(configured) ? configured : resolve(ctx.configDir, configured);
    if (!(await stat(jar).then((s) => s.isFile(), () => false))) {
      throw new CheckerInputError(`oat-scanner needs the OAT jar, and [OAT] jar_path (${jar}) is not a file`);
    }
    if (!(await ctx.repo.exists('OAT.xml'))) {
      throw new CheckerInputError('OAT.xml not found at the repository root: oat-scanner audits projects that ship an OAT configuration');
    }
    const out = await mkdtemp(join(tmpdir(), 'openchecker-oat-'));
    try {
      const name = ctx.repo.name;
      try {
        // OAT reads the files only; it gets no agent secrets in its environment.
        await run('java', ['-jar', jar, '-mode', 's', '-s', ctx.repo.root, '-r', out, '-n', name], {
          signal: ctx.signal,
          cwd: out,
          env: { PATH: process.env.PATH ?? '', ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}) },
          maxOutputBytes: 1024 * 1024,
        });
      } catch (err) {
        if (err instanceof ExecError && err.reason === 'exit') {
          throw new Error(`OAT failed (exit ${err.exitCode}): ${err.stderrTail.trim() || err.stdoutTail.trim()}`);
        }
        throw err;
      }
      const report = await findReport(out);
      if (!report) throw new Error(`OAT finished without writing a PlainReport_*.txt under ${out}`);
      return parseOatReport(await readFile(report, 'utf8'));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  },
};

/** OAT writes `single/PlainReport_<name>.txt` for single-project mode; look there, then at the top. */
async function findReport(out: string): Promise<string | null> {
  for (const dir of [join(out, 'single'), out]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const report = names.filter((n) => n.startsWith('PlainReport_') && n.endsWith('.txt')).sort()[0];
    if (report) return join(dir, report);
  }
  return null;
}
