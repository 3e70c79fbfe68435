import type pg from 'pg';
import { bidMonths, maintainPartitions } from '../src/db/partitions';

/**
 * A region at scale written straight into Postgres with generate_series (the push path
 * would take hours at this size): entities, projects, bids clustered on projects (a power
 * law, so some have one bid and some many), notices, awards for 80 % of projects,
 * evaluations (30 % remote), complaints, penalties and blacklist entries.
 */
export async function generateRegion(pool: pg.Pool, projects: number, bids: number): Promise<void> {
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await work();
    console.log(`  ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  console.log(`generating ${projects.toLocaleString('en')} projects and ${bids.toLocaleString('en')} bids in Postgres`);
  // One connection, so the session settings below hold for every generating statement.
  const gen = await pool.connect();
  const q = (sql: string) => gen.query(sql);
  await q(`set synchronous_commit = off`);
  // The generated rows are consistent by construction: skip the per-row foreign-key triggers
  // while loading (the indexes stay, so Postgres answers the queries with its real schema).
  await q(`set session_replication_role = replica`);
  await q(`insert into data_sources (code, name, kind) values ('bench', 'benchmark generator', 'third_party_feed') on conflict do nothing`);
  await q(`insert into batches (source_id, idempotency_key, status, committed_at) select id, 'bench', 'committed', now() from data_sources where code = 'bench'`);
  const prov = (prefix: string) => `(select id from data_sources where code = 'bench'), (select max(id) from batches), '${prefix}' || g, timestamptz '2026-07-01'`;
  const entities = Math.max(1000, Math.round(projects / 10));
  await step(`entities (${entities.toLocaleString('en')})`, () =>
    q(`insert into entities (kind, identified_by, uscc, name, registered_region_code, source_id, batch_id, source_record_id, source_version)
       select 'organisation', 'uscc', '9' || lpad(g::text, 17, '0'), '企业' || g,
              (select code from regions where path like '150000/%' order by code offset (g % (select count(*) from regions where path like '150000/%')) limit 1), ${prov('e')}
         from generate_series(1, ${entities}) g`),
  );
  await q(`create temporary table leaf as select row_number() over (order by code) - 1 as n, code from regions where path like '150000/%'`);
  await q(`create temporary table plat as select row_number() over (order by id) - 1 as n, id from platforms`);
  await q(`create temporary table cat as select row_number() over (order by code) - 1 as n, code from categories`);
  await step('projects', () =>
    q(`insert into projects (platform_id, project_code, title, category_code, region_code, initiator_id, agency_id, budget, control_price, must_tender, procurement_method, status,
                             is_electronic, registered_at, bid_opening_at, source_id, batch_id, source_record_id, source_version)
       select (select id from plat where n = g % (select count(*) from plat)), 'B' || g, '项目 ' || g,
              (select code from cat where n = (g * 7) % (select count(*) from cat)), (select code from leaf where n = (g * 13) % (select count(*) from leaf)),
              1 + (g * 31) % ${entities}, 1 + (g * 17) % ${entities}, s.budget, round(s.budget * 1.05, 2), s.budget >= 4000000,
              'open_tender', 'awarded', random() < 0.9, s.at, s.at + interval '20 days', ${prov('p')}
         from (select g, timestamptz '2024-01-01 00:00+08' + random() * interval '912 days' as at, round((10000 + random() * 5000000)::numeric, 2) as budget
                 from generate_series(1, ${projects}) g) s`),
  );
  // Bids go to their months, as a hub running since 2024 would have made them (a fresh
  // database has only the current month and those ahead; the rest would land in the default).
  // Their keys (bid_keys) are not written: the trigger keeping them is off while loading, and
  // no benchmark sends a generated bid again.
  await maintainPartitions(pool, bidMonths(36), new Date('2024-01-15T00:00:00+08:00'));
  // Bids cluster on projects (power law), so some projects have one bid and some many.
  await step('bids', () =>
    q(`insert into bids (project_id, bidder_id, price, submitted_at, deposit_form, status, score, machine_code, mac_address, ip_address, file_hash,
                         source_id, batch_id, source_record_id, source_version)
       select project_id, bidder_id, round((10000 + random() * 5000000)::numeric, 2), timestamptz '2024-01-01 00:00+08' + random() * interval '912 days', 'e_guarantee',
              case when random() < 0.05 then 'disqualified' else 'valid' end, round((60 + random() * 40)::numeric, 3),
              -- each firm's own machine and network, and a file of each bid's own
              'MC' || (bidder_id * 7919) % 1000000007, 'AA:' || lpad(to_hex(bidder_id), 8, '0'), '10.' || (bidder_id % 250) || '.' || (bidder_id / 250 % 250) || '.' || (1 + bidder_id / 62500 % 250), md5(g::text),
              ${prov('b')}
         from (select g, 1 + floor(${projects} * power(random(), 1.4))::bigint as project_id, 1 + floor(random() * ${entities})::bigint as bidder_id
                 from generate_series(1, ${bids}) g) s`),
  );
  await step('notices', () =>
    q(`insert into notices (project_id, kind, title, published_at, source_id, batch_id, source_record_id, source_version)
       select p.id, 'tender', '公告', p.registered_at, ${prov('n').replace("'n' || g", "'n' || p.id")} from projects p`),
  );
  await step('awards', () =>
    q(`insert into awards (project_id, winner_id, amount, awarded_at, source_id, batch_id, source_record_id, source_version)
       select p.id, 1 + (p.id * 7) % ${entities}, round(p.budget * (0.8 + random() * 0.2)::numeric, 2), p.registered_at + interval '20 days' + random() * interval '20 days',
              ${prov('a').replace("'a' || g", "'a' || p.id")} from projects p where p.id % 5 <> 0`),
  );
  await step('evaluations and complaints', async () => {
    await q(`insert into evaluation_committees (project_id, formed_at, is_remote, source_id, batch_id, source_record_id, source_version)
             select p.id, p.registered_at + interval '15 days', random() < 0.3, ${prov('v').replace("'v' || g", "'v' || p.id")} from projects p where p.id % 2 = 0`);
    await q(`insert into complaints (project_id, complainant_id, kind, subject, received_at, result, source_id, batch_id, source_record_id, source_version)
             select p.id, 1 + (p.id * 3) % ${entities}, 'complaint', '质疑', p.registered_at + interval '25 days', 'dismissed', ${prov('c').replace("'c' || g", "'c' || p.id")}
               from projects p where p.id % 50 = 0`);
  });
  await step('penalties and blacklist entries', async () => {
    await q(`insert into penalties (entity_id, decision_number, authority, decided_on, published_on, content, source_id, batch_id, source_record_id, source_version)
             select 1 + (g * 11) % ${entities}, 'D' || g, '住建局', date '2024-01-01' + (g % 900), date '2024-01-01' + (g % 900) + (g % 12), '处罚', ${prov('x')}
               from generate_series(1, ${Math.round(projects * 0.3)}) g`);
    await q(`insert into blacklist_entries (entity_id, list_type, authority, basis, starts_on, ends_on, source_id, batch_id, source_record_id, source_version)
             select 1 + (g * 13) % ${entities}, 'dishonest', '发改委', '失信', date '2024-01-01' + (g % 900), date '2024-01-01' + (g % 900) + 365, ${prov('k')}
               from generate_series(1, ${Math.round(projects * 0.1)}) g`);
  });
  await q(`set session_replication_role = origin`);
  await step('analyze', () => q('analyze'));
  gen.release();
}
