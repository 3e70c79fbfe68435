import Fastify from 'fastify';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { httpErrorHandler } from './http-errors';
import { DebugRequestLog } from './request-log';

/** An app set up as the hub's (app.ts) logging at `level`; what it logs is kept. */
async function appLoggingAt(level: string) {
  const logs: Array<{ level: number; msg: string; req?: { method: string; url: string }; res?: { statusCode: number }; responseTime?: number }> = [];
  const log = pino({ level }, new Writable({ write: (chunk, _e, done) => void (logs.push(JSON.parse(String(chunk))), done()) }));
  const app = Fastify({ loggerInstance: log, logController: new DebugRequestLog() });
  app.setErrorHandler(httpErrorHandler);
  app.get('/fine', async () => ({ ok: true }));
  app.get('/broken', async () => {
    throw new Error('the disk is full');
  });
  await app.ready();
  return { app, logs };
}

describe('request lines', () => {
  it('are not logged at info: a request that went well leaves no line', async () => {
    const { app, logs } = await appLoggingAt('info');
    expect((await app.inject({ method: 'GET', url: '/fine' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/nowhere' })).statusCode).toBe(404);
    expect(logs).toEqual([]);
  });

  it('are logged at debug, with method, url, status and response time', async () => {
    const { app, logs } = await appLoggingAt('debug');
    await app.inject({ method: 'GET', url: '/fine?x=1' });
    expect(logs.map((l) => [l.level, l.msg])).toEqual([
      [20, 'incoming request'],
      [20, 'request completed'],
    ]);
    expect(logs[0]!.req).toMatchObject({ method: 'GET', url: '/fine?x=1' });
    expect(logs[1]!.res).toEqual({ statusCode: 200 });
    expect(logs[1]!.responseTime).toBeGreaterThanOrEqual(0);
  });

  it('leave a failed request logged at error, as before', async () => {
    const { app, logs } = await appLoggingAt('info');
    expect((await app.inject({ method: 'GET', url: '/broken' })).statusCode).toBe(500);
    expect(logs.map((l) => [l.level, l.msg])).toEqual([[50, 'unexpected error answering a request']]);
  });
});
