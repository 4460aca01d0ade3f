/** Password hashing with argon2id (OWASP's first choice), and the users management the API and CLI share. */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { UserExistsError } from '../store/sql-store.js';
import type { Store, UserRecord, UserRole } from '../store/types.js';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

// A real hash of a random password: verifying unknown users against it costs the same time as a real
// check, so response times do not reveal which user names exist.
let decoy: Promise<string> | null = null;

export async function verifyPassword(user: UserRecord | null, password: string): Promise<boolean> {
  if (!user) {
    decoy ??= hashPassword(randomBytes(16).toString('hex'));
    await argon2.verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(user.passwordHash, password);
  } catch {
    return false;
  }
}

/** A random password a person can copy: 24 characters of base64url. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;
export const MIN_PASSWORD_LENGTH = 8;

export function credentialProblem(username: string, password: string): string | null {
  if (!USERNAME_PATTERN.test(username)) return 'user names are 1-64 letters, digits or . _ @ -';
  if (password.length < MIN_PASSWORD_LENGTH) return `passwords have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 1024) return 'passwords have at most 1024 characters';
  return null;
}

export async function addUser(store: Store, username: string, password: string, role: UserRole): Promise<UserRecord> {
  const problem = credentialProblem(username, password);
  if (problem) throw new Error(problem);
  if (await store.getUserByName(username)) throw new Error(`user "${username}" exists already`);
  return store.createUser({ username, passwordHash: await hashPassword(password), role });
}

/**
 * Creates the [UserManager] default user, or updates its password when the configuration changed it. Empty
 * credentials are ignored: they never authenticate (upstream accepted "" / "").
 */
export async function ensureConfiguredUser(store: Store, username: string, password: string): Promise<'created' | 'updated' | 'unchanged' | 'skipped'> {
  if (!username || !password) return 'skipped';
  const existing = await store.getUserByName(username);
  if (!existing) {
    try {
      await store.createUser({ username, passwordHash: await hashPassword(password), role: 'admin' });
      return 'created';
    } catch (err) {
      // Several replicas starting at once on one shared database: another one created it first.
      if (err instanceof UserExistsError) return ensureConfiguredUser(store, username, password);
      throw err;
    }
  }
  if (await verifyPassword(existing, password)) return 'unchanged';
  await store.updatePassword(username, await hashPassword(password));
  return 'updated';
}
