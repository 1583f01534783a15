import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';

/** What the tour opens, and what it says it saw, in order. */
export interface PageTour {
  url: string;
  token: string;
  programme: { id: string; name: string };
  chromiumPath: string;
  directory: string;
}

/**
 * The web pages as a programme manager sees them, in Debian's Chromium with JavaScript off (every form
 * works without it): sign in with the token, the portfolio, the programme, its monthly update form
 * sent; a screenshot of each left in the directory. Answers the pages it kept.
 */
export async function tourWebPages(tour: PageTour): Promise<string[]> {
  mkdirSync(tour.directory, { recursive: true });
  const browser = await chromium.launch({ executablePath: tour.chromiumPath });
  const kept: string[] = [];
  const keep = async (page: Page, name: string) => {
    const path = resolve(tour.directory, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    kept.push(path);
  };
  try {
    const page = await (await browser.newContext({ baseURL: tour.url, javaScriptEnabled: false })).newPage();
    await page.goto('/app/sign-in');
    await page.getByLabel('Sign-in token').fill(tour.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await keep(page, '1-programmes');
    // Demos run before on this database left programmes of the same name: this run's is the link to its id.
    await page.locator(`a[href="/app/programmes/${tour.programme.id}"]`).click();
    await keep(page, '2-programme');
    await page.goto(`/app/programmes/${tour.programme.id}/monthly-update`);
    await page.getByLabel('Summary of the month').fill('Tender documents are out; the Governing Body approval slipped and is escalated.');
    await page.getByRole('button', { name: 'Save the update' }).click();
    await keep(page, '3-programme-after-update');
    await page.goto('/app/reports');
    await keep(page, '4-reports');
    return kept;
  } finally {
    await browser.close();
  }
}
