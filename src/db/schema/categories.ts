import { pgTable, smallint, text } from 'drizzle-orm/pg-core';

/** The nine trading catalogue categories (交易目录类别, seed 002 §2). */
export const categories = pgTable('categories', {
  code: text().primaryKey(),
  name: text().notNull(),
  nameEn: text().notNull(),
  sortOrder: smallint().notNull(),
});
