/**
 * The sign-off of an NHS England monthly return: drafted by the month-end cycle, reviewed, approved and
 * submitted by named people, in that order. A submitted version never changes; a correction is a new
 * version, which leaves every unsubmitted older version superseded and every submitted one as it was.
 */
export type ReturnStatus = 'draft' | 'reviewed' | 'approved' | 'submitted' | 'superseded';
export type SignOffStep = 'review' | 'approve' | 'submit';

export const SIGN_OFF_STEPS: readonly SignOffStep[] = ['review', 'approve', 'submit'];

const TRANSITIONS: Record<SignOffStep, { from: ReturnStatus; to: ReturnStatus }> = {
  review: { from: 'draft', to: 'reviewed' },
  approve: { from: 'reviewed', to: 'approved' },
  submit: { from: 'approved', to: 'submitted' },
};

export interface SignOffRecord {
  status: ReturnStatus;
  reviewedBy: string | null;
  approvedBy: string | null;
}

/** Why a step cannot be taken, in words for the person taking it; null when it can. */
export function signOffRefusal(record: SignOffRecord, step: SignOffStep, by: string): string | null {
  const { from } = TRANSITIONS[step];
  if (record.status === 'submitted') return 'the version is submitted and never changes: make a correction as a new version';
  if (record.status === 'superseded') return 'the version was superseded by a later one';
  if (record.status !== from) return `only ${from === 'approved' ? 'an' : 'a'} ${from} version can be given '${step}'; this one is ${record.status}`;
  // Four eyes: whoever reviewed a return may not also approve it.
  if (step === 'approve' && record.reviewedBy?.toLowerCase() === by.toLowerCase()) return `${by} reviewed this version, so someone else must approve it`;
  return null;
}

export function statusAfter(step: SignOffStep): ReturnStatus {
  return TRANSITIONS[step].to;
}
