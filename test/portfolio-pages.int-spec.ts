import { ProgrammeRepository } from '@pmo/application';
import type { PortfolioEntry } from '@pmo/application';
import { addMonths, londonDay, severity } from '@pmo/domain';
import { createNationalProgramme } from './benchmarks/bench-support';
import { BrowserStack } from './support/pages';

const PMO = 'pmo@icb.nhs.example';
const PROGRAMMES = 60;

/** The portfolio at more than a page: fifty a page, numbered pages, sorted by any column, the filters kept throughout. */
describe('the portfolio, paged and sorted, in the pages', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await BrowserStack.start([[PMO, 'pmo', '*']]);
    const programmes = stack.engine.workerContext.get(ProgrammeRepository);
    const period = addMonths(londonDay(new Date()).slice(0, 7), -1);
    // Half planned three years on, with nothing yet due: Green beside the Red of those with overdue milestones.
    for (let index = 0; index < PROGRAMMES; index += 1) await createNationalProgramme(programmes, index, '11J', index % 2 === 0 ? period : addMonths(period, 36));
  }, 120_000);

  afterAll(() => stack?.stop());

  const rowNames = (page: import('playwright-core').Page) => page.locator('tbody tr td:first-child a').allInnerTexts();

  it('pages sixty programmes fifty at a time and sorts them by a column’s heading, both ways', async () => {
    const page = await stack.signedIn(PMO);
    await page.goto('/app/programmes');
    await expect(page.getByText('60 of 60 match; page 1 of 2, 50 a page.').count()).resolves.toBe(1);
    const first = await rowNames(page);
    expect(first).toHaveLength(50);
    expect(first).toEqual([...first].sort((a, b) => a.localeCompare(b)));
    await stack.look(page, '66-portfolio-paged');

    await page.getByRole('link', { name: 'Page 2' }).click();
    expect(await rowNames(page)).toHaveLength(10);
    expect((await rowNames(page)).some((name) => first.includes(name))).toBe(false);

    // Sorted by status from the first page again: the worst first, and the other way on a second click.
    await page.getByRole('link', { name: /^Status\W+sort ascending$/ }).click();
    expect(new URL(page.url()).searchParams.get('page')).toBe('1');
    await expect(page.getByRole('columnheader', { name: /^Status/ }).getAttribute('aria-sort')).resolves.toBe('ascending');
    const portfolio = (await stack.engine.client.get('/programmes').expect(200)).body as PortfolioEntry[];
    const statusOf = new Map(portfolio.map((entry) => [entry.name, entry.status]));
    // An order of one status alone would prove nothing.
    expect(new Set(statusOf.values()).size).toBeGreaterThan(1);
    const ascending = (await rowNames(page)).map((name) => severity(statusOf.get(name) ?? 'Green'));
    expect(ascending).toEqual([...ascending].sort((a, b) => b - a));
    await page.getByRole('link', { name: /^Status\W+sort descending$/ }).click();
    const descending = (await rowNames(page)).map((name) => severity(statusOf.get(name) ?? 'Green'));
    expect(descending).toEqual([...descending].sort((a, b) => a - b));

    // The filter keeps the order, and the order keeps the filter.
    await page.getByLabel('Status', { exact: true }).selectOption('Red');
    await page.getByRole('button', { name: 'Filter programmes' }).click();
    const url = new URL(page.url());
    expect([url.searchParams.get('status'), url.searchParams.get('sort'), url.searchParams.get('order')]).toEqual(['Red', 'status', 'descending']);
    expect((await rowNames(page)).every((name) => statusOf.get(name) === 'Red')).toBe(true);

    expect((await page.goto('/app/programmes?sort=colour'))?.status()).toBe(400);
  });
});
