/**
 * The reference server of the ingest benchmark (run as a child process, not a benchmark itself): the same
 * Fastify version as OpenChecker, one POST /opencheck route that parses the JSON body (Fastify's default
 * parser) and answers a body of the same shape and size as OpenChecker's, with no auth, validation, store,
 * queue, metrics hook or logging. Prints "listening <url>" on stdout once it accepts connections.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const app = Fastify({ logger: false });

app.post('/opencheck', async () => {
  const taskId = randomUUID();
  return { message: `Task queued; the results can be read at GET /opencheck/${taskId} when the check finishes.`, task_id: taskId };
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${address}\n`);

const stop = (): void => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
