import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { CycleDutiesService, NotificationRepository, ProgrammeScheduler } from '@pmo/application';
import type { MonthlyReturnView, ProgrammeView, StoredReport, StoredReturn } from '@pmo/application';
import type { MonthEndSummary } from '@pmo/contracts';
import { addMonths, cycleDays, DEFAULT_CYCLE_RULE, londonDay, WorkingCalendar } from '@pmo/domain';
import { PackagedBankHolidays } from '@pmo/reference-data';
import type { OrganisationSample } from '@pmo/reference-data';
import { monthlyReturnTable, MonthlyReturnService, RETURN_COLUMNS } from '@pmo/reporting';
import { writeTableCsv } from '@pmo/spreadsheets';
import { binary } from './support/binary';
import { TestEngine } from './support/engine';
import { startLocalTemporal } from './support/temporal';

const run = promisify(execFile);

/**
 * The month-end cycle on the real stack: highlight reports, the portfolio summary, the committee paper
 * (printed to PDF), the NHS England return with its files and its sign-off, all kept once.
 */
describe('month-end cycle', () => {
  // This month, whose cycle is still ahead, so whatever the test records now is in its return.
  const PERIOD = londonDay(new Date()).slice(0, 7);
  const CYCLE = cycleDays(PERIOD, DEFAULT_CYCLE_RULE, new WorkingCalendar(new PackagedBankHolidays().englandAndWales()));
  // Two months back, whose cycle has run: its return's instant is past.
  const PAST = addMonths(PERIOD, -2);
  let temporal: TestWorkflowEnvironment;
  let engine: TestEngine;
  let sample: OrganisationSample;
  let summary: MonthEndSummary;
  const programmes: ProgrammeView[] = [];

  /**
   * This month's cycle, through the scheduler as the Schedule's tick would start it: the API runs a cycle only for a
   * month that has ended, and this test needs one whose return is as at an instant still ahead.
   */
  const runCycle = () => (engine.api as INestApplication).get(ProgrammeScheduler).runMonthEnd(PERIOD);

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    engine = await TestEngine.start({ temporal, withApi: true });
    sample = await engine.seedOrganisations();
    const instantiate = async (templateId: string, startDate: string) =>
      (await engine.client.post('/programmes/from-template').send({ templateId, organisation: '11J', leadEmail: `${templateId}@dorset.nhs.example`, startDate }).expect(201))
        .body as ProgrammeView;
    // Shifted so that this month plans 25% of the registered population and 6 WTE.
    programmes.push(
      await instantiate('dorset-extended-access-procurement', `${addMonths(PERIOD, -13)}-01`),
      await instantiate('clinical-pharmacists', `${addMonths(PERIOD, -5)}-01`),
    );
    const practices = sample.populations.map((population) => population.odsCode);
    await engine.client
      .put(`/programmes/${programmes[0].id}/trajectories/T01/actuals/${PERIOD}`)
      .send({ actuals: practices.slice(0, 40).map((odsCode) => ({ odsCode, value: 1 })) })
      .expect(204);
    await engine.client
      .put(`/programmes/${programmes[1].id}/trajectories/T01/actuals/${PERIOD}`)
      .send({ actuals: practices.slice(0, 4).map((odsCode) => ({ odsCode, value: 1 })) })
      .expect(204);
    await engine.client
      .put(`/programmes/${programmes[0].id}/monthly-updates/${PERIOD}`)
      .send({ commentary: 'Hub sites mobilised in Weymouth and Poole.', achievements: 'Evening sessions live.', nextPeriodPlans: 'Weekend sessions.', authorEmail: 'pm@dorset.nhs.example' })
      .expect(204);
    summary = await runCycle();
  });

  afterAll(async () => {
    await engine?.stop();
    await temporal?.teardown();
  });

  it('keeps every report and the return once, however often the period runs', async () => {
    expect(summary.highlightReports).toEqual({ programmes: 2, reports: 4 });
    expect(summary.collated.map((report) => `${report.kind} ${report.format}`)).toEqual([
      'portfolio-summary markdown',
      'portfolio-summary html',
      'monthly-update-paper markdown',
      'monthly-update-paper html',
    ]);
    expect(summary.monthlyReturn).toEqual(expect.objectContaining({ version: 1, status: 'draft', rowCount: 2 }));
    expect(await runCycle()).toEqual(summary);
    const listed = (await engine.client.get('/reports').query({ period: PERIOD }).expect(200)).body as StoredReport[];
    expect(listed).toHaveLength(8);
    expect((await engine.client.get(`/returns/${PERIOD}`).expect(200)).body.versions).toHaveLength(1);
  });

  it('serves the HTML reports with the NHS.UK stylesheet beside them, each matching its checksum', async () => {
    const listed = (await engine.client.get('/reports').query({ period: PERIOD, kind: 'monthly-update-paper' }).expect(200)).body as StoredReport[];
    const html = listed.find((report) => report.format === 'html') as StoredReport;
    expect(html.organisation).toBe('11J');
    const page = await engine.client.get(`/reports/${html.id}`).expect(200).expect('content-type', /text\/html/);
    expect(createHash('sha256').update(page.text).digest('hex')).toBe(html.sha256);
    expect(page.text).toContain('The Committee is asked to note the report.');
    expect(page.text).toContain('Hub sites mobilised in Weymouth and Poole.');
    expect(page.text).toContain('The monthly update for this period is missing');
    const stylesheet = await engine.client.get('/reports/assets/nhsuk-frontend.min.css').expect(200).expect('content-type', /text\/css/);
    expect(stylesheet.text).toContain('.nhsuk-tag');
    await engine.client.get('/reports').query({ kind: 'minutes' }).expect(400);
    await engine.client.get('/reports/not-a-uuid').expect(404);
  });

  it('prints the committee paper to a PDF whose text and pages poppler reads', async () => {
    const listed = (await engine.client.get('/reports').query({ period: PERIOD, kind: 'monthly-update-paper' }).expect(200)).body as StoredReport[];
    const html = listed.find((report) => report.format === 'html') as StoredReport;
    const markdown = listed.find((report) => report.format === 'markdown') as StoredReport;
    const pdf = await binary(engine.client.get(`/reports/${html.id}/pdf`)).expect(200).expect('content-type', 'application/pdf');
    const path = join(mkdtempSync(join(tmpdir(), 'pmo-paper-')), 'paper.pdf');
    writeFileSync(path, pdf.body as Buffer);
    const { stdout: text } = await run('pdftotext', ['-layout', path, '-']);
    const { stdout: info } = await run('pdfinfo', [path]);
    expect(text).toContain('NHS Dorset CCG · Primary Care Commissioning Committee');
    expect(text).toContain('3.2 Hub sites mobilised in Weymouth and Poole.');
    expect(text).toContain('The Committee is asked to note the report.');
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    await engine.client.get(`/reports/${markdown.id}/pdf`).expect(409);
  });

  it('makes the return as CSV and XLSX with the same rows, one per organisation and metric', async () => {
    const view = (await engine.client.get(`/returns/${PERIOD}`).expect(200)).body as MonthlyReturnView;
    expect(view.deadline).toBe(CYCLE.returnDeadline);
    expect(view.versions[0]).toEqual(expect.objectContaining({ version: 1, status: 'draft', asAt: CYCLE.returnAsAt, rowCount: 2 }));
    const csv = await engine.client.get(`/returns/${PERIOD}/versions/1/csv`).expect(200).expect('content-type', /text\/csv/);
    expect(createHash('sha256').update(csv.text).digest('hex')).toBe(view.versions[0].sha256);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row['ODS code'], row.Metric, row.Plan, row.RAG])).toEqual([
      ['11J', 'clinical-pharmacist-wte', '6', 'Red'],
      ['11J', 'extended-access-population-coverage', '25', 'Green'],
    ]);
    expect(rows[0].Actual).toBe('4');
    const xlsx = await binary(engine.client.get(`/returns/${PERIOD}/versions/1/xlsx`)).expect(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const sheet = workbook.worksheets[0];
    const cells = (rowNumber: number) => RETURN_COLUMNS.map((_, index) => String(sheet.getRow(rowNumber).getCell(index + 1).value ?? ''));
    expect(cells(1)).toEqual(RETURN_COLUMNS.map((column) => column.heading));
    expect([cells(2), cells(3)]).toEqual(rows.map((row) => RETURN_COLUMNS.map((column) => row[column.heading])));
    await engine.client.get(`/returns/${PERIOD}/versions/1/pdf`).expect(400);
    await engine.client.get(`/returns/${PERIOD}/versions/9/csv`).expect(404);
    await engine.client.get('/returns/2026-13').expect(400);
    await engine.client.get('/returns/2016-01').expect(404);
  });

  it('is signed off in order by named people, never changes once submitted, and is corrected by a new version', async () => {
    // Each step is signed by whoever is signed in: programme office people at every organisation.
    const sign = async (version: number, step: string, by: string, status: number) =>
      (await engine.granted(by, 'pmo', '*')).post(`/returns/${PERIOD}/versions/${version}/sign-off`).send({ step }).expect(status);
    await sign(1, 'approve', 'head@icb.nhs.example', 409);
    const invalid = await engine.client.post(`/returns/${PERIOD}/versions/1/sign-off`).send({ step: 'stamp', by: 'nobody' }).expect(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field)).toEqual(['step', 'by']);
    const impersonated = await engine.client.post(`/returns/${PERIOD}/versions/1/sign-off`).send({ step: 'review', by: 'analyst@icb.nhs.example' }).expect(400);
    expect(impersonated.body.errors).toEqual([{ field: 'by', reason: 'must be you (pmo.admin@test.nhs.example): each step is signed by the person signed in' }]);
    const key = (await engine.client.post('/access/api-keys').send({ name: 'Return robot', role: 'pmo', organisation: '*' }).expect(201)).body as { key: string };
    await engine.withApiKey(key.key).post(`/returns/${PERIOD}/versions/1/sign-off`).send({ step: 'review' }).expect(403);
    await sign(1, 'review', 'analyst@icb.nhs.example', 200);
    const sameEyes = await sign(1, 'approve', 'analyst@icb.nhs.example', 409);
    expect(sameEyes.body.detail).toMatch(/someone else must approve/);
    await sign(1, 'approve', 'head@icb.nhs.example', 200);
    const submitted = (await sign(1, 'submit', 'pmo@icb.nhs.example', 200)).body as StoredReturn;
    expect(submitted).toEqual(expect.objectContaining({ status: 'submitted', reviewedBy: 'analyst@icb.nhs.example', approvedBy: 'head@icb.nhs.example', submittedBy: 'pmo@icb.nhs.example' }));
    await sign(1, 'submit', 'pmo@icb.nhs.example', 409);

    // Not even a direct write changes what NHS England holds.
    const dataSource = await new DataSource({ type: 'postgres', url: engine.config.database.url }).initialize();
    try {
      await expect(dataSource.query(`UPDATE monthly_returns SET csv = 'tampered' WHERE period = $1 AND version = 1`, [PERIOD])).rejects.toThrow(/submitted and never changes/);
    } finally {
      await dataSource.destroy();
    }

    await engine.client.post(`/returns/${PERIOD}/corrections`).send({ reason: ' ' }).expect(400);
    await engine.client.post('/returns/2016-01/corrections').send({ reason: 'x' }).expect(404);
    const correction = (await engine.client.post(`/returns/${PERIOD}/corrections`).send({ reason: 'Clinical pharmacist WTE restated by the practices' }).expect(201))
      .body as StoredReturn;
    expect(correction).toEqual(expect.objectContaining({ version: 2, status: 'draft', reason: 'Clinical pharmacist WTE restated by the practices' }));
    const view = (await engine.client.get(`/returns/${PERIOD}`).expect(200)).body as MonthlyReturnView;
    expect(view.versions.map((version) => `${version.version} ${version.status}`)).toEqual(['1 submitted', '2 draft']);
    expect(view.lastSubmitted?.version).toBe(1);
    expect(view.lastSubmitted?.sha256).toBe(submitted.sha256);
  });

  it('makes a past month again with the same content: reports and return are as at their instants', async () => {
    // An actual recorded today for two months back is after that month's return's instant.
    await engine.client
      .put(`/programmes/${programmes[1].id}/trajectories/T01/actuals/${PAST}`)
      .send({ actuals: [{ odsCode: sample.populations[0].odsCode, value: 1 }] })
      .expect(204);
    const past = (await engine.client.post(`/month-ends/${PAST}`).expect(200)).body as MonthEndSummary;
    const csv = (await engine.client.get(`/returns/${PAST}/versions/1/csv`).expect(200)).text;
    const row = (parse(csv, { columns: true }) as Record<string, string>[]).find((candidate) => candidate.Metric === 'clinical-pharmacist-wte');
    expect(row).toEqual(expect.objectContaining({ Plan: '4', Actual: '' }));
    const returns = engine.workerContext.get(MonthlyReturnService);
    const again = monthlyReturnTable(await returns.build(PAST, returns.asAtOfFirstVersion(PAST)));
    expect(createHash('sha256').update(writeTableCsv(again)).digest('hex')).toBe(past.monthlyReturn?.sha256);

    const kept = (await engine.client.get('/reports').query({ period: PAST, programmeId: programmes[0].id }).expect(200)).body as StoredReport[];
    const markdown = kept.find((report) => report.format === 'markdown') as StoredReport;
    const remade = await engine.client.get(`/programmes/${programmes[0].id}/highlight-reports/${PAST}/markdown`).expect(200);
    expect(createHash('sha256').update(remade.text).digest('hex')).toBe(markdown.sha256);
  });

  it('escalates a programme Red at two month ends running to its SRO (its lead when it has none), once', async () => {
    const duties = engine.workerContext.get(CycleDutiesService);
    expect(await duties.escalateRedProgrammes(PERIOD)).toBeGreaterThan(0);
    expect(await duties.escalateRedProgrammes(PERIOD)).toBe(0);
    const red = await engine.workerContext.get(NotificationRepository).list({ period: PERIOD, kind: 'programme-red' });
    // The extended access procurement started thirteen months ago and none of its milestones is recorded complete.
    expect(red.filter((notification) => notification.programmeId === programmes[0].id).map((notification) => notification.recipient)).toEqual([programmes[0].leadEmail]);
    const email = await engine.inbox.waitFor((mail) => mail.headers['x-pmo-notification-kind'] === 'programme-red' && mail.to.includes(programmes[0].leadEmail), 20_000);
    expect(email.subject).toBe(`RED two months running: ${programmes[0].name}, ${addMonths(PERIOD, -1)} and ${PERIOD}`);
  });
});
