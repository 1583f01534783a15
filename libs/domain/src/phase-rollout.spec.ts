import { assessPhaseRollout } from './phase-rollout';
import type { PhaseRecord } from './phase-rollout';
import { WorkingCalendar } from './working-calendar';

const calendar = new WorkingCalendar([]);
const phase = (wentLive: (string | null)[]): PhaseRecord => ({
  ref: 'P1',
  name: 'Phase 1',
  plannedGoLive: '2018-06-29',
  members: [
    { odsCode: '11JT01', name: 'North Dorset', wentLiveOn: wentLive[0] },
    { odsCode: '11JT02', name: 'Purbeck', wentLiveOn: wentLive[1] },
  ],
});

describe('assessPhaseRollout', () => {
  it('is Green before the planned go-live, counting the members live so far', () => {
    expect(assessPhaseRollout(phase(['2018-05-01', null]), new Date('2018-06-01T09:00:00Z'), calendar)).toEqual({
      ref: 'P1',
      status: 'Green',
      live: 1,
      total: 2,
      overdueMembers: [],
      reasons: ["phase 'Phase 1' live in 1 of 2 members, planned go-live 2018-06-29"],
      nextBoundaryAt: '2018-06-29T23:00:00.000Z',
    });
  });

  it('is Red past the planned go-live, naming the members not live', () => {
    const result = assessPhaseRollout(phase(['2018-05-01', null]), new Date('2018-07-04T09:00:00Z'), calendar);
    expect(result.status).toBe('Red');
    expect(result.overdueMembers).toEqual(['11JT02']);
    expect(result.reasons).toEqual(["phase 'Phase 1' 3 working days past its planned go-live 2018-06-29: not live in Purbeck"]);
  });

  it('is Live once every member is, and ignores a go-live recorded for a later day', () => {
    expect(assessPhaseRollout(phase(['2018-05-01', '2018-07-10']), new Date('2018-07-11T09:00:00Z'), calendar).status).toBe('Live');
    expect(assessPhaseRollout(phase(['2018-05-01', '2018-07-10']), new Date('2018-07-09T09:00:00Z'), calendar).status).toBe('Red');
  });
});
