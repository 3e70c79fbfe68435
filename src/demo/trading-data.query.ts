import type { Db } from '../db/database';
import * as t from '../db/schema';

/** Whether any project is stored: the demo data is loaded only into a hub without trading data. */
export async function hasTradingData(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: t.projects.id }).from(t.projects).limit(1);
  return row !== undefined;
}
