/** One pino logger for the process; modules take child loggers tagged with what they work on. */
import { pino, type Logger } from 'pino';
import { redact } from './redact.js';

export type { Logger };

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino(
    {
      level,
      base: { service: 'openchecker' },
      // Secrets must never reach a log line, whatever object a caller passes in.
      redact: {
        paths: [
          'access_token',
          '*.access_token',
          'password',
          '*.password',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'req.headers.authorization',
          'secret',
          '*.secret',
        ],
        censor: '[redacted]',
      },
      // And whatever a secret-bearing text ends up in (a URL with user:token@ or ?private_token= in a message,
      // an error, a request line, a child's bindings): the finished line goes through the one redaction.
      hooks: { streamWrite: redact },
    },
    destination,
  );
}

/** A logger that writes nothing, for library use and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
