import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, unique, varchar } from 'drizzle-orm/pg-core';
import { PROCUREMENT_METHODS, PROJECT_STATUSES } from '../../trading/trading.enums';
import { categories } from './categories';
import { money, currency, factKeys, factProvenance } from './columns';
import { entities } from './entities';
import { platforms } from './platforms';
import { regions } from './regions';

/** One item of a project's procurement (OCDS tender.items), as stored in `projects.items`. */
export interface ProjectItem {
  /** The sender's own id of the item, when it has one. */
  id: string | null;
  description: string | null;
  /** The classification scheme (CPV, UNSPSC, 政府采购品目分类 …) and the item's code in it. */
  scheme: string | null;
  /** Never without `scheme`: the push refuses a code alone and the OCDS import leaves it out. */
  code: string | null;
  /** The code's label in the scheme, as the sender gave it. */
  label: string | null;
  quantity: number | null;
  unit: string | null;
  /** The section the item belongs to, by lot code. */
  lotCode: string | null;
}

/**
 * A trading project (交易项目, 项目登记, seed 000 Art. 14): one trading process on one
 * platform. `projectCode` is the platform's own code, unique within the platform;
 * `dealCode` is the region-wide unified deal code when the platform has assigned one.
 */
export const projects = pgTable(
  'projects',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    platformId: integer()
      .notNull()
      .references(() => platforms.id),
    projectCode: text().notNull(),
    dealCode: text().unique(),
    title: text().notNull(),
    categoryCode: text()
      .notNull()
      .references(() => categories.code),
    regionCode: varchar({ length: 12 })
      .notNull()
      .references(() => regions.code),
    initiatorId: bigint({ mode: 'number' }).references(() => entities.id),
    agencyId: bigint({ mode: 'number' }).references(() => entities.id),
    budget: money(),
    currency: currency(),
    /** The ceiling no bid may exceed (最高投标限价 / 招标控制价), in `currency`. */
    controlPrice: money(),
    /** The whole project's investment (项目总投资), which decides whether it must be tendered. */
    totalInvestment: money(),
    /** Whether the law requires it to be tendered (依法必须招标); null when the sender does not say. */
    mustTender: boolean(),
    /** 公开招标, 邀请招标, 竞争性谈判, 竞争性磋商, 询价, 单一来源, 拍卖, 挂牌, 协议转让 ... */
    procurementMethod: text({ enum: PROCUREMENT_METHODS }).notNull(),
    status: text({ enum: PROJECT_STATUSES }).notNull(),
    /** Fully electronic trading (全流程电子化, seed 001 Art. 13). */
    isElectronic: boolean().notNull().default(true),
    supervisorDepartment: text(),
    registeredAt: timestamp({ withTimezone: true }).notNull(),
    /** Bids stay confidential until this moment (开标). */
    bidOpeningAt: timestamp({ withTimezone: true }),
    /**
     * What is bought (采购标的/招标内容), where the sender lists it: each item's classification
     * (scheme and code, e.g. CPV or 政府采购品目分类), quantity and section. Null when not given.
     * Kept on the project row because it arrives inside the project's record (one write per record).
     */
    items: jsonb().$type<ProjectItem[]>(),
    ...factProvenance(),
  },
  (t) => [
    ...factKeys('projects', t),
    unique('projects_platform_code_uq').on(t.platformId, t.projectCode),
    index('projects_listing_idx').on(t.registeredAt, t.id),
    index('projects_region_idx').on(t.regionCode, t.registeredAt),
    index('projects_category_idx').on(t.categoryCode, t.registeredAt),
    index('projects_platform_idx').on(t.platformId, t.registeredAt),
  ],
);
