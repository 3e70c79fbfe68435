import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { categories, dataSources, platforms, regions } from '../db/schema';
import type { Tx } from '../db/tx';
import { CATEGORIES, PLATFORMS, REGIONS, pushSourceCode, type RegionSeed } from './reference-data';
import { regionPaths } from './region-tree';

export type RegionRow = typeof regions.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type PlatformRow = typeof platforms.$inferSelect;

/** Upserts the shipped reference data; safe to run at every start and from two processes. */
export async function seedReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertRegions(tx, REGIONS);
    await tx
      .insert(categories)
      .values(CATEGORIES.map((c, i) => ({ ...c, sortOrder: i + 1 })))
      .onConflictDoUpdate({
        target: categories.code,
        set: { name: sql`excluded.name`, nameEn: sql`excluded.name_en`, sortOrder: sql`excluded.sort_order` },
      });
    // Parents first, so each platform can point at the id of its parent.
    for (const p of PLATFORMS) {
      const parentId = p.parentCode ? sql`(select id from ${platforms} where code = ${p.parentCode})` : null;
      const [row] = await tx
        .insert(platforms)
        .values({ code: p.code, name: p.name, level: p.level, parentId, regionCode: p.regionCode, remitRegionCodes: p.remitRegionCodes })
        .onConflictDoUpdate({
          target: platforms.code,
          set: { name: p.name, level: p.level, parentId, regionCode: p.regionCode, remitRegionCodes: p.remitRegionCodes },
        })
        .returning({ id: platforms.id });
      await tx
        .insert(dataSources)
        .values({ code: pushSourceCode(p.code), name: `${p.name} nightly push`, kind: 'platform_push', platformId: row!.id })
        .onConflictDoNothing({ target: dataSources.code });
    }
  });
}

/**
 * All regions (some 3,400) in one statement: the rows travel as one JSON parameter, and a
 * row is rewritten only when the release changed it, so a start-up with the same data
 * writes nothing.
 */
async function upsertRegions(tx: Tx, seeds: RegionSeed[]): Promise<void> {
  const paths = regionPaths(seeds);
  const rows = seeds.map((r, i) => ({
    code: r.code,
    name: r.name,
    name_en: r.nameEn,
    level: r.level,
    parent_code: r.parentCode,
    path: paths.get(r.code)!,
    is_local_code: r.isLocalCode ?? false,
    sort_order: i,
  }));
  await tx.execute(sql`
    insert into ${regions} (code, name, name_en, level, parent_code, path, is_local_code, sort_order)
    select code, name, name_en, level, parent_code, path, is_local_code, sort_order
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(code varchar, name text, name_en text, level text, parent_code varchar, path text, is_local_code boolean, sort_order smallint)
    on conflict (code) do update set
      name = excluded.name, name_en = excluded.name_en, level = excluded.level, parent_code = excluded.parent_code,
      path = excluded.path, is_local_code = excluded.is_local_code, sort_order = excluded.sort_order
    where (regions.name, regions.name_en, regions.level, regions.parent_code, regions.path, regions.is_local_code, regions.sort_order)
      is distinct from (excluded.name, excluded.name_en, excluded.level, excluded.parent_code, excluded.path, excluded.is_local_code, excluded.sort_order)`);
}

export async function loadRegions(db: Db): Promise<RegionRow[]> {
  return db.select().from(regions).orderBy(regions.sortOrder);
}

export async function loadCategories(db: Db): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(categories.sortOrder);
}

export async function loadPlatforms(db: Db): Promise<PlatformRow[]> {
  return db.select().from(platforms).orderBy(platforms.code);
}
