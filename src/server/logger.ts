import pino, { type DestinationStream, type Logger } from 'pino';
import { isColorSupported, prettyFactory } from 'pino-pretty';
import type { LogFormat } from '../config/config';
import { maskIdNumbersIn } from '../entities/id-number';

/**
 * Structured logs: JSON lines, or the same lines made readable for a terminal (LOG_FORMAT).
 * Keys never reach a log line, and neither do ID numbers: every line is masked as a whole
 * once pino has written it (whatever field, message or error carried the number), and
 * errors lose the SQL parameters drizzle attaches to a failed query. `destination` may be
 * a stream, for tests that read what was logged.
 */
export function createLogger(level: string, destination: 'stdout' | 'stderr' | DestinationStream = 'stdout', format: LogFormat = 'json'): Logger {
  const out = typeof destination === 'string' ? pino.destination(destination === 'stdout' ? 1 : 2) : destination;
  // Prettified in the same write, from the masked JSON line: nothing reaches the terminal
  // that the JSON form would not have shown, and no worker thread can lose the last lines.
  const pretty =
    format === 'pretty'
      ? prettyFactory({ colorize: typeof destination === 'string' && isColorSupported, singleLine: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' })
      : null;
  return pino(
    {
      level,
      redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'key'], censor: '[redacted]' },
      serializers: { err: errorWithoutParameters },
    },
    { write: (line: string) => out.write(pretty ? pretty(maskIdNumbersIn(line)) : maskIdNumbersIn(line)) },
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
