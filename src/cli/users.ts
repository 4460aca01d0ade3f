/** `openchecker users add|list|remove|passwd`: manage the users of an embedded installation. */
import type { Command } from 'commander';
import type { Store } from '../store/types.js';
import { credentialProblem, addUser, generatePassword, hashPassword } from '../users/passwords.js';
import { UsageError, action, loadCliConfig } from './common.js';
import { openConfiguredStore } from './store.js';

interface StoreOptions {
  config?: string;
  dataDir?: string;
}

/** The store users live in: PostgreSQL when [Database] url is set (distributed mode), else the embedded one. */
async function withStore<T>(options: StoreOptions, fn: (backend: { store: Store }) => Promise<T>): Promise<T> {
  const { config } = loadCliConfig(options.config, { OpenCheck: { data_dir: options.dataDir } });
  const store = await openConfiguredStore(config);
  try {
    return await fn({ store });
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function passwordFrom(options: { passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (options.passwordStdin) return { password: await readStdin(), generated: false };
  if (process.env.OPENCHECKER_NEW_PASSWORD) return { password: process.env.OPENCHECKER_NEW_PASSWORD, generated: false };
  return { password: generatePassword(), generated: true };
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Manage users: in PostgreSQL when [Database] url is set, else in the embedded store (data directory of `openchecker up`)');
  const storeOptions = (command: Command): Command =>
    command.option('--config <file>', 'config.ini to read').option('--data-dir <dir>', 'data directory (default ./.openchecker)');

  storeOptions(
    users
      .command('add')
      .description('Add a user; the password comes from --password-stdin or $OPENCHECKER_NEW_PASSWORD, else one is generated and printed')
      .argument('<username>')
      .option('--password-stdin', 'read the password from standard input')
      .option('--role <role>', 'admin or user', 'user'),
  ).action(
    action(async (username: string, options: StoreOptions & { passwordStdin?: boolean; role: string }) => {
      if (options.role !== 'admin' && options.role !== 'user') throw new UsageError('--role must be admin or user');
      const role = options.role;
      const { password, generated } = await passwordFrom(options);
      await withStore(options, async (backend) => addUser(backend.store, username, password, role));
      process.stdout.write(`added ${role} "${username}"${generated ? `; password: ${password}` : ''}\n`);
    }),
  );

  storeOptions(users.command('list').description('List users')).action(
    action(async (options: StoreOptions) => {
      const list = await withStore(options, (backend) => backend.store.listUsers());
      if (list.length === 0) process.stdout.write('no users\n');
      for (const user of list) process.stdout.write(`${user.username}\t${user.role}\t${user.createdAt}\n`);
    }),
  );

  storeOptions(users.command('remove').description('Remove a user').argument('<username>')).action(
    action(async (username: string, options: StoreOptions) => {
      const removed = await withStore(options, (backend) => backend.store.deleteUser(username));
      if (!removed) throw new UsageError(`no user "${username}"`);
      process.stdout.write(`removed "${username}"\n`);
    }),
  );

  storeOptions(
    users
      .command('passwd')
      .description('Set a new password (from --password-stdin or $OPENCHECKER_NEW_PASSWORD, else generated and printed)')
      .argument('<username>')
      .option('--password-stdin', 'read the password from standard input'),
  ).action(
    action(async (username: string, options: StoreOptions & { passwordStdin?: boolean }) => {
      const { password, generated } = await passwordFrom(options);
      const problem = credentialProblem(username, password);
      if (problem) throw new UsageError(problem);
      const changed = await withStore(options, async (backend) => backend.store.updatePassword(username, await hashPassword(password)));
      if (!changed) throw new UsageError(`no user "${username}"`);
      process.stdout.write(`password of "${username}" changed${generated ? `; new password: ${password}` : ''}\n`);
    }),
  );
}
