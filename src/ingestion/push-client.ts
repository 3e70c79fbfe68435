import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * A minimal client of the push protocol, as a platform would write it: open a batch, PUT
 * the NDJSON in parts, seal with count and SHA-256, wait for the receipt. The hub uses it
 * to load its demo data through the real path; the tests and benchmarks use it too.
 */
export interface PushOptions {
  baseUrl: string;
  key: string;
  idempotencyKey: string;
  platformCode?: string;
  /** Records per part (default 50,000). */
  partSize?: number;
  gzip?: boolean;
  /** How long to wait for the receipt (default 10 minutes). */
  timeoutMs?: number;
}

export interface PushReceipt {
  id: string;
  status: string;
  error: string | null;
  counts: { received: number; stored: number; unchanged: number; stale: number; held: number; rejected: number; released: number };
}

const RECEIPT = 'id status error counts { received stored unchanged stale held rejected released }';

async function graphql<T>(opts: PushOptions, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${opts.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) throw new Error(`${body.errors[0]!.extensions?.code ?? 'ERROR'}: ${body.errors[0]!.message}`);
  return body.data!;
}

/** Pushes lines (one JSON record each) as one batch and returns the hub's receipt. */
export async function pushBatch(lines: Iterable<string>, opts: PushOptions): Promise<PushReceipt> {
  const { openBatch } = await graphql<{ openBatch: { id: string; uploadUrl: string } }>(
    opts,
    'mutation($k: String!, $p: String) { openBatch(idempotencyKey: $k, platformCode: $p) { id uploadUrl } }',
    { k: opts.idempotencyKey, p: opts.platformCode ?? null },
  );
  const partSize = opts.partSize ?? 50_000;
  const partDigests: string[] = [];
  let count = 0;
  let part: string[] = [];
  const flush = async () => {
    if (part.length === 0) return;
    const content = Buffer.from(`${part.join('\n')}\n`, 'utf8');
    partDigests.push(createHash('sha256').update(content).digest('hex'));
    const url = `${opts.baseUrl}${openBatch.uploadUrl.replace('{partNo}', String(partDigests.length))}`;
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${opts.key}`, ...(opts.gzip ? { 'content-encoding': 'gzip' } : {}) },
      body: opts.gzip ? gzipSync(content) : content,
    });
    if (!response.ok) throw new Error(`part ${partDigests.length} refused: ${response.status} ${await response.text()}`);
    part = [];
  };
  for (const line of lines) {
    part.push(line);
    count++;
    if (part.length >= partSize) await flush();
  }
  await flush();
  const sha256 = partDigests.length === 1 ? partDigests[0]! : createHash('sha256').update(partDigests.join('\n'), 'utf8').digest('hex');
  await graphql(
    opts,
    `
      mutation ($id: ID!, $n: Int!, $s: String!) {
        sealBatch(id: $id, recordCount: $n, sha256: $s) {
          id
        }
      }
    `,
    {
      id: openBatch.id,
      n: count,
      s: sha256,
    },
  );
  return waitForReceipt(opts, openBatch.id);
}

export async function waitForReceipt(opts: PushOptions, id: string): Promise<PushReceipt> {
  const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    const { batch } = await graphql<{ batch: PushReceipt }>(opts, `query($id: ID!) { batch(id: $id) { ${RECEIPT} } }`, { id });
    if (batch.status === 'committed' || batch.status === 'failed') return batch;
    if (Date.now() > deadline) throw new Error(`batch ${id} still ${batch.status} after ${opts.timeoutMs ?? 600_000} ms`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
