import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ProgrammePlanRecord, ProgrammeView } from '@pmo/application';
import { londonDay } from '@pmo/domain';
import { BrowserStack } from './support/pages';

const MANAGER = 'manager@dorset.nhs.example';
const READER = 'reader@dorset.nhs.example';

/** The plan kept up in the pages: the RAID log, funding lines and spend, and the plan's spreadsheets down and up. */
describe('plan upkeep in the pages', () => {
  let stack: BrowserStack;
  let programme: ProgrammeView;

  beforeAll(async () => {
    stack = await BrowserStack.start([
      [MANAGER, 'programme_manager', '11J'],
      [READER, 'viewer', '11J'],
    ]);
    programme = (
      await stack.engine.client
        .post('/programmes/from-template')
        .send({ templateId: 'dorset-extended-access-procurement', organisation: '11J', leadEmail: 'access.lead@dorset.nhs.example', startDate: '2030-01-07' })
        .expect(201)
    ).body as ProgrammeView;
  }, 120_000);

  afterAll(() => stack?.stop());

  const plan = async () => (await stack.engine.client.get(`/programmes/${programme.id}/plan`).expect(200)).body as ProgrammePlanRecord;

  describe('the API', () => {
    it('adds a RAID item under the next free ref, by the plan’s own schema, and changes one by its ref', async () => {
      const before = await plan();
      const added = await stack.engine.client.post(`/programmes/${programme.id}/raid`).send({ type: 'issue', title: 'The hub’s lease is signed late', impact: 3 }).expect(201);
      expect(added.body).toEqual(expect.objectContaining({ ref: `R${String(before.raid.length + 1).padStart(2, '0')}`, status: 'open', likelihood: null, impact: 3 }));

      // A risk unscored, an issue given a likelihood: the same rule as the RAID sheet's.
      const unscored = await stack.engine.client.post(`/programmes/${programme.id}/raid`).send({ type: 'risk', title: 'Unscored' }).expect(400);
      expect(unscored.body.errors).toEqual([
        { field: 'likelihood', reason: 'is required for a risk' },
        { field: 'impact', reason: 'is required for a risk' },
      ]);
      const likely = await stack.engine.client.post(`/programmes/${programme.id}/raid`).send({ type: 'issue', title: 'Likely issue', likelihood: 2 }).expect(400);
      expect(likely.body.errors).toEqual([{ field: 'likelihood', reason: 'must be blank unless the type is risk' }]);
      await stack.engine.client.post(`/programmes/${programme.id}/raid`).send({ ref: 'R01', type: 'decision', title: 'Taken' }).expect(409);
      await stack.engine.client.put(`/programmes/${programme.id}/raid/R99`).send({ type: 'decision', title: 'Nowhere' }).expect(404);

      await stack.engine.client.put(`/programmes/${programme.id}/raid/${added.body.ref as string}`).send({ type: 'issue', title: 'The hub’s lease is signed', impact: 3, status: 'closed' }).expect(200);
      expect((await plan()).raid.find((item) => item.ref === added.body.ref)).toEqual(expect.objectContaining({ title: 'The hub’s lease is signed', status: 'closed' }));
      expect((await plan()).raid).toHaveLength(before.raid.length + 1);
    });

    it('adds a funding line under the next free ref and refuses a ref already held', async () => {
      const before = await plan();
      const added = await stack.engine.client.post(`/programmes/${programme.id}/funding`).send({ name: 'CCG match funding', financialYear: '2030/31', budgetPence: 200_000_00 }).expect(201);
      expect(added.body).toEqual({ ref: `F${String(before.funding.length + 1).padStart(2, '0')}`, name: 'CCG match funding', financialYear: '2030/31', budgetPence: 200_000_00, spendPence: 0 });
      const taken = await stack.engine.client.post(`/programmes/${programme.id}/funding`).send({ ref: 'F01', name: 'Again', financialYear: '2030/31', budgetPence: 1 }).expect(409);
      expect(taken.body.errors).toEqual([{ field: 'ref', reason: 'is already the ref of a funding line: F01' }]);
      await stack.engine.client.post(`/programmes/${programme.id}/funding`).send({ name: 'Bad year', financialYear: '2030/32', budgetPence: 1.5 }).expect(400);
      expect((await plan()).funding).toHaveLength(before.funding.length + 1);
    });
  });

  it('keeps the RAID log: items scored and sorted, added with every problem shown, changed and closed', async () => {
    const page = await stack.signedIn(MANAGER);
    await page.goto(`/app/programmes/${programme.id}`);
    await page.getByRole('link', { name: 'RAID log', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('RAID log');
    await stack.look(page, '50-raid-log');

    await page.getByRole('link', { name: 'Add a risk, assumption, issue or decision' }).click();
    await page.getByRole('button', { name: 'Add it to the log' }).click();
    await expect(page.getByRole('link', { name: 'Select whether it is a risk, an assumption, an issue or a decision' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Enter a title' }).count()).resolves.toBe(1);

    await page.getByLabel('Risk', { exact: true }).check();
    await page.getByLabel('Title').fill('Evening GP sessions go unfilled in the summer');
    await page.getByLabel('Impact').selectOption('5');
    await page.getByRole('button', { name: 'Add it to the log' }).click();
    await expect(page.getByRole('link', { name: 'The likelihood is required for a risk' }).count()).resolves.toBe(1);
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Evening GP sessions go unfilled in the summer');
    await stack.look(page, '51-raid-item-problems');

    await page.getByLabel('Likelihood').selectOption('5');
    await page.getByLabel('Mitigation or action (optional)').fill('Book locums through the GP federation from April');
    await page.getByRole('button', { name: 'Add it to the log' }).click();
    const added = (await plan()).raid.find((item) => item.title === 'Evening GP sessions go unfilled in the summer');
    expect(added).toEqual(expect.objectContaining({ type: 'risk', likelihood: 5, impact: 5, status: 'open', mitigation: 'Book locums through the GP federation from April' }));
    await expect(page.getByText(`${added?.ref ?? ''} is added to the RAID log`).count()).resolves.toBe(1);
    // Scored 25, it heads the log.
    await expect(page.getByRole('row').nth(1).textContent()).resolves.toContain('Evening GP sessions go unfilled in the summer');

    await page.getByRole('link', { name: `Change ${added?.ref ?? ''}` }).click();
    await stack.look(page, '52-raid-item-change');
    await page.getByLabel('Closed').check();
    await page.getByRole('button', { name: 'Save the change' }).click();
    await expect(page.getByText(`${added?.ref ?? ''} is closed`).count()).resolves.toBe(1);
    expect((await plan()).raid.find((item) => item.ref === added?.ref)?.status).toBe('closed');
  });

  it('adds a funding line and records spend in pounds, kept in pence', async () => {
    const page = await stack.signedIn(MANAGER);
    await page.goto(`/app/programmes/${programme.id}/funding`);
    await stack.look(page, '53-funding');
    await page.getByRole('link', { name: 'Add a funding line' }).click();
    await page.getByLabel('Name').fill('Estates improvement grant');
    await page.getByLabel('Financial year').fill('2030/32');
    await page.getByLabel('Budget').fill('twelve thousand');
    await page.getByRole('button', { name: 'Add the funding line' }).click();
    await expect(page.getByRole('link', { name: 'The budget must be an amount in pounds, such as 1250 or 1250.50' }).count()).resolves.toBe(1);
    await page.getByLabel('Budget').fill('£12,500.50');
    await page.getByRole('button', { name: 'Add the funding line' }).click();
    await expect(page.getByRole('link', { name: 'The financial year must name consecutive years, such as 2018/19' }).count()).resolves.toBe(1);
    await stack.look(page, '54-funding-line-problems');
    await page.getByLabel('Financial year').fill('2030/31');
    await page.getByRole('button', { name: 'Add the funding line' }).click();
    const line = (await plan()).funding.find((candidate) => candidate.name === 'Estates improvement grant');
    expect(line).toEqual(expect.objectContaining({ financialYear: '2030/31', budgetPence: 12_500_50, spendPence: 0 }));

    await page.getByRole('link', { name: `Record spend against ${line?.ref ?? ''}` }).click();
    await stack.look(page, '55-spend');
    await page.getByLabel('Spend to date').fill('3,000.25');
    await page.getByRole('button', { name: 'Record the spend' }).click();
    await expect(page.getByText(`The spend against ${line?.ref ?? ''} is recorded`).count()).resolves.toBe(1);
    expect((await plan()).funding.find((candidate) => candidate.ref === line?.ref)?.spendPence).toBe(3_000_25);
    await expect(page.getByRole('row', { name: /Estates improvement grant/ }).textContent()).resolves.toContain('24');
  });

  it('downloads the plan as spreadsheets, refuses a sheet with two bad rows listing both, and takes it mended', async () => {
    const page = await stack.signedIn(MANAGER);
    await page.goto(`/app/programmes/${programme.id}`);
    await page.getByRole('link', { name: 'Spreadsheets: download or upload the plan' }).click();
    await stack.look(page, '56-spreadsheets');
    const workbook = await page.request.get(`/app/programmes/${programme.id}/workbook`);
    expect(workbook.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = await page.request.get(`/app/programmes/${programme.id}/sheets/milestones`);
    expect(sheet.status()).toBe(200);
    const rows = parse(await sheet.text(), { bom: true }) as string[][];
    const baseline = rows[0].indexOf('Baseline date');
    const name = rows[0].indexOf('Milestone');
    const before = await plan();

    const bad = rows.map((row, index) => (index === 2 || index === 4 ? row.map((cell, column) => (column === baseline ? '31/02/2031' : cell)) : row));
    await page.getByLabel('Workbook or sheet').setInputFiles({ name: 'milestones.csv', mimeType: 'text/csv', buffer: Buffer.from(stringify(bad)) });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect(page.getByRole('link', { name: 'Select which sheet the CSV file is' }).count()).resolves.toBe(1);
    await page.getByLabel('Workbook or sheet').setInputFiles({ name: 'milestones.csv', mimeType: 'text/csv', buffer: Buffer.from(stringify(bad)) });
    await page.getByLabel('Milestones').check();
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect(page.getByRole('link', { name: /^Milestones, row 3, Baseline date: / }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: /^Milestones, row 5, Baseline date: / }).count()).resolves.toBe(1);
    await expect(page.getByText('The file has 2 problems, listed above: nothing was saved').count()).resolves.toBe(1);
    await stack.look(page, '57-spreadsheet-problems');
    expect(await plan()).toEqual(before);

    const mended = rows.map((row, index) => (index === 1 ? row.map((cell, column) => (column === name ? `${cell} (agreed)` : cell)) : row));
    await page.getByLabel('Workbook or sheet').setInputFiles({ name: 'milestones.csv', mimeType: 'text/csv', buffer: Buffer.from(stringify(mended)) });
    await page.getByLabel('Milestones').check();
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect(page.getByText(`milestones.csv is imported: ${rows.length - 1} milestones`).count()).resolves.toBe(1);
    expect((await plan()).milestones[0].name).toBe(`${rows[1][name]} (agreed)`);
  });

  it('lists each phase’s members by name and code and records a go-live, today unless a day is given', async () => {
    const phased = (
      await stack.engine.client
        .post('/programmes/from-template')
        .send({ templateId: 'dorset-pch-phased-rollout', organisation: '11J', leadEmail: 'pch.lead@dorset.nhs.example', startDate: '2030-01-07' })
        .expect(201)
    ).body as ProgrammeView;
    const page = await stack.signedIn(MANAGER);
    await page.goto(`/app/programmes/${phased.id}`);
    await page.getByRole('link', { name: 'Phases and go-lives' }).click();
    await expect(page.getByText('0 of 3 members live').count()).resolves.toBe(1);
    await stack.look(page, '58-phases');
    const phaseOne = page.locator('form[action$="/phases/P1/go-lives"]');
    await phaseOne.getByRole('button', { name: 'Record the go-live' }).click();
    await expect(page.getByRole('link', { name: 'Select the member that went live' }).count()).resolves.toBe(1);
    await page.getByLabel('Which member went live?').first().selectOption('11JT01');
    await page.locator('form[action$="/phases/P1/go-lives"]').getByRole('button', { name: 'Record the go-live' }).click();
    await expect(page.getByText('(11JT01) is live').count()).resolves.toBe(1);
    await expect(page.getByText('1 of 3 members live').count()).resolves.toBe(1);
    const goLives = ((await stack.engine.client.get(`/programmes/${phased.id}/plan`).expect(200)).body as ProgrammePlanRecord).phases[0].goLives;
    expect(goLives).toEqual([{ odsCode: '11JT01', wentLiveOn: londonDay(new Date()) }]);
  });

  it('changes who the programme answers to and its tolerances, every problem shown first', async () => {
    const page = await stack.signedIn(MANAGER);
    await page.goto(`/app/programmes/${programme.id}`);
    await page.getByRole('link', { name: /^Change\W+the people and tolerances$/ }).click();
    await page.getByLabel('Senior responsible owner’s email (optional)').fill('not an email');
    await page.locator('#redSlipWorkingDays').fill('3');
    await page.locator('#amberBelowPlanPercent').fill('five');
    await page.getByRole('button', { name: 'Save the details' }).click();
    await expect(page.getByRole('link', { name: 'The Amber shortfall must be a number, such as 5 or 7.5' }).count()).resolves.toBe(1);
    await page.locator('#amberBelowPlanPercent').fill('7.5');
    await page.getByRole('button', { name: 'Save the details' }).click();
    await expect(page.getByRole('link', { name: 'The senior responsible owner must be an email address' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'The Red slip must be more than the Amber slip (amberSlipWorkingDays)' }).count()).resolves.toBe(1);
    await stack.look(page, '59-programme-details-problems');

    await page.getByLabel('Senior responsible owner’s email (optional)').fill('Director.Primary-Care@dorset.nhs.example');
    await page.locator('#redSlipWorkingDays').fill('20');
    await page.getByLabel('Its milestones alone: trajectories are reported but do not set the status').check();
    await page.getByRole('button', { name: 'Save the details' }).click();
    await expect(page.getByText('are saved').count()).resolves.toBe(1);
    const saved = await plan();
    expect([saved.sroEmail, saved.tolerances, saved.rules.rollUp]).toEqual([
      'director.primary-care@dorset.nhs.example',
      { amberSlipWorkingDays: 5, redSlipWorkingDays: 20, amberBelowPlanPercent: 7.5, redBelowPlanPercent: 15 },
      'milestones-only',
    ]);
  });

  it('shows a reader the logs and the downloads but no way to change them, and refuses their posts', async () => {
    const page = await stack.signedIn(READER);
    for (const path of ['raid', 'funding', 'spreadsheets']) {
      await page.goto(`/app/programmes/${programme.id}/${path}`);
      await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
    }
    await expect(page.getByRole('button', { name: 'Upload and check' }).count()).resolves.toBe(0);
    await page.goto(`/app/programmes/${programme.id}/raid`);
    await expect(page.getByRole('link', { name: 'Add a risk, assumption, issue or decision' }).count()).resolves.toBe(0);
    const refused = await page.goto(`/app/programmes/${programme.id}/raid/new`);
    expect(refused?.status()).toBe(403);
  });
});
