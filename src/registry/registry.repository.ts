import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { categories, dataSources, platforms, regions } from '../db/schema';
import { CATEGORIES, PLATFORMS, REGIONS, pushSourceCode } from './reference-data';
import { regionPaths } from './region-tree';

export type RegionRow = typeof regions.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type PlatformRow = typeof platforms.$inferSelect;

/** Upserts the shipped reference data; safe to run at every start and from two processes. */
export async function seedReferenceData(db: Db): Promise<void> {
  const paths = regionPaths(REGIONS);
  await db.transaction(async (tx) => {
    await tx
      .insert(regions)
      .values(REGIONS.map((r, i) => ({ ...r, isLocalCode: r.isLocalCode ?? false, path: paths.get(r.code)!, sortOrder: i })))
      .onConflictDoUpdate({
        target: regions.code,
        set: {
          name: sql`excluded.name`,
          nameEn: sql`excluded.name_en`,
          level: sql`excluded.level`,
          parentCode: sql`excluded.parent_code`,
          path: sql`excluded.path`,
          isLocalCode: sql`excluded.is_local_code`,
          sortOrder: sql`excluded.sort_order`,
        },
      });
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

export async function loadRegions(db: Db): Promise<RegionRow[]> {
  return db.select().from(regions).orderBy(regions.sortOrder);
}

export async function loadCategories(db: Db): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(categories.sortOrder);
}

export async function loadPlatforms(db: Db): Promise<PlatformRow[]> {
  return db.select().from(platforms).orderBy(platforms.code);
}
