import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:cluster';
import { z } from 'zod';
import { checkRows, type AnalyticsStore } from './store';

/**
 * The embedded engine (chdb) shared by the hub's worker processes (HUB_WORKERS). chdb holds its
 * data folder in one process, so the primary process opens it and every worker reaches it
 * through these messages over the cluster's IPC channel: the same AnalyticsStore to the code
 * above it, with each row still checked against its schema in the worker that asked.
 */

type Op =
  | { op: 'select'; query: string; params: Record<string, unknown> }
  | { op: 'command'; query: string; params?: Record<string, unknown> }
  | {
      op: 'insert';
      table: string;
      rows: { csv: Uint8Array; columns: readonly string[] } | { objects: readonly object[] };
      token: string;
    }
  | { op: 'truncate'; table: string };

interface Request {
  hubStore: 'request';
  id: string;
  call: Op;
}
interface Reply {
  hubStore: 'reply';
  id: string;
  value?: unknown;
  error?: { name: string; message: string; code?: string };
}

/** What a worker needs to know of the store without asking: passed in its environment. */
export type SharedStoreFacts = Pick<AnalyticsStore, 'engine' | 'version' | 'location' | 'cluster'>;

/** In the primary: answers a worker's store calls from the store it holds. */
export function serveStore(store: AnalyticsStore, worker: Worker): void {
  worker.on('message', (message: Request) => {
    if (message?.hubStore !== 'request') return;
    void answer(store, message.call).then(
      (value) => send(worker, { hubStore: 'reply', id: message.id, value }),
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        send(worker, { hubStore: 'reply', id: message.id, error: { name: e.name, message: e.message, code: (e as { code?: string }).code } });
      },
    );
  });
}

function send(worker: Worker, reply: Reply): void {
  // A worker that died while its call ran has nobody left to answer.
  if (worker.isConnected()) worker.send(reply);
}

async function answer(store: AnalyticsStore, call: Op): Promise<unknown> {
  switch (call.op) {
    case 'select':
      // Rows go back as they are; the worker checks them against its own schema.
      return store.select(call.query, call.params, z.unknown());
    case 'command':
      return store.command(call.query, call.params);
    case 'insert': {
      const rows = 'csv' in call.rows ? { csv: Buffer.from(call.rows.csv.buffer, call.rows.csv.byteOffset, call.rows.csv.byteLength), columns: call.rows.columns } : call.rows;
      return store.insert(call.table, rows, call.token);
    }
    case 'truncate':
      return store.truncate(call.table);
  }
}

/** In a worker: the store, held by the primary process. */
export function sharedStore(facts: SharedStoreFacts): AnalyticsStore {
  const waiting = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  process.on('message', (message: Reply) => {
    if (message?.hubStore !== 'reply') return;
    const call = waiting.get(message.id);
    if (!call) return;
    waiting.delete(message.id);
    if (message.error) call.reject(Object.assign(new Error(message.error.message), { name: message.error.name, code: message.error.code }));
    else call.resolve(message.value);
  });
  // The primary gone means this worker is going too: no call is left hanging.
  process.on('disconnect', () => {
    for (const call of waiting.values()) call.reject(new Error('the analytics store (in the primary process) is gone'));
    waiting.clear();
  });
  const ask = (call: Op) =>
    new Promise<unknown>((resolve, reject) => {
      if (!process.send || !process.connected) return reject(new Error('the analytics store (in the primary process) is not reachable'));
      const id = randomUUID();
      waiting.set(id, { resolve, reject });
      process.send({ hubStore: 'request', id, call } satisfies Request);
    });
  return {
    ...facts,
    async select(query, params, row) {
      return checkRows((await ask({ op: 'select', query, params })) as unknown[], row);
    },
    async command(query, params) {
      await ask({ op: 'command', query, params });
    },
    async insert(table, rows, token) {
      await ask({ op: 'insert', table, rows, token });
    },
    async truncate(table) {
      await ask({ op: 'truncate', table });
    },
    // The primary closes the engine when every worker has stopped.
    async close() {},
  };
}
