import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { MonthlyReturnView, ProgrammePlanRecord } from '@pmo/application';
import { addMonths, financialPeriod, londonDay } from '@pmo/domain';
import { longMonth } from '../apps/api/src/web/web-views';
import { TEST_ADMIN } from './support/engine';
import { BrowserStack } from './support/pages';

const EXAMPLES = resolve(__dirname, '../docs/examples/organisations');
const example = (name: string) => resolve(EXAMPLES, name);
const MANAGER = 'manager@exampleshire.nhs.example';
const PMO = 'pmo@exampleshire.nhs.example';
const LEAD = 'digital.lead@exampleshire.nhs.example';

/**
 * A new programme office's first month, from an empty database to its first approved NHS England return,
 * through the pages alone with JavaScript off: no API call moves it on, the API is only read to check.
 */
describe('a programme office from an empty database to its first approved return, in the pages', () => {
  const period = addMonths(londonDay(new Date()).slice(0, 7), -1);
  const start = `${addMonths(period, -5)}-01`;
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await BrowserStack.start([], { empty: true });
  }, 120_000);

  afterAll(() => stack?.stop());

  const button = (page: Page, name: string) => page.getByRole('button', { name }).click();
  const banner = (page: Page) => page.locator('.nhsuk-notification-banner--success').textContent();

  it('imports organisations, grants roles, sets up a programme, keeps it for a month and signs off the return', async () => {
    // The admin brings the organisations from the published files and grants the people their roles.
    const admin = await stack.signedIn(TEST_ADMIN);
    await admin.goto('/app/organisations');
    await admin.getByRole('link', { name: 'Import organisations' }).click();
    await admin.getByLabel('GP practices (ODS epraccur.csv)').setInputFiles(example('epraccur.csv'));
    await admin.getByLabel('CCGs and sub-ICB locations (ODS eccg.csv)').setInputFiles(example('eccg.csv'));
    await admin.getByLabel('PCN core partner details (optional)').setInputFiles(example('epcn-core-partner-details.csv'));
    await admin.getByLabel('Patients Registered at a GP Practice (optional, one or more)').setInputFiles([example('gp-reg-pat-prac-all-apr-17.csv'), example('gp-reg-pat-prac-all-oct-18.csv')]);
    await button(admin, 'Upload and preview');
    await button(admin, 'Confirm the import');
    await expect(banner(admin)).resolves.toContain('The import is confirmed and written');

    await admin.getByRole('link', { name: 'Access' }).click();
    await stack.look(admin, '60-access');
    for (const [email, role, organisation] of [
      [MANAGER, 'Programme manager: create and keep programmes', 'X9A'],
      [PMO, 'Programme office: keep programmes, set ladders and confidence, run the month end and sign off the return', '*'],
    ]) {
      await admin.getByLabel('Email address').fill(email);
      await admin.getByLabel(role).first().check();
      await admin.getByLabel('Organisation’s ODS code').first().fill(organisation);
      await button(admin, 'Grant the role');
      await expect(banner(admin)).resolves.toContain(`${email} is granted`);
    }

    // The programme manager starts the programme from a template, moved to its start.
    const manager = await stack.signedIn(MANAGER);
    await manager.goto('/app/programmes');
    await manager.getByRole('link', { name: 'Start a programme from a template' }).click();
    await manager.getByLabel('Online consultation rollout').check();
    await manager.getByLabel("Organisation's ODS code").fill('X9A');
    await manager.getByLabel("Programme lead's email").fill(LEAD);
    await manager.getByLabel('Day').fill(String(Number(start.slice(8, 10))));
    await manager.getByLabel('Month').fill(String(Number(start.slice(5, 7))));
    await manager.getByLabel('Year').fill(start.slice(0, 4));
    await button(manager, 'Preview the plan');
    await button(manager, 'Create the programme');
    await expect(banner(manager)).resolves.toContain('is created');
    const programmeId = new URL(manager.url()).pathname.split('/').pop() as string;
    const plan = async () => (await stack.engine.client.get(`/programmes/${programmeId}/plan`).expect(200)).body as ProgrammePlanRecord;
    expect((await plan()).startDate).toBe(start);

    // Its workbook, downloaded and changed: two bad rows are both listed and nothing is saved; mended, it is taken.
    await manager.getByRole('link', { name: 'Spreadsheets: download or upload the plan' }).click();
    const downloaded = Buffer.from(await (await manager.request.get(`/app/programmes/${programmeId}/workbook`)).body());
    const edited = async (change: (sheet: ExcelJS.Worksheet, column: (heading: string) => number) => void) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(downloaded as unknown as ExcelJS.Buffer);
      const sheet = workbook.getWorksheet('Milestones') as ExcelJS.Worksheet;
      const headings = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
      change(sheet, (heading) => headings.indexOf(heading));
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const before = await plan();
    const bad = await edited((sheet, column) => {
      sheet.getRow(3).getCell(column('Baseline date')).value = 'next spring';
      sheet.getRow(6).getCell(column('Owner email')).value = 'not an email';
    });
    await manager.getByLabel('Workbook or sheet').setInputFiles({ name: 'online-consultation.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
    await button(manager, 'Upload and check');
    await expect(manager.getByRole('link', { name: /^Milestones, row 3, Baseline date: / }).count()).resolves.toBe(1);
    await expect(manager.getByRole('link', { name: /^Milestones, row 6, Owner email: / }).count()).resolves.toBe(1);
    expect(await plan()).toEqual(before);
    const mended = await edited((sheet, column) => {
      sheet.getRow(2).getCell(column('Evidence')).value = 'Procurement plan agreed at the digital board';
    });
    await manager.getByLabel('Workbook or sheet').setInputFiles({ name: 'online-consultation.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: mended });
    await button(manager, 'Upload and check');
    await expect(banner(manager)).resolves.toContain('online-consultation.xlsx is imported');
    expect((await plan()).milestones[0].evidence).toBe('Procurement plan agreed at the digital board');

    // A risk and a funding line.
    await manager.getByRole('link', { name: 'RAID log', exact: true }).click();
    await manager.getByRole('link', { name: 'Add a risk, assumption, issue or decision' }).click();
    await manager.getByLabel('Risk', { exact: true }).check();
    await manager.getByLabel('Title').fill('Practices wait for the national framework before choosing a supplier');
    await manager.getByLabel('Likelihood').selectOption('4');
    await manager.getByLabel('Impact').selectOption('3');
    await button(manager, 'Add it to the log');
    await expect(banner(manager)).resolves.toContain('is added to the RAID log');
    await manager.goto(`/app/programmes/${programmeId}/funding`);
    await manager.getByRole('link', { name: 'Add a funding line' }).click();
    await manager.getByLabel('Name').fill('Online consultation systems fund');
    await manager.getByLabel('Financial year').fill(financialPeriod(period).financialYear);
    await manager.getByLabel('Budget').fill('45,000');
    await button(manager, 'Add the funding line');
    await expect(banner(manager)).resolves.toContain('Online consultation systems fund is added');

    // The month's actuals and the monthly update.
    await manager.goto(`/app/programmes/${programmeId}`);
    await manager.getByRole('link', { name: /^Enter actuals/ }).first().click();
    await manager.getByRole('combobox', { name: 'Month' }).selectOption(period);
    await button(manager, 'Show this month');
    const practices = manager.locator('input[id^="actual-"]');
    const count = await practices.count();
    expect(count).toBeGreaterThan(0);
    for (let index = 0; index < count; index += 1) await practices.nth(index).fill(index === 0 ? '100' : '0');
    await button(manager, 'Save actuals');
    await expect(banner(manager)).resolves.toContain('saved');
    await manager.goto(`/app/programmes/${programmeId}`);
    await manager.getByRole('link', { name: 'Write this month’s update' }).click();
    await manager.getByLabel(longMonth(period)).check();
    await manager.getByLabel('Summary of the month').fill('One practice live; the rest await the national framework.');
    await button(manager, 'Save the update');
    await expect(banner(manager)).resolves.toContain('update');

    // The programme office runs the month end and one of them reviews the return; the admin approves it.
    const pmo = await stack.signedIn(PMO);
    await pmo.goto('/app/month-end');
    await stack.look(pmo, '61-month-end');
    await pmo.getByLabel('Which month?').selectOption(period);
    await button(pmo, 'Run the month end');
    await expect(banner(pmo)).resolves.toContain(`The month end for ${period} has run`);
    expect(new URL(pmo.url()).pathname).toBe(`/app/returns/${period}`);
    await pmo.getByLabel('Reviewed: the figures are right').check();
    await button(pmo, 'Record this step');
    await expect(banner(pmo)).resolves.toContain('review recorded against your name');

    await admin.goto(`/app/returns/${period}`);
    await admin.getByLabel('Approved: it may be submitted').check();
    await button(admin, 'Record this step');
    await expect(banner(admin)).resolves.toContain('approve recorded against your name');
    await stack.look(admin, '62-return-approved');

    const signed = (await stack.engine.client.get(`/returns/${period}`).expect(200)).body as MonthlyReturnView;
    expect(signed.versions.at(-1)).toEqual(expect.objectContaining({ status: 'approved', reviewedBy: PMO, approvedBy: TEST_ADMIN }));
  });
});
