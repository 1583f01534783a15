import fc from 'fast-check';
import type { MilestoneRecord } from './milestone-assessment';
import { assessProgramme } from './programme-assessment';
import { severity } from './rag-status';

const milestone = (id: string, dueAt: string, completedAt: string | null = null): MilestoneRecord => ({ id, name: id, dueAt, completedAt });

describe('assessProgramme', () => {
  const plan = [
    milestone('Tender documents finalised', '2017-10-31T17:00:00.000Z', '2017-10-30T12:00:00.000Z'),
    milestone('Governing Body approval', '2017-11-30T17:00:00.000Z'),
    milestone('Advert out', '2018-01-31T17:00:00.000Z'),
  ];

  it('is Green while every milestone is complete or on track, and names the next boundary', () => {
    const result = assessProgramme(plan, new Date('2017-11-01T09:00:00Z'));
    expect(result.status).toBe('Green');
    expect(result.reasons).toEqual(['all 3 milestones complete or on track (1 complete)']);
    expect(result.nextBoundaryAt).toBe('2017-11-30T17:00:00.000Z');
  });

  it('is Red when a milestone is overdue, for the reasons of the Red milestones only', () => {
    const result = assessProgramme(plan, new Date('2017-12-01T17:00:00Z'));
    expect(result.status).toBe('Red');
    expect(result.reasons).toEqual(["milestone 'Governing Body approval' overdue by 1 day (due 2017-11-30T17:00:00.000Z)"]);
    expect(result.milestones.map((m) => m.status)).toEqual(['Complete', 'Red', 'Green']);
    expect(result.nextBoundaryAt).toBe('2018-01-31T17:00:00.000Z');
  });

  it('has no next boundary once every open milestone is past due', () => {
    expect(assessProgramme(plan, new Date('2018-02-01T00:00:00Z')).nextBoundaryAt).toBeNull();
  });

  it('counts a completion recorded after the as-at instant as a boundary of that past view', () => {
    const completedLater = [milestone('a', '2018-01-10T00:00:00.000Z', '2018-01-05T00:00:00.000Z')];
    expect(assessProgramme(completedLater, new Date('2018-01-01T00:00:00Z')).nextBoundaryAt).toBe('2018-01-05T00:00:00.000Z');
  });

  it('a worst-of roll-up is never better than its worst milestone', () => {
    const instant = fc.integer({ min: Date.parse('2017-01-01'), max: Date.parse('2020-01-01') });
    const records = fc.array(fc.record({ due: instant, completed: fc.option(instant, { nil: null }) }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(records, instant, (rows, asAt) => {
        const plan = rows.map((row, index) =>
          milestone(`m${index}`, new Date(row.due).toISOString(), row.completed === null ? null : new Date(row.completed).toISOString()),
        );
        const result = assessProgramme(plan, new Date(asAt));
        return result.milestones.every((m) => severity(result.status) >= severity(m.status));
      }),
    );
  });
});
