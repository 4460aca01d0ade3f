// `npm run licensedb:update -- <path-to-licensedb.json.gz>`: replaces the shipped ScanCode LicenseDB
// (data/scancode-licensedb/licensedb.json.gz) with a newer export and rebuilds the index from it
// (scripts/build-licensedb-index.mjs, into dist/). The file is checked before it replaces anything: gzipped JSON
// with "licenses" and "rules" arrays, under CC-BY-4.0 (another data license means NOTICE and the docs need a
// review first, so the update stops). Prints what changed; commit the data file with the counts in its README.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'data', 'scancode-licensedb', 'licensedb.json.gz');
const source = process.argv[2];
if (!source || process.argv.length > 3) {
  process.stderr.write('usage: npm run licensedb:update -- <path-to-licensedb.json.gz>\n');
  process.exit(2);
}

function summary(path) {
  const db = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  if (!db || !Array.isArray(db.licenses) || !Array.isArray(db.rules)) throw new Error('expected an object with "licenses" and "rules" arrays');
  return { version: db.version ?? '?', commit: db.commit ?? '?', dataLicense: db.data_license, licenses: db.licenses.length, rules: db.rules.length };
}

let next;
try {
  next = summary(resolve(source));
} catch (error) {
  process.stderr.write(`licensedb:update: ${source} is not LicenseDB data: ${error.message}\n`);
  process.exit(1);
}
if (next.dataLicense !== 'CC-BY-4.0') {
  process.stderr.write(`licensedb:update: the new data is under "${next.dataLicense}", not CC-BY-4.0: review NOTICE and the docs before shipping it\n`);
  process.exit(1);
}
const previous = existsSync(target) ? summary(target) : null;
copyFileSync(resolve(source), target);
process.stdout.write(
  `licensedb:update: ${previous ? `${previous.version} (${previous.licenses} licenses, ${previous.rules} rules)` : 'none'} → ` +
    `${next.version} at ${next.commit} (${next.licenses} licenses, ${next.rules} rules)\n`,
);

// The index is built by the compiled builder; compile it first when this checkout has not been built.
if (!existsSync(join(root, 'dist', 'src', 'analysis', 'licenses', 'licensedb-index.js'))) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (compiled.status !== 0) process.exit(compiled.status ?? 1);
}
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-licensedb-index.mjs')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
process.stdout.write('licensedb:update: done. Update the source line and counts in data/scancode-licensedb/README.md, then commit the data file.\n');
