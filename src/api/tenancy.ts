/**
 * Who sees which task. A task belongs to the user who submitted it (its owner id); a user sees their own tasks,
 * an admin sees every task. A task with no owner (a queue message from the Python main, or a row stored before
 * owners were) is visible to admins only. Someone else's task is answered exactly like a missing one (404), so
 * the API never reveals that a task id exists.
 */
import type { TaskRecord, UserRecord } from '../store/types.js';

export function isAdmin(user: UserRecord | null): boolean {
  return user?.role === 'admin';
}

export function canSee(user: UserRecord | null, task: TaskRecord): boolean {
  if (!user) return false;
  return isAdmin(user) || (task.ownerId !== null && task.ownerId === user.id);
}

/** The owner filter of a listing: undefined (every task) for admins, else the caller's own id. */
export function listingOwner(user: UserRecord): string | undefined {
  return isAdmin(user) ? undefined : user.id;
}
