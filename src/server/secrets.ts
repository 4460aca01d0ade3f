/** The JWT secret of an embedded installation: the configured one if real, else one generated and kept. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRealJwtSecret } from '../config/schema.js';

export function embeddedJwtSecret(configured: string, dataDir: string): { secret: string; generated: boolean } {
  if (isRealJwtSecret(configured)) return { secret: configured, generated: false };
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (isRealJwtSecret(kept)) return { secret: kept, generated: false };
  }
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, generated: true };
}
