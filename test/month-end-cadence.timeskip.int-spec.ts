import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { MonthlyReturnView, ProgrammeView, StoredReport } from '@pmo/application';
import { MONTH_END_TICK_WORKFLOW_TYPE, monthEndTickWorkflowId, monthEndWorkflowId, PROGRAMME_TASK_QUEUE } from '@pmo/contracts';
import type { MonthEndTickResult } from '@pmo/contracts';
import { addDays, cycleDays, DEFAULT_CYCLE_RULE, londonDay, WorkingCalendar } from '@pmo/domain';
import { PackagedBankHolidays } from '@pmo/reference-data';
import { TestEngine } from './support/engine';
import { startTimeSkippingTemporal } from './support/temporal';

const HOUR_MS = 3_600_000;
const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });

/** 07:00 on a London day, as an instant: 07:00 UTC in winter, 06:00 UTC in summer. */
function sevenInTheMorning(day: string): number {
  const winter = Date.parse(`${day}T07:00:00Z`);
  return LONDON_HOUR.format(winter) === '07' ? winter : winter - HOUR_MS;
}

/** Next calendar year: the time-skipping server starts at today and can only move forward. */
const YEAR = Number(londonDay(new Date()).slice(0, 4)) + 1;
const PERIODS = Array.from({ length: 12 }, (_, index) => `${YEAR}-${String(index + 1).padStart(2, '0')}`);
/** The days the engine must keep: the rule's own golden dates are checked in libs/domain. */
const calendar = new WorkingCalendar(new PackagedBankHolidays().englandAndWales());
const CYCLES = PERIODS.map((period) => cycleDays(period, DEFAULT_CYCLE_RULE, calendar));
const MANAGER = 'pharmacists.manager@dorset.nhs.example';
const SRO = 'director.transformation@dorset.nhs.example';

/**
 * A year of the month-end cadence on the Java time-skipping server. That server cannot run Temporal
 * Schedules, so the test stands in for the month-end Schedule (every day at 07:00 London time, which
 * test/month-end-schedule.int-spec.ts checks on the real server) by starting each day's tick at that
 * instant; everything the tick decides (which day is a run day, a reminder or a deadline) is the engine's.
 */
