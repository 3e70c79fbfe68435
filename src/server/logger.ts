import pino, { type DestinationStream, type Logger } from 'pino';
import { maskIdNumbersIn } from '../entities/id-number';

/**
 * Structured JSON logs. Keys never reach a log line, and neither do ID numbers: every line
 * is masked as a whole once pino has written it (whatever field, message or error carried
 * the number), and errors lose the SQL parameters drizzle attaches to a failed query.
 * `destination` may be a stream, for tests that read what was logged.
 */
export function createLogger(level: string, destination: 'stdout' | 'stderr' | DestinationStream = 'stdout'): Logger {
  const out = typeof destination === 'string' ? pino.destination(destination === 'stdout' ? 1 : 2) : destination;
  return pino(
    {
      level,
      redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'key'], censor: '[redacted]' },
      serializers: { err: errorWithoutParameters },
    },
    { write: (line: string) => out.write(maskIdNumbersIn(line)) },
  );
}

const WITHHELD = ' [parameters withheld]';

/**
 * pino's error serializer, minus query parameters: a failed batch's insert carries every
 * value of its rows (names, addresses, ID numbers, mistyped ones included), and drizzle puts
 * them both in `params` and at the end of the message ("Failed query: …\nparams: …").
 */
export function errorWithoutParameters(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const out = pino.stdSerializers.err(error);
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (!('params' in e) || !Array.isArray(e.params)) continue;
    const text = `\nparams: ${String(e.params)}`;
    out.message = out.message.split(text).join(WITHHELD);
    if (out.stack) out.stack = out.stack.split(text).join(WITHHELD);
  }
  delete out.params;
  delete out.parameters;
  return out;
}
