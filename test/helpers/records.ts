import { randomBytes } from 'node:crypto';
import { makeIdNumber, makeUscc } from './factories';

/** Builders of push records (the NDJSON lines a platform sends), with sensible defaults. */
export class Records {
  readonly tag = `R${randomBytes(4).toString('hex')}`;
  private n = 0;
  readonly initiator = { uscc: makeUscc(), name: `${this.tag} 阿拉善盟教育局` };

  id(prefix: string) {
    return `${this.tag}-${prefix}${++this.n}`;
  }

  firm(name = '建设工程有限公司') {
    return { uscc: makeUscc(), name: `${this.tag} ${name}` };
  }

  person() {
    return { idNumber: makeIdNumber(), name: `${this.tag} 巴特尔` };
  }

  project(over: Record<string, unknown> = {}) {
    const id = this.id('prj');
    return {
      type: 'project',
      id,
      version: '2025-06-01T09:00:00+08:00',
      projectCode: `${id}-code`,
      title: `${this.tag} 第一中学教学楼新建工程`,
      category: '工程建设招标投标',
      region: '152921',
      initiator: this.initiator,
      budget: '1000000.00',
      procurementMethod: '公开招标',
      status: 'awarded',
      registeredAt: '2025-06-01T09:00:00+08:00',
      bidOpeningAt: '2025-06-25T09:30:00+08:00',
      ...over,
    };
  }

  bid(project: string, bidder: object, over: Record<string, unknown> = {}) {
    return {
      type: 'bid',
      id: this.id('bid'),
      version: '2025-06-24T10:00:00+08:00',
      project,
      bidder,
      price: '950000.00',
      submittedAt: '2025-06-24T10:00:00+08:00',
      depositForm: '电子保函',
      machineCode: 'ABC123',
      ...over,
    };
  }

  award(project: string, winner: object, over: Record<string, unknown> = {}) {
    return { type: 'award', id: this.id('awd'), version: '2025-07-01T10:00:00+08:00', project, winner, amount: '950000.00', awardedAt: '2025-07-01T10:00:00+08:00', ...over };
  }

  penalty(subject: object, over: Record<string, unknown> = {}) {
    return {
      type: 'penalty',
      id: this.id('pen'),
      version: '2025-03-10T10:00:00+08:00',
      subject,
      decisionNumber: `阿罚〔2025〕${++this.n}号`,
      authority: '阿拉善盟住房和城乡建设局',
      authorityRegion: '152900',
      decidedOn: '2025-03-03',
      publishedOn: '2025-03-07',
      content: '串通投标',
      amount: '50000',
      ...over,
    };
  }
}

export const ndjson = (records: object[]) => records.map((r) => JSON.stringify(r));
