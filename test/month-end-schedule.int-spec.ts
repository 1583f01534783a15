import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { MonthEndScheduleView } from '@pmo/application';
import { MONTH_END_SCHEDULE_ID, monthEndWorkflowId } from '@pmo/contracts';
import type { MonthEndTickResult } from '@pmo/contracts';
import { londonDay } from '@pmo/domain';
import { TemporalMonthEndSchedule } from '@pmo/orchestration';
import { TestEngine } from './support/engine';
import { startLocalTemporal } from './support/temporal';

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The month-end cadence as a real Temporal Schedule on the dev server: its spec, its API, and catching up. */
describe('month-end schedule', () => {
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    await engine.seedOrganisations();
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  /** Every tick the schedule started, by the London day it stands for, once each has finished. */
  async function ticks(expected: number): Promise<MonthEndTickResult[]> {
    for (let attempt = 0; ; attempt += 1) {
      const ids: string[] = [];
      for await (const execution of temporal.client.workflow.list({ query: `WorkflowType = 'monthEndTickWorkflow'` })) ids.push(execution.workflowId);
      if (ids.length >= expected || attempt > 150) {
        const results = await Promise.all(ids.map((id) => temporal.client.workflow.getHandle(id).result() as Promise<MonthEndTickResult>));
        return results.sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
      }
      await new Promise((done) => setTimeout(done, 200));
    }
  }

  it('is created once, every day at 07:00 London time, whatever the season', async () => {
    await engine.client.get('/month-end-schedule').expect(404);
    const schedule = new TemporalMonthEndSchedule(temporal.client, engine.config.monthEnd);
    await schedule.ensure();
    await schedule.ensure();
    const view = (await engine.client.get('/month-end-schedule').expect(200)).body as MonthEndScheduleView;
    expect(view).toEqual(expect.objectContaining({ scheduleId: MONTH_END_SCHEDULE_ID, paused: false, runTime: '07:00', timezone: 'Europe/London' }));
    expect(view.rule).toEqual({ runWorkingDay: 5, returnDeadlineWorkingDay: 10, returnReminderWorkingDays: 2, updateReminderWorkingDays: 2 });
    expect(view.nextTicks.length).toBeGreaterThan(0);
    expect(view.nextTicks.map((tick) => LONDON_TIME.format(new Date(tick)))).toEqual(view.nextTicks.map(() => '07:00'));
    expect(view.upcomingCycles.length).toBeGreaterThan(0);
    expect(view.upcomingCycles.every((days) => days.runDay > `${days.period}-31`)).toBe(true);
  });

  it('pauses and resumes through the API, with a note saying why', async () => {
    const unexplained = await engine.client.post('/month-end-schedule/pause').send({}).expect(400);
    expect(unexplained.body.errors).toEqual([{ field: 'note', reason: expect.stringMatching(/expected string|must say why/) }]);
    const paused = (await engine.client.post('/month-end-schedule/pause').send({ note: 'Return template changing this month' }).expect(200)).body as MonthEndScheduleView;
    expect(paused).toEqual(expect.objectContaining({ paused: true, note: 'Return template changing this month' }));
    const resumed = (await engine.client.post('/month-end-schedule/resume').send({ note: 'New template in place' }).expect(200)).body as MonthEndScheduleView;
    expect(resumed).toEqual(expect.objectContaining({ paused: false, note: 'New template in place' }));
  });

  it('catches up missed days, each tick doing the duties of the day it stands for, across the spring clock change', async () => {
    const created = await engine.client
      .post('/programmes/from-template')
      .send({ templateId: 'clinical-pharmacists', organisation: '11J', leadEmail: 'pharmacy.lead@dorset.nhs.example', startDate: '2026-01-01' })
      .expect(201);
    // As after an outage: the schedule takes every tick it missed between 26 March and 10 April 2026.
    await temporal.client.schedule.getHandle(MONTH_END_SCHEDULE_ID).backfill({ start: new Date('2026-03-26T00:00:00Z'), end: new Date('2026-04-10T12:00:00Z') });
    const taken = await ticks(16);
    expect(taken.map((tick) => tick.day)).toEqual(Array.from({ length: 16 }, (_, index) => `2026-${index < 6 ? '03' : '04'}-${String(index < 6 ? 26 + index : index - 5).padStart(2, '0')}`));
    // 07:00 GMT before the clocks went forward on 29 March, 07:00 BST (06:00 UTC) after.
    expect(taken.find((tick) => tick.day === '2026-03-27')?.scheduledAt).toBe('2026-03-27T07:00:00.000Z');
    expect(taken.find((tick) => tick.day === '2026-03-30')?.scheduledAt).toBe('2026-03-30T06:00:00.000Z');
    // Good Friday and Easter Monday are not working days: March's cycle runs on Thursday 9 April.
    expect(taken.filter((tick) => tick.cycle !== null).map((tick) => [tick.day, tick.cycle?.period])).toEqual([['2026-04-09', '2026-03']]);
    expect(taken.find((tick) => tick.day === '2026-04-07')?.updateReminders).toEqual({ period: '2026-03', raised: 1 });
    expect(taken.find((tick) => tick.day === '2026-04-09')?.updateEscalations).toEqual({ period: '2026-03', raised: 1 });
    const cycle = await temporal.client.workflow.getHandle(monthEndWorkflowId('2026-03')).describe();
    expect(cycle.status.name).toBe('COMPLETED');
    const reminder = await engine.inbox.waitFor((mail) => mail.headers['x-pmo-notification-kind'] === 'update-reminder', 30_000);
    expect(reminder.to).toContain('pharmacy.lead@dorset.nhs.example');
    expect(reminder.subject).toBe(`Monthly update due: ${(created.body as { name: string }).name}, 2026-03`);
  });

  it('triggers today’s tick at once through the API', async () => {
    const before = (await ticks(16)).length;
    await engine.client.post('/month-end-schedule/trigger').expect(202);
    const after = await ticks(before + 1);
    expect(after.map((tick) => tick.day)).toContain(londonDay(new Date()));
  });
});
