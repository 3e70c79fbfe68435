import Fastify from 'fastify';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors/domain-errors';
import { UploadError } from '../ingestion/upload-errors';
import { httpErrorHandler } from './http-errors';

/** A Fastify app with the hub's error handler and routes that fail in each way; logs kept. */
async function appThatFails() {
  const logs: string[] = [];
  const log = pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => void (logs.push(String(chunk)), done()) }));
  const app = Fastify({ loggerInstance: log });
  app.setErrorHandler(httpErrorHandler);
  app.get('/unexpected', async () => {
    throw new Error('duplicate key value violates unique constraint "secrets_pkey" (select * from secrets)');
  });
  app.get('/bad-input', async () => {
    throw new BadInputError('partNo', 'plain digits');
  });
  app.get('/busy', async () => {
    throw new UploadError('TOO_MANY_UPLOADS', 'come back later', 30);
  });
  app.get('/pool', async () => {
    throw new Error('timeout exceeded when trying to connect');
  });
  await app.ready();
  return { app, logs };
}

describe('the HTTP error handler', () => {
  it('answers an unexpected error with a code and the request id only, and logs it under that id', async () => {
    const { app, logs } = await appThatFails();
    const res = await app.inject({ method: 'GET', url: '/unexpected' });
    expect(res.statusCode).toBe(500);
    const body = res.json() as { error: { code: string; requestId: string; message: string } };
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.requestId).toMatch(/\S/);
    expect(res.body).not.toMatch(/secrets|select|duplicate|at /);
    const logged = logs.map((l) => JSON.parse(l) as { reqId?: string; msg: string; err?: { message: string } }).find((l) => l.err);
    expect(logged).toMatchObject({ reqId: body.error.requestId, err: { message: expect.stringContaining('secrets_pkey') } });
  });

  it('answers deliberate errors with their status, code and argument; busy ones with Retry-After', async () => {
    const { app } = await appThatFails();
    const bad = await app.inject({ method: 'GET', url: '/bad-input' });
    expect([bad.statusCode, bad.json().error.code, bad.json().error.argument]).toEqual([400, 'BAD_USER_INPUT', 'partNo']);
    const busy = await app.inject({ method: 'GET', url: '/busy' });
    expect([busy.statusCode, busy.headers['retry-after']]).toEqual([503, '30']);
    const pool = await app.inject({ method: 'GET', url: '/pool' });
    expect([pool.statusCode, pool.json().error.code, pool.headers['retry-after']]).toEqual([503, 'DATABASE_UNAVAILABLE', '5']);
  });
});
