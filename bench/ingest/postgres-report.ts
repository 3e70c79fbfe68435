import type pg from 'pg';

/** How long the run's batches spent being uploaded (open to sealed) and processed (sealed to committed). */
export async function printPhases(pool: pg.Pool, keyPrefix: string): Promise<void> {
  const { rows } = await pool.query<{ upload: number; process: number }>(
    `select sum(extract(epoch from sealed_at - created_at))::float as upload, sum(extract(epoch from committed_at - sealed_at))::float as process
       from batches where idempotency_key like $1`,
    [`${keyPrefix}%`],
  );
  const p = rows[0]!;
  console.log(`time in phases: open to sealed (upload) ${p.upload.toFixed(1)} s, sealed to committed (processing) ${p.process.toFixed(1)} s`);
}

/** Where Postgres spent its time during the push (the bench's server loads pg_stat_statements). */
export async function printTopStatements(pool: pg.Pool): Promise<void> {
  await pool.query('create extension if not exists pg_stat_statements');
  const top = await pool.query<{ ms: number; calls: number; rows: number; query: string }>(
    `select round(total_exec_time)::int as ms, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 100) as query
       from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
       order by total_exec_time desc limit 12`,
  );
  console.log('Postgres time by statement (ms, calls, rows, statement):');
  for (const r of top.rows) console.log(`  ${String(r.ms).padStart(6)} ${String(r.calls).padStart(7)} ${String(r.rows).padStart(8)}  ${r.query}`);
}
