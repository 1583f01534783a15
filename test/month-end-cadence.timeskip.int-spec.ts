import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import type { MonthlyReturnView, ProgrammeView, StoredReport } from '@pmo/application';
import { MONTH_END_TICK_WORKFLOW_TYPE, monthEndTickWorkflowId, monthEndWorkflowId, PROGRAMME_TASK_QUEUE } from '@pmo/contracts';
import type { MonthEndTickResult } from '@pmo/contracts';
import { addDays, londonDay } from '@pmo/domain';
import { TestEngine } from './support/engine';
import { startTimeSkippingTemporal } from './support/temporal';

const HOUR_MS = 3_600_000;
const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });

/** 07:00 on a London day, as an instant: 07:00 UTC in winter, 06:00 UTC in summer. */
function sevenInTheMorning(day: string): number {
  const winter = Date.parse(`${day}T07:00:00Z`);
  return LONDON_HOUR.format(winter) === '07' ? winter : winter - HOUR_MS;
}

/** The 5th working day after each month end of 2027, in England and Wales (Easter 26 and 29 March, 3 and 31 May, 30 August, 27 and 28 December). */
const RUN_DAYS_2027 = ['2027-02-05', '2027-03-05', '2027-04-07', '2027-05-10', '2027-06-07', '2027-07-07', '2027-08-06', '2027-09-07', '2027-10-07', '2027-11-05', '2027-12-07', '2028-01-10'];
const PERIODS_2027 = Array.from({ length: 12 }, (_, index) => `2027-${String(index + 1).padStart(2, '0')}`);

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
    const instantiate = async (templateId: string) =>
      (await request(engine.http).post('/programmes/from-template').send({ templateId, organisation: '11J', leadEmail: `${templateId}@dorset.nhs.example`, startDate: '2026-12-01' }).expect(201))
        .body as ProgrammeView;
    const updated = await instantiate('clinical-pharmacists');
    const silent = await instantiate('online-consultation-rollout');
    // One programme manager writes every month but June; the other never does.
    for (const period of PERIODS_2027) {
      if (period === '2027-06') missingUpdates.set(`${period} ${updated.id}`, updated.leadEmail);
      else await request(engine.http).put(`/programmes/${updated.id}/monthly-updates/${period}`).send({ commentary: `Update for ${period}.`, authorEmail: updated.leadEmail }).expect(204);
      missingUpdates.set(`${period} ${silent.id}`, silent.leadEmail);
    }

    // The environment's own client lets time run on while it waits for a result, up to the programme
    // workflows' next timers; a plain client keeps the clock where the tick started, as a schedule would.
    const client = new Client({ connection: temporal.connection, namespace: temporal.namespace });
    for (let day = '2027-01-15'; day <= '2028-01-20'; day = addDays(day, 1)) {
      await temporal.sleep(Math.max(0, sevenInTheMorning(day) - (await temporal.currentTimeMs())));
      ticks.push(await client.workflow.execute(MONTH_END_TICK_WORKFLOW_TYPE, { workflowId: monthEndTickWorkflowId(day), taskQueue: PROGRAMME_TASK_QUEUE, args: [] }));
      // March's return is signed off the day after its cycle, before any reminder is due.
      if (day === '2027-04-08') {
        for (const [step, by] of [['review', 'analyst@icb.nhs.example'], ['approve', 'head@icb.nhs.example'], ['submit', 'pmo@icb.nhs.example']]) {
          await request(engine.http).post('/returns/2027-03/versions/1/sign-off').send({ step, by }).expect(200);
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
    expect(runs.map((tick) => [tick.cycle?.period, tick.day])).toEqual(PERIODS_2027.map((period, index) => [period, RUN_DAYS_2027[index]]));
    // GMT until the clocks went forward on 28 March, BST until they went back on 31 October.
    expect(runs.map((tick) => tick.scheduledAt.slice(11, 16))).toEqual(['07:00', '07:00', '06:00', '06:00', '06:00', '06:00', '06:00', '06:00', '06:00', '07:00', '07:00', '07:00']);
    for (const [index, period] of PERIODS_2027.entries()) {
      const cycle = await temporal.client.workflow.getHandle(monthEndWorkflowId(period)).describe();
      expect(londonDay(cycle.startTime)).toBe(RUN_DAYS_2027[index]);
    }
  });

  it('keeps every report and every return exactly once', async () => {
    const reports = (await request(engine.http).get('/reports').expect(200)).body as StoredReport[];
    const keys = reports.map((report) => [report.period, report.kind, report.format, report.programmeId ?? report.organisation].join(' '));
    expect(new Set(keys).size).toBe(keys.length);
    for (const period of PERIODS_2027) {
      const own = reports.filter((report) => report.period === period);
      expect(own.map((report) => `${report.kind} ${report.format}`).sort()).toEqual(
        ['highlight-report html', 'highlight-report html', 'highlight-report markdown', 'highlight-report markdown', 'monthly-update-paper html', 'monthly-update-paper markdown', 'portfolio-summary html', 'portfolio-summary markdown'].sort(),
      );
      const view = (await request(engine.http).get(`/returns/${period}`).expect(200)).body as MonthlyReturnView;
      expect(view.versions.map((version) => version.version)).toEqual([1]);
    }
    expect(reports).toHaveLength(96);
  });

  it('reminds and escalates missing updates, and chases the returns not submitted by their deadline', async () => {
    const raised = (pick: (tick: MonthEndTickResult) => { period: string; raised: number } | null) =>
      Object.fromEntries(ticks.flatMap((tick) => { const duty = pick(tick); return duty === null || !PERIODS_2027.includes(duty.period) ? [] : [[duty.period, duty.raised]]; }));
    const missing = (period: string) => [...missingUpdates.keys()].filter((key) => key.startsWith(period)).length;
    expect(raised((tick) => tick.updateReminders)).toEqual(Object.fromEntries(PERIODS_2027.map((period) => [period, missing(period)])));
    expect(raised((tick) => tick.updateEscalations)).toEqual(Object.fromEntries(PERIODS_2027.map((period) => [period, missing(period)])));
    const chased = Object.fromEntries(PERIODS_2027.map((period) => [period, period === '2027-03' ? 0 : 1]));
    expect(raised((tick) => tick.returnReminder)).toEqual(chased);
    expect(raised((tick) => tick.returnEscalation)).toEqual(chased);
    // March's return was due by 14 April and would have been escalated on the 15th; it was submitted on the 8th.
    expect(ticks.find((tick) => tick.returnEscalation?.period === '2027-03')?.day).toBe('2027-04-15');

    const expected = 2 * missingUpdates.size + 2 * 11;
    for (let waited = 0; notificationEmails().length < expected && waited < 60_000; waited += 200) await new Promise((done) => setTimeout(done, 200));
    const emails = notificationEmails();
    expect(emails).toHaveLength(expected);
    expect(new Set(emails.map((email) => email.headers['x-pmo-notification-id'])).size).toBe(expected);
    const escalated = emails.filter((email) => email.headers['x-pmo-notification-kind'] === 'return-escalation');
    expect(escalated.map((email) => email.to).every((to) => to.includes('director.primary-care@icb.nhs.example'))).toBe(true);
  });

  const notificationEmails = () => engine.inbox.emails.filter((email) => email.headers['x-pmo-notification-id'] !== undefined);
});
