import { randomBytes, randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/database';
import * as t from '../../src/db/schema';
import { idNumberCheckCharacter } from '../../src/entities/id-number';
import { USCC_ALPHABET, usccCheckCharacter } from '../../src/entities/uscc';
import { pushSourceCode } from '../../src/registry/reference-data';
import type { Services } from '../../src/server/services';

export type EntityRow = typeof t.entities.$inferSelect;
export type ProjectRow = typeof t.projects.$inferSelect;

const DAY = 86_400_000;

export function makeUscc(regionCode = '152900'): string {
  let body = `91${regionCode}`;
  for (let i = 0; i < 9; i++) body += USCC_ALPHABET[randomInt(USCC_ALPHABET.length)];
  return body + usccCheckCharacter(body);
}

/**
 * A valid ID number of someone born 1960–1999, any day: some 14 million numbers, so a test's
 * person does not turn out to be one a long-lived test database already holds.
 */
export function makeIdNumber(): string {
  const born = new Date(Date.UTC(1960, 0, 1) + randomInt(40 * 365) * DAY).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `152921${born}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

/**
 * Small factories: each test makes the rows it needs, tagged so that its queries (filter
 * by text or name) see only its own rows in the shared test database.
 */
export class Factory {
  readonly tag = `T${randomBytes(5).toString('hex')}`;
  private readonly batches = new Map<string, { sourceId: number; batchId: number }>();
  private seq = 0;

  constructor(
    private readonly db: Db,
    private readonly services: Services,
  ) {}

  private next(prefix: string) {
    return `${this.tag}-${prefix}${++this.seq}`;
  }

  async provenance(platformCode = 'P152900') {
    let p = this.batches.get(platformCode);
    if (!p) {
      const [source] = await this.db
        .select()
        .from(t.dataSources)
        .where(eq(t.dataSources.code, pushSourceCode(platformCode)));
      const [batch] = await this.db
        .insert(t.batches)
        .values({ sourceId: source!.id, idempotencyKey: this.next('batch'), status: 'committed' })
        .returning();
      p = { sourceId: source!.id, batchId: batch!.id };
      this.batches.set(platformCode, p);
    }
    return { ...p, sourceRecordId: this.next('rec'), sourceVersion: new Date() };
  }

  async entity(over: Partial<typeof t.entities.$inferInsert> = {}): Promise<EntityRow> {
    const [row] = await this.db
      .insert(t.entities)
      .values({
        kind: 'organisation',
        uscc: makeUscc(),
        name: `${this.tag} 宏达建设工程有限公司 ${++this.seq}`,
        registeredRegionCode: '152900',
        ...(await this.provenance()),
        identifiedBy: over.personIdNumber ? 'id_number' : over.uscc === null ? 'name' : 'uscc',
        ...over,
      })
      .returning();
    return row!;
  }

  person(over: Partial<typeof t.entities.$inferInsert> = {}): Promise<EntityRow> {
    return this.entity({ kind: 'person', uscc: null, personIdNumber: makeIdNumber(), name: `${this.tag} 巴特尔 ${++this.seq}`, ...over });
  }

  async project(over: Partial<typeof t.projects.$inferInsert> & { platformCode?: string } = {}): Promise<ProjectRow> {
    const { platformCode = 'P152900', ...rest } = over;
    const platform = this.services.reference.registry.platformByCode(platformCode)!;
    const registeredAt = rest.registeredAt ?? new Date(Date.now() - 60 * DAY);
    const [row] = await this.db
      .insert(t.projects)
      .values({
        platformId: platform.id,
        projectCode: this.next('P'),
        title: `${this.tag} 教学楼新建工程`,
        categoryCode: 'construction',
        regionCode: platform.regionCode,
        budget: '1000000.00',
        procurementMethod: 'open_tender',
        status: 'awarded',
        registeredAt,
        bidOpeningAt: new Date(registeredAt.getTime() + 20 * DAY),
        ...(await this.provenance(platformCode)),
        ...rest,
      })
      .returning();
    return row!;
  }

  async lot(project: ProjectRow, over: Partial<typeof t.lots.$inferInsert> = {}) {
    const [row] = await this.db
      .insert(t.lots)
      .values({ projectId: project.id, lotCode: '01', name: `${this.tag} 第一标段`, budget: '500000.00', ...(await this.provenance()), ...over })
      .returning();
    return row!;
  }

  async bid(project: ProjectRow, bidder: EntityRow, over: Partial<typeof t.bids.$inferInsert> = {}) {
    const [row] = await this.db
      .insert(t.bids)
      .values({
        projectId: project.id,
        bidderId: bidder.id,
        price: '950000.00',
        submittedAt: new Date(),
        depositForm: 'e_guarantee',
        machineCode: 'M1',
        ...(await this.provenance()),
        ...over,
      })
      .returning();
    return row!;
  }

  async award(project: ProjectRow, winner: EntityRow, amount = '950000.00', over: Partial<typeof t.awards.$inferInsert> = {}) {
    const [row] = await this.db
      .insert(t.awards)
      .values({ projectId: project.id, winnerId: winner.id, amount, awardedAt: new Date(), ...(await this.provenance()), ...over })
      .returning();
    return row!;
  }

  async notice(project: ProjectRow, over: Partial<typeof t.notices.$inferInsert> = {}) {
    const [row] = await this.db
      .insert(t.notices)
      .values({ projectId: project.id, kind: 'tender', title: `${this.tag} 招标公告`, publishedAt: new Date(), ...(await this.provenance()), ...over })
      .returning();
    return row!;
  }

  async penalty(entity: EntityRow, over: Partial<typeof t.penalties.$inferInsert> = {}) {
    const [row] = await this.db
      .insert(t.penalties)
      .values({
        entityId: entity.id,
        decisionNumber: this.next('罚'),
        authority: '阿拉善盟住房和城乡建设局',
        decidedOn: '2025-03-03',
        publishedOn: '2025-03-07',
        content: '串通投标',
        amount: '50000.00',
        ...(await this.provenance()),
        ...over,
      })
      .returning();
    return row!;
  }

  async blacklistEntry(entity: EntityRow, over: Partial<typeof t.blacklistEntries.$inferInsert> = {}) {
    const [row] = await this.db
      .insert(t.blacklistEntries)
      .values({
        entityId: entity.id,
        listType: 'dishonest',
        authority: '内蒙古自治区发展和改革委员会',
        basis: '串通投标',
        startsOn: '2025-01-01',
        ...(await this.provenance()),
        ...over,
      })
      .returning();
    return row!;
  }

  async creditRecord(entity: EntityRow, over: Partial<typeof t.creditRecords.$inferInsert> = {}) {
    const [row] = await this.db
      .insert(t.creditRecords)
      .values({
        entityId: entity.id,
        polarity: 'positive',
        title: '守合同重信用企业',
        authority: '内蒙古自治区市场监督管理局',
        validFrom: '2025-01-01',
        ...(await this.provenance()),
        ...over,
      })
      .returning();
    return row!;
  }

  /** Issues a key through the real service and returns the key string. */
  async key(
    role: string,
    over: { platform?: string; department?: string; categories?: string[]; regions?: string[]; creditRate?: number; creditBurst?: number } = {},
  ): Promise<string> {
    const { key } = await this.services.apiKeys.create({ name: `${this.tag} ${role}`, role, ...over });
    return key;
  }
}
