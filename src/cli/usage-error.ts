/** A command line the user has to change (exit code 2); its own module so the entry point loads nothing more. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
