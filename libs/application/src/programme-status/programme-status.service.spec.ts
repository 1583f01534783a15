import { BankHolidays } from '../ports/bank-holidays';
import { Clock } from '../ports/clock';
import { OrganisationRepository } from '../ports/organisation.repository';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { PlanMilestone, ProgrammeHead, ProgrammePlanRecord, ProgrammeRecord } from '../ports/programme.repository';
import { ProgrammeStatusService } from './programme-status.service';

class SetClock extends Clock {
  constructor(public instant: Date) {
    super();
  }

  now(): Date {
    return this.instant;
  }
}

const PROGRAMME_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_PROGRAMME_ID = '00000000-0000-4000-8000-000000000002';
const NO_SUCH_PROGRAMME_ID = '00000000-0000-4000-8000-000000000003';
const PROGRAMME_IDS = [PROGRAMME_ID, OTHER_PROGRAMME_ID];
const recordedAt = '2026-10-01T09:00:00.000Z';

const milestone = (ref: string, forecastDate: string, dueAt: string): PlanMilestone => ({
  id: `00000000-0000-4000-8000-00000000000${ref.slice(-1)}`,
  ref,
  name: `Milestone ${ref}`,
  kind: 'delivery',
  ownerEmail: 'owner@nhs.example',
  baselineDate: forecastDate,
  forecastDate,
  actualDate: null,
  dueAt,
  completedAt: null,
  confirmedAt: null,
  phase: null,
  predecessors: [],
  acceptedOverlap: false,
  evidence: null,
  baselines: [{ version: 1, baselineDate: forecastDate, reason: null, approvedBy: null, recordedAt }],
  forecasts: [{ forecastDate, dueAt, recordedAt, knownAt: null }],
});

/** Online consultation rollout: its contract is due at 3 pm today (an instant, as the API allows), its go-live in March. */
const plan: ProgrammePlanRecord = {
  id: PROGRAMME_ID,
  name: 'Online consultation rollout',
  leadEmail: 'lead@nhs.example',
  managerEmail: null,
  sroEmail: null,
  pmoEmails: [],
  organisationOdsCode: null,
  gpfvArea: null,
  startDate: '2026-10-01',
  endDate: '2027-03-31',
  tolerances: { amberSlipWorkingDays: 5, redSlipWorkingDays: 15, amberBelowPlanPercent: 5, redBelowPlanPercent: 15 },
  rules: { warningWorkingDays: 5, dataDeadlineWorkingDays: 5, noDataRedWorkingDays: 10, rollUp: 'worst-of' },
  confidenceOverride: null,
  closure: null,
  template: null,
  phases: [],
  milestones: [milestone('M1', '2026-12-03', '2026-12-03T15:00:00.000Z'), milestone('M2', '2027-03-31', '2027-04-01T00:00:00.000Z')],
  trajectories: [],
  raid: [],
  funding: [],
  monthlyUpdates: [],
};

describe('the current status, kept between reads', () => {
  let revision: string;
  let planReads: number;
  let recordReads: number;
  let headReads: number;
  let clock: SetClock;
  let service: ProgrammeStatusService;

  beforeEach(() => {
    revision = '41';
    planReads = 0;
    recordReads = 0;
    headReads = 0;
    clock = new SetClock(new Date('2026-12-03T10:00:00.000Z'));
    const head = (id: string): ProgrammeHead => ({ id, name: plan.name, leadEmail: plan.leadEmail, createdAt: recordedAt, revision, escalations: [] });
    const programmes = {
      // In no particular order, as the port has it: here, the reverse of the ids asked for.
      findHeads: async (programmeIds: readonly string[]) => {
        headReads += 1;
        return programmeIds.filter((id) => PROGRAMME_IDS.includes(id)).map(head).reverse();
      },
      findById: async (id: string): Promise<ProgrammeRecord> => {
        recordReads += 1;
        return { ...head(id), milestones: plan.milestones };
      },
      loadPlan: async () => {
        planReads += 1;
        return plan;
      },
    } as unknown as ProgrammeRepository;
    const holidays = { englandAndWales: () => ['2026-12-25', '2026-12-28'] } as BankHolidays;
    service = new ProgrammeStatusService(programmes, {} as OrganisationRepository, holidays, clock);
  });

  const at = async (instant: string) => {
    clock.instant = new Date(instant);
    const current = await service.currentView(PROGRAMME_ID);
    // Worked out afresh as at the same instant, for comparison.
    const fresh = await service.view(PROGRAMME_ID, clock.instant);
    planReads -= 1;
    recordReads -= 1;
    return { current, fresh };
  };

  it('keeps it while the record is unchanged and no boundary has passed, and it is what a fresh reading gives', async () => {
    const first = await at('2026-12-03T10:00:00.000Z');
    const later = await at('2026-12-03T10:04:59.999Z');
    // The milestones come with the kept status: the second read takes only the record's head.
    expect([planReads, recordReads]).toEqual([1, 1]);
    expect(later.current).toEqual(later.fresh);
    expect([first.current.asAt, later.current.asAt]).toEqual(['2026-12-03T10:00:00.000Z', '2026-12-03T10:04:59.999Z']);
  });

  it('works it out again after five minutes, so that new list sizes reach it', async () => {
    await at('2026-12-03T10:00:00.000Z');
    await at('2026-12-03T10:05:00.000Z');
    expect(planReads).toBe(2);
  });

  it('works it out again once the record changes', async () => {
    await at('2026-12-03T10:00:00.000Z');
    revision = '42';
    const changed = await at('2026-12-03T10:01:00.000Z');
    expect([planReads, recordReads]).toEqual([2, 2]);
    expect(changed.current).toEqual(changed.fresh);
  });

  it("works it out again at a rule's boundary: the contract due at 3 pm is overdue from then", async () => {
    const before = await at('2026-12-03T14:57:00.000Z');
    const due = await at('2026-12-03T15:00:00.000Z');
    expect(planReads).toBe(2);
    expect([before.current.milestones[0].overdue, due.current.milestones[0].overdue]).toEqual([false, true]);
    expect(due.current).toEqual(due.fresh);
  });

  it('works it out again at London midnight, when the working days to go are one fewer', async () => {
    const evening = await at('2026-12-03T23:59:00.000Z');
    const morning = await at('2026-12-04T00:00:00.000Z');
    expect(planReads).toBe(2);
    expect(morning.current).toEqual(morning.fresh);
    expect(morning.current.milestones[1].reasons).not.toEqual(evening.current.milestones[1].reasons);
  });

  it("answers a portfolio's views in its order from one read of their heads, leaving out a programme that does not exist", async () => {
    await at('2026-12-03T10:00:00.000Z');
    headReads = 0;
    const views = await service.currentViews([OTHER_PROGRAMME_ID, NO_SUCH_PROGRAMME_ID, PROGRAMME_ID]);
    expect(views.map((view) => view.id)).toEqual([OTHER_PROGRAMME_ID, PROGRAMME_ID]);
    // The other programme worked out afresh, this one kept.
    expect([headReads, recordReads, planReads]).toEqual([1, 2, 2]);
    await expect(service.currentView(NO_SUCH_PROGRAMME_ID)).rejects.toThrow(`no programme ${NO_SUCH_PROGRAMME_ID}`);
  });

  it('works a change out once for reads that find it together, and answers them the same', async () => {
    const [page, refresh] = await Promise.all([service.currentView(PROGRAMME_ID), service.currentView(PROGRAMME_ID)]);
    expect([planReads, recordReads]).toEqual([1, 1]);
    expect(refresh).toEqual(page);
  });
});
