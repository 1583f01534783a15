import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { addMonths, lastDayOfMonth } from '@pmo/domain';

/** What the tour opens, and what it says it saw, in order. */
export interface PageTour {
  url: string;
  token: string;
  programme: { id: string; name: string };
  /** The month just ended, whose figures the tour enters and whose month end it runs. */
  period: string;
  chromiumPath: string;
  directory: string;
}

export interface TourResult {
  /** The screenshots, in the order taken. */
  kept: string[];
  /** The programme the tour created from its template. */
  createdId: string;
}

/** Dorset's practices that report a clinical pharmacist in the month: one whole-time equivalent each. */
const REPORTING_PRACTICES = ['SJ8001', 'SJ8002', 'SJ8003', 'SJ8004'];

/**
 * The web pages as a programme office uses them, in Debian's Chromium with JavaScript off (every form works without
 * it): signed in with the token, the portfolio and the sample programme with its monthly update sent; then Dorset's
 * clinical pharmacists scheme started from its template five months before the month just ended, its figures for
 * that month entered as known on its last day, as an office brings in figures it had on paper, with its update, RAID
 * log, funding and spreadsheets; then the month end run and the return it made. A screenshot of each page is left in
 * the directory. Answers the pages it kept and the programme it created.
 */
export async function tourWebPages(tour: PageTour): Promise<TourResult> {
  mkdirSync(tour.directory, { recursive: true });
  const browser = await chromium.launch({ executablePath: tour.chromiumPath });
  const kept: string[] = [];
  const keep = async (page: Page, name: string) => {
    const path = resolve(tour.directory, `${String(kept.length + 1).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    kept.push(path);
  };
  const day = (prefix: string, value: string) => [
    [`#${prefix}-day`, String(Number(value.slice(8, 10)))],
    [`#${prefix}-month`, String(Number(value.slice(5, 7)))],
    [`#${prefix}-year`, value.slice(0, 4)],
  ];
  try {
    const context = await browser.newContext({ baseURL: tour.url, javaScriptEnabled: false });
    // nhsuk-frontend's styles name web fonts on an NHS host; where it cannot be reached, each screenshot waits seconds for them.
    await context.route((url) => !url.href.startsWith(tour.url), (route) => route.abort());
    const page = await context.newPage();
    const fill = async (fields: string[][]) => {
      for (const [selector, value] of fields) await page.locator(selector).fill(value);
    };
    await page.goto('/app/sign-in');
    await page.getByLabel('Sign-in token').fill(tour.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await keep(page, 'programmes');
    // Demos run before on this database left programmes of the same name: this run's is the link to its id.
    await page.goto(`/app/programmes/${tour.programme.id}`);
    await keep(page, 'programme');
    await page.goto(`/app/programmes/${tour.programme.id}/monthly-update`);
    await page.getByLabel('Summary of the month').fill('Tender documents are out; the Governing Body approval slipped and is escalated.');
    await page.getByRole('button', { name: 'Save the update' }).click();
    await keep(page, 'programme-after-update');

    await page.goto('/app/new-programme');
    await keep(page, 'new-programme');
    await page.getByLabel('Clinical pharmacists in general practice').check();
    await page.getByLabel("Organisation's ODS code").fill('11J');
    await page.getByLabel("Programme lead's email").fill('workforce.lead@dorset-ccg.nhs.example');
    await fill(day('startDate', `${addMonths(tour.period, -5)}-01`));
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await keep(page, 'new-programme-preview');
    await page.getByRole('button', { name: 'Create the programme' }).click();
    const createdId = new URL(page.url()).pathname.split('/').pop() as string;

    await page.goto(`/app/programmes/${createdId}/trajectories/T01/actuals?month=${tour.period}`);
    await fill([...REPORTING_PRACTICES.map((odsCode) => [`#actual-${odsCode}`, '1']), ...day('knownOn', lastDayOfMonth(tour.period))]);
    await keep(page, 'actuals');
    await page.getByRole('button', { name: 'Save actuals' }).click();
    await page.goto(`/app/programmes/${createdId}/monthly-update?month=${tour.period}`);
    await page.locator(`input[name="month"][value="${tour.period}"]`).check();
    await page.getByLabel('Summary of the month').fill('Four practices now have a clinical pharmacist in post; two appointments fell through at offer.');
    await page.getByLabel('Achievements this period (optional)').fill('Pharmacists started in four practices.');
    await page.getByLabel('Plans for next period (optional)').fill('Re-advertise the two vacant posts.');
    await page.getByRole('button', { name: 'Save the update' }).click();
    await keep(page, 'new-programme-kept');
    for (const [path, name] of [
      ['raid', 'raid-log'],
      ['funding', 'funding'],
      ['spreadsheets', 'spreadsheets'],
      [`milestones/${await page.locator('a[href*="/milestones/"]').first().getAttribute('href').then((href) => href?.split('/').pop())}`, 'milestone'],
    ]) {
      await page.goto(`/app/programmes/${createdId}/${path}`);
      await keep(page, name);
    }

    await page.goto('/app/month-end');
    await keep(page, 'month-end');
    await page.getByLabel('Which month?').selectOption(tour.period);
    await page.getByRole('button', { name: 'Run the month end' }).click();
    await keep(page, 'return');
    await page.goto('/app/reports');
    await keep(page, 'reports');
    await page.goto('/app/access');
    await keep(page, 'access');
    return { kept, createdId };
  } finally {
    await browser.close();
  }
}