describe('month-end cadence across a year', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  const ticks: MonthEndTickResult[] = [];
  const missingUpdates = new Map<string, string>();

  beforeAll(async () => {
    temporal = await startTimeSkippingTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
    const instantiate = async (templateId: string, people: { managerEmail?: string; sroEmail?: string }) =>
      (await engine.client.post('/programmes/from-template').send({ templateId, organisation: '11J', leadEmail: `${templateId}@dorset.nhs.example`, ...people, startDate: `${YEAR - 1}-12-01` }).expect(201))
        .body as ProgrammeView;
    // One has a programme manager who records its updates; the other's lead records them, under an SRO.
    const updated = await instantiate('clinical-pharmacists', { managerEmail: MANAGER });
    const silent = await instantiate('online-consultation-rollout', { sroEmail: SRO });
    // One programme manager writes every month but June; the other never does.
    for (const period of PERIODS) {
      if (period === `${YEAR}-06`) missingUpdates.set(`${period} ${updated.id}`, updated.leadEmail);
      else await engine.client.put(`/programmes/${updated.id}/monthly-updates/${period}`).send({ commentary: `Update for ${period}.`, authorEmail: updated.leadEmail }).expect(204);
      missingUpdates.set(`${period} ${silent.id}`, silent.leadEmail);
    }

    // The environment's own client lets time run on while it waits for a result, up to the programme
    // workflows' next timers; a plain client keeps the clock where the tick started, as a schedule would.
    const client = new Client({ connection: temporal.connection, namespace: temporal.namespace });
    const march = CYCLES[2];
    for (let day = `${YEAR}-01-15`; day <= CYCLES[11].returnEscalationDay; day = addDays(day, 1)) {
      await temporal.sleep(Math.max(0, sevenInTheMorning(day) - (await temporal.currentTimeMs())));
      ticks.push(await client.workflow.execute(MONTH_END_TICK_WORKFLOW_TYPE, { workflowId: monthEndTickWorkflowId(day), taskQueue: PROGRAMME_TASK_QUEUE, args: [] }));
      // March's return is signed off the day after its cycle, before any reminder is due.
      if (day === addDays(march.runDay, 1)) {
        for (const [step, by] of [['review', 'analyst@icb.nhs.example'], ['approve', 'head@icb.nhs.example'], ['submit', 'pmo@icb.nhs.example']]) {
          await (await engine.granted(by, 'pmo', '*')).post(`/returns/${march.period}/versions/1/sign-off`).send({ step }).expect(200);
        }
      }
    }
  }, 900_000);

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  it('runs the cycle of each month once, on its 5th working day at 07:00 London time, across both clock changes', async () => {
    const runs = ticks.filter((tick) => tick.cycle !== null);
    expect(runs.map((tick) => [tick.cycle?.period, tick.day])).toEqual(CYCLES.map((days) => [days.period, days.runDay]));
    expect(runs.every((tick) => calendar.isWorkingDay(tick.day))).toBe(true);
    // 07:00 GMT is 07:00 UTC; 07:00 BST, from the last Sunday of March to the last Sunday of October, is 06:00 UTC.
    // To the minute: the tick starts a few milliseconds after the instant the test moved the clock to.
    expect(runs.map((tick) => tick.scheduledAt.slice(0, 16))).toEqual(CYCLES.map((days) => new Date(sevenInTheMorning(days.runDay)).toISOString().slice(0, 16)));
    expect(runs.map((tick) => tick.scheduledAt.slice(11, 16))).toEqual(['07:00', '07:00', '06:00', '06:00', '06:00', '06:00', '06:00', '06:00', '06:00', '07:00', '07:00', '07:00']);
    for (const days of CYCLES) {
      const cycle = await temporal.client.workflow.getHandle(monthEndWorkflowId(days.period)).describe();
      expect(londonDay(cycle.startTime)).toBe(days.runDay);
    }
  });

  it('keeps every report and every return exactly once', async () => {
    const reports = (await engine.client.get('/reports').expect(200)).body as StoredReport[];
    const keys = reports.map((report) => [report.period, report.kind, report.format, report.programmeId ?? report.organisation].join(' '));
    expect(new Set(keys).size).toBe(keys.length);
    for (const period of PERIODS) {
      const own = reports.filter((report) => report.period === period);
      expect(own.map((report) => `${report.kind} ${report.format}`).sort()).toEqual(
        ['highlight-report html', 'highlight-report html', 'highlight-report markdown', 'highlight-report markdown', 'monthly-update-paper html', 'monthly-update-paper markdown', 'portfolio-summary html', 'portfolio-summary markdown'].sort(),
      );
      const view = (await engine.client.get(`/returns/${period}`).expect(200)).body as MonthlyReturnView;
      expect(view.versions.map((version) => version.version)).toEqual([1]);
    }
    expect(reports).toHaveLength(96);
  });

  it('reminds and escalates missing updates, and chases the returns not submitted by their deadline', async () => {
    const raised = (pick: (tick: MonthEndTickResult) => { period: string; raised: number } | null) =>
      Object.fromEntries(ticks.flatMap((tick) => { const duty = pick(tick); return duty === null || !PERIODS.includes(duty.period) ? [] : [[duty.period, duty.raised]]; }));
    const missing = (period: string) => [...missingUpdates.keys()].filter((key) => key.startsWith(period)).length;
    expect(raised((tick) => tick.updateReminders)).toEqual(Object.fromEntries(PERIODS.map((period) => [period, missing(period)])));
    expect(raised((tick) => tick.updateEscalations)).toEqual(Object.fromEntries(PERIODS.map((period) => [period, missing(period)])));
    const chased = Object.fromEntries(PERIODS.map((period) => [period, period === CYCLES[2].period ? 0 : 1]));
    expect(raised((tick) => tick.returnReminder)).toEqual(chased);
    expect(raised((tick) => tick.returnEscalation)).toEqual(chased);
    // March's return was submitted the day after its cycle; its escalation day came and found nothing to chase.
    expect(ticks.find((tick) => tick.returnEscalation?.period === CYCLES[2].period)?.day).toBe(CYCLES[2].returnEscalationDay);

    const expected = 2 * missingUpdates.size + 2 * 11;
    for (let waited = 0; notificationEmails().length < expected && waited < 60_000; waited += 200) await new Promise((done) => setTimeout(done, 200));
    const emails = notificationEmails();
    expect(emails).toHaveLength(expected);
    expect(new Set(emails.map((email) => email.headers['x-pmo-notification-id'])).size).toBe(expected);
    const escalated = emails.filter((email) => email.headers['x-pmo-notification-kind'] === 'return-escalation');
    expect(escalated.map((email) => email.to).every((to) => to.includes('director.primary-care@icb.nhs.example'))).toBe(true);

    // The missing-update ladder: the programme manager, then the lead; with no manager, the lead, then the SRO.
    const recipientsOf = (kind: string) => [...new Set(emails.filter((email) => email.headers['x-pmo-notification-kind'] === kind).flatMap((email) => email.to))].sort();
    expect(recipientsOf('update-reminder')).toEqual([MANAGER, 'online-consultation-rollout@dorset.nhs.example'].sort());
    expect(recipientsOf('update-escalation')).toEqual(['clinical-pharmacists@dorset.nhs.example', SRO].sort());
  });

  /** The month-end notifications about updates and returns (owners' warnings and Red programmes are counted elsewhere). */
  const notificationEmails = () =>
    engine.inbox.emails.filter((email) => ['update-reminder', 'update-escalation', 'return-reminder', 'return-escalation'].includes(email.headers['x-pmo-notification-kind']));
});
