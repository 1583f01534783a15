import fc from 'fast-check';
import { assessMilestone, describeDuration } from './milestone-assessment';
import type { MilestoneRecord } from './milestone-assessment';
import { severity } from './rag-status';

const due = '2018-01-15T09:00:00.000Z';
const milestone = (completedAt: string | null = null): MilestoneRecord => ({ id: 'm1', name: 'Advert out', dueAt: due, completedAt });
const at = (iso: string) => new Date(iso);

describe('assessMilestone', () => {
  it('is Green before its due time, and says when it is due', () => {
    const result = assessMilestone(milestone(), at('2018-01-12T09:00:00Z'));
    expect(result.status).toBe('Green');
    expect(result.reasons).toEqual([`milestone 'Advert out' due ${due}, in 3 days`]);
  });

  it('is Red from its due instant while not complete, and says by how much', () => {
    expect(assessMilestone(milestone(), at(due)).status).toBe('Red');
    const result = assessMilestone(milestone(), at('2018-01-27T09:00:00Z'));
    expect(result.status).toBe('Red');
    expect(result.reasons).toEqual([`milestone 'Advert out' overdue by 12 days (due ${due})`]);
  });

  it('is Complete once completed, in time or late', () => {
    expect(assessMilestone(milestone('2018-01-10T12:00:00.000Z'), at('2018-02-01T00:00:00Z')).status).toBe('Complete');
    const late = assessMilestone(milestone('2018-01-17T09:00:00.000Z'), at('2018-02-01T00:00:00Z'));
    expect(late.status).toBe('Complete');
    expect(late.reasons[0]).toContain('2 days after its due time');
  });

  it('ignores a completion recorded after the as-at instant', () => {
    expect(assessMilestone(milestone('2018-01-20T09:00:00.000Z'), at('2018-01-16T09:00:00Z')).status).toBe('Red');
  });
});

describe('assessMilestone laws', () => {
  const instant = fc.integer({ min: Date.parse('2016-01-01'), max: Date.parse('2022-01-01') });
  const record = fc.record({ due: instant, completed: fc.option(instant, { nil: null }) });
  const toRecord = (r: { due: number; completed: number | null }): MilestoneRecord => ({
    id: 'm',
    name: 'm',
    dueAt: new Date(r.due).toISOString(),
    completedAt: r.completed === null ? null : new Date(r.completed).toISOString(),
  });

  it('completing a milestone never worsens its status', () => {
    fc.assert(
      fc.property(record, instant, instant, (r, completion, asAt) => {
        const open = assessMilestone(toRecord({ ...r, completed: null }), new Date(asAt));
        const completed = assessMilestone(toRecord({ ...r, completed: completion }), new Date(asAt));
        return severity(completed.status) <= severity(open.status);
      }),
    );
  });

  it('more time passing never improves an open milestone', () => {
    fc.assert(
      fc.property(instant, instant, fc.nat({ max: 10 ** 10 }), (dueAt, asAt, later) => {
        const r = toRecord({ due: dueAt, completed: null });
        return severity(assessMilestone(r, new Date(asAt + later)).status) >= severity(assessMilestone(r, new Date(asAt)).status);
      }),
    );
  });

  it('the status as at an instant ignores every completion after it', () => {
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 1, max: 10 ** 10 }), (dueAt, asAt, after) => {
        const withLaterCompletion = toRecord({ due: dueAt, completed: asAt + after });
        const withoutCompletion = toRecord({ due: dueAt, completed: null });
        return assessMilestone(withLaterCompletion, new Date(asAt)).status === assessMilestone(withoutCompletion, new Date(asAt)).status;
      }),
    );
  });
});

describe('describeDuration', () => {
  it.each([
    [999, '0 seconds'],
    [1_000, '1 second'],
    [61_000, '1 minute'],
    [2 * 3_600_000, '2 hours'],
    [90 * 86_400_000, '90 days'],
  ])('%d ms reads as %s', (ms, text) => expect(describeDuration(ms)).toBe(text));
});
