import { request } from 'node:http';

export interface RawAnswer {
  /** 0 when the connection ended before any answer. */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = { error: { code: string; message: string; argument?: string; requestId?: string } }>(): T;
}

export interface HeldUpload {
  write(chunk: string | Buffer): void;
  end(chunk?: string | Buffer): void;
  /** Cuts the connection, as a client that crashes or loses its network would. */
  destroy(): void;
  /** The hub's answer, whenever it comes (before the body was sent, even). */
  answer: Promise<RawAnswer>;
  /** Resolves when the connection is closed, by either side. */
  closed: Promise<void>;
  /** How many body bytes the client managed to write. */
  sent(): number;
}

/**
 * A PUT over a real socket whose body the test writes piece by piece, to act as slow,
 * stalled, vanishing or oversized senders. Socket errors after the answer (the hub closing
 * a connection whose body it will not read) are expected and only end the upload.
 */
export function openUpload(baseUrl: string, path: string, headers: Record<string, string>): HeldUpload {
  const req = request(`${baseUrl}${path}`, { method: 'PUT', headers, agent: false });
  let sent = 0;
  let settle: (a: RawAnswer) => void = () => undefined;
  const answer = new Promise<RawAnswer>((resolve) => (settle = resolve));
  const none: RawAnswer = { status: 0, headers: {}, body: '', json: () => ({}) as never };
  req.on('error', () => settle(none));
  req.on('response', (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (d: string) => (body += d));
    res.on('error', () => undefined);
    const done = () => settle({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
    res.on('end', done);
    res.on('close', done);
  });
  const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
  req.flushHeaders();
  return {
    write: (chunk) => {
      if (req.destroyed || req.writableEnded) return;
      sent += chunk.length;
      req.write(chunk);
    },
    end: (chunk) => {
      if (req.destroyed || req.writableEnded) return;
      if (chunk) sent += chunk.length;
      req.end(chunk);
    },
    destroy: () => req.destroy(),
    answer,
    closed,
    sent: () => sent,
  };
}

/** A whole upload in one go over a real socket. */
export async function put(baseUrl: string, path: string, headers: Record<string, string>, body: string | Buffer): Promise<RawAnswer> {
  const upload = openUpload(baseUrl, path, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  upload.end(body);
  return upload.answer;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
