import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../entities/id-number';
import { BadInputError, ConflictError } from '../errors/domain-errors';
import type { WarningStatus } from './supervision.enums';
import { NOTE_MAX, planReview, reviewText, type Review } from './warning.workflow';

const at = (status: WarningStatus) => ({ id: 7, status });
const DECISIONS: Review[] = [
  { action: 'confirmed', note: '经核查确属串通投标' },
  { action: 'dismissed', reason: '同一代理机构的公共电脑' },
  { action: 'referred', to: '阿拉善盟公安局', note: null },
];

describe('the review workflow', () => {
  it('assigns an open warning, and again while it is undecided', () => {
    expect(planReview(at('open'), { action: 'assigned', assignee: '张科长' })).toMatchObject({
      status: 'assigned',
      assignee: '张科长',
      decided: false,
      event: { action: 'assigned', fromStatus: 'open', toStatus: 'assigned', note: '张科长' },
    });
    expect(planReview(at('assigned'), { action: 'assigned', assignee: '李科员' }).event.fromStatus).toBe('assigned');
  });

  it('decides an open or assigned warning, and never a decided one', () => {
    for (const from of ['open', 'assigned'] as const) {
      for (const review of DECISIONS) expect(planReview(at(from), review)).toMatchObject({ status: review.action, decided: true });
    }
    for (const from of ['confirmed', 'dismissed', 'referred'] as const) {
      for (const review of [...DECISIONS, { action: 'assigned', assignee: '张科长' } as const]) {
        expect(() => planReview(at(from), review)).toThrow(ConflictError);
        expect(() => planReview(at(from), review)).toThrow(`Warning 7 is already ${from}`);
      }
    }
  });

  it('takes comments at any status without changing it', () => {
    for (const from of ['open', 'assigned', 'confirmed', 'dismissed', 'referred'] as const) {
      expect(planReview(at(from), { action: 'commented', note: '补充材料' })).toMatchObject({ status: from, decided: false, event: { fromStatus: null, toStatus: null } });
    }
  });

  it('keeps the decision note and puts the addressee of a referral at the head of its audit note', () => {
    expect(planReview(at('open'), { action: 'dismissed', reason: '共用网络' })).toMatchObject({ decisionNote: '共用网络', event: { note: '共用网络' } });
    expect(planReview(at('open'), { action: 'referred', to: '公安局', note: '涉嫌犯罪' })).toMatchObject({
      referredTo: '公安局',
      decisionNote: '涉嫌犯罪',
      event: { note: '公安局\n涉嫌犯罪' },
    });
  });
});

describe('review texts', () => {
  it('refuses a blank required text naming the argument, and trims the rest', () => {
    expect(() => reviewText('reason', '  \n ', NOTE_MAX, 'give a reason')).toThrow(BadInputError);
    expect(() => reviewText('reason', '', NOTE_MAX, 'give a reason')).toThrow('reason: give a reason');
    expect(reviewText('note', '   ', NOTE_MAX, null)).toBeNull();
    expect(reviewText('note', ' 核实 ', NOTE_MAX, null)).toBe('核实');
  });

  it('refuses a text over the limit, saying the limit', () => {
    expect(reviewText('note', '字'.repeat(NOTE_MAX), NOTE_MAX, null)).toHaveLength(NOTE_MAX);
    expect(() => reviewText('note', '字'.repeat(NOTE_MAX + 1), NOTE_MAX, null)).toThrow('note: 1,001 characters; at most 1,000 are accepted');
  });

  it('masks an ID number typed into a note', () => {
    const first17 = '15292119800101123';
    const id = first17 + idNumberCheckCharacter(first17);
    expect(reviewText('note', `法定代表人身份证 ${id} 与投标人相同`, NOTE_MAX, null)).toBe(`法定代表人身份证 1529**********${id.slice(-4)} 与投标人相同`);
  });
});
