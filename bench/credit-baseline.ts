/**
 * The baseline of npm run bench:credit: a bare Node HTTP handler that runs the credit
 * status check's SQL through pg and answers JSON, with no GraphQL, no key check, no rate
 * limit and no audit. What the hub adds on top of it is the ratio the benchmark prints.
 * Usage: DATABASE_URL=... PORT=... tsx bench/credit-baseline.ts
 */
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const LOOKBACK_DAYS = 1095;

async function check(codes: string[], day: string) {
  const entities = await pool.query<{ id: string; uscc: string | null; name: string }>('select id, uscc, name from entities where uscc = any($1::text[])', [codes]);
  const ids = entities.rows.map((e) => e.id);
  const [blacklist, penalties, records] = await Promise.all([
    pool.query(
      `select * from blacklist_entries where entity_id = any($1::bigint[]) and starts_on <= $2::date and (ends_on is null or ends_on >= $2::date)
         and (removed_on is null or removed_on > $2::date) order by starts_on, id`,
      [ids, day],
    ),
    pool.query(`select * from penalties where entity_id = any($1::bigint[]) and decided_on <= $2::date and decided_on > $2::date - $3::int order by decided_on, id`, [
      ids,
      day,
      LOOKBACK_DAYS,
    ]),
    pool.query(
      `select * from credit_records where entity_id = any($1::bigint[]) and valid_from <= $2::date and (valid_to is null or valid_to >= $2::date) order by valid_from, id`,
      [ids, day],
    ),
  ]);
  const byUscc = new Map(entities.rows.map((e) => [e.uscc, e]));
  return codes.map((code) => {
    const e = byUscc.get(code);
    const of = (rows: Array<{ entity_id: string }>) => (e ? rows.filter((r) => r.entity_id === e.id) : []);
    const entries = of(blacklist.rows);
    return {
      code,
      known: !!e,
      name: e?.name ?? null,
      blacklisted: entries.length > 0,
      activeBlacklistEntries: entries,
      penalties: of(penalties.rows),
      creditRecords: of(records.rows),
    };
  });
}

createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    let request: { codes: string[]; asOf?: string };
    try {
      request = JSON.parse(body) as { codes: string[]; asOf?: string };
    } catch {
      res.writeHead(400);
      res.end('POST {"codes": [...]}');
      return;
    }
    const { codes, asOf } = request;
    check(codes, asOf ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)).then(
      (result) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: result }));
      },
      (error: Error) => {
        res.writeHead(500);
        res.end(error.message);
      },
    );
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('baseline listening\n'));
