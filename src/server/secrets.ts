/**
 * The JWT secret of an embedded installation: the configured one when one is set, else one generated and kept
 * in the data folder. A configured secret that is weak (short, repetitive, sequential) is refused, never
 * replaced silently: the operator meant to set one.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/load.js';
import { isRealJwtSecret } from '../config/schema.js';
import { SECRET_ADVICE, isPlaceholderSecret, secretProblem } from '../config/secret-strength.js';

/** Throws a ConfigError saying what is wrong with a configured JWT secret (without quoting it). */
export function assertStrongJwtSecret(secret: string, where = '[JWT] secret_key (or OPENCHECKER_JWT_SECRET_KEY)'): void {
  const problem = secretProblem(secret);
  if (problem) throw new ConfigError(`${where} ${problem}: ${SECRET_ADVICE}`);
}

export function embeddedJwtSecret(configured: string, dataDir: string): { secret: string; generated: boolean } {
  if (!isPlaceholderSecret(configured)) {
    assertStrongJwtSecret(configured);
    return { secret: configured, generated: false };
  }
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    // Kept by an older version with the umask's mode (0644): readable by its owner only from now on.
    chmodSync(file, 0o600);
    const kept = readFileSync(file, 'utf8').trim();
    if (isRealJwtSecret(kept)) return { secret: kept, generated: false };
  }
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  // The mode applies only to a file writeFileSync creates; an existing (weak, replaced) one is narrowed here.
  chmodSync(file, 0o600);
  return { secret, generated: true };
}
