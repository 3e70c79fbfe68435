import pino, { type Logger } from 'pino';

/** Structured JSON logs. Keys never reach a log line. */
export function createLogger(level: string, destination: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino(
    {
      level,
      redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'key'], censor: '[redacted]' },
    },
    pino.destination(destination === 'stdout' ? 1 : 2),
  );
}
