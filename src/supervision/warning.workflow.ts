import { maskIdNumbersIn } from '../entities/id-number';
import { BadInputError, ConflictError } from '../errors/domain-errors';
import type { WarningAction, WarningStatus } from './supervision.enums';

// The review workflow as plain values: what a step asks for, whether the warning's status
// allows it, and what it changes. The repository carries the plan out under a row lock.

/**
 * Notes are findings and reasons, not reports: longer texts belong in the case file. The
 * same as the API's default string limit (GRAPHQL_MAX_STRING_LENGTH), and kept when an
 * operator raises that.
 */
export const NOTE_MAX = 1000;
/** Assignees and referral addressees are people or departments. */
export const NAME_MAX = 200;

export const DECIDED: readonly WarningStatus[] = ['confirmed', 'dismissed', 'referred'];
const UNDECIDED: readonly WarningStatus[] = ['open', 'assigned'];

export type Review =
  | { action: 'assigned'; assignee: string }
  | { action: 'commented'; note: string }
  | { action: 'confirmed'; note: string }
  | { action: 'dismissed'; reason: string }
  | { action: 'referred'; to: string; note: string | null };

/** What one step writes: the warning's new fields (absent = unchanged) and its audit row. */
export interface ReviewPlan {
  status: WarningStatus;
  assignee?: string;
  decisionNote?: string | null;
  referredTo?: string;
  decided: boolean;
  event: { action: WarningAction; fromStatus: WarningStatus | null; toStatus: WarningStatus | null; note: string | null };
}

/**
 * A free text as stored: trimmed, within `max` characters, and with every ID number masked,
 * since a supervisor may paste one from a case file and the table is read by more than the
 * response mask guards. `required` refuses a blank text, naming the argument.
 */
export function reviewText(argument: string, value: string | null | undefined, max: number, required: string | null): string | null {
  const text = value?.trim() ?? '';
  if (text === '') {
    if (required) throw new BadInputError(argument, required);
    return null;
  }
  if (text.length > max) {
    throw new BadInputError(argument, `${text.length.toLocaleString('en-US')} characters; at most ${max.toLocaleString('en-US')} are accepted`);
  }
  return maskIdNumbersIn(text);
}

/** The step's effect on a warning in `status`; a CONFLICT when its status no longer allows it. */
export function planReview(warning: { id: number; status: WarningStatus }, review: Review): ReviewPlan {
  const from = warning.status;
  if (review.action === 'commented') {
    return { status: from, decided: false, event: { action: 'commented', fromStatus: null, toStatus: null, note: review.note } };
  }
  if (!UNDECIDED.includes(from)) {
    const what = review.action === 'assigned' ? 'assigned' : 'decided again';
    throw new ConflictError(`Warning ${warning.id} is already ${from}: a decided warning cannot be ${what}. Comments are still accepted.`);
  }
  switch (review.action) {
    case 'assigned':
      return {
        status: 'assigned',
        assignee: review.assignee,
        decided: false,
        event: { action: 'assigned', fromStatus: from, toStatus: 'assigned', note: review.assignee },
      };
    case 'confirmed':
      return { status: 'confirmed', decisionNote: review.note, decided: true, event: { action: 'confirmed', fromStatus: from, toStatus: 'confirmed', note: review.note } };
    case 'dismissed':
      return { status: 'dismissed', decisionNote: review.reason, decided: true, event: { action: 'dismissed', fromStatus: from, toStatus: 'dismissed', note: review.reason } };
    case 'referred':
      return {
        status: 'referred',
        referredTo: review.to,
        decisionNote: review.note,
        decided: true,
        // The addressee heads the audit note: the trail alone says where the case went.
        event: { action: 'referred', fromStatus: from, toStatus: 'referred', note: review.note ? `${review.to}\n${review.note}` : review.to },
      };
  }
}
