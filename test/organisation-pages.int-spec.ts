import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OrganisationImportView, OrganisationView } from '@pmo/application';
import type { TestEngine } from './support/engine';
import { TEST_ADMIN } from './support/engine';
import { BrowserStack } from './support/pages';

const EXAMPLES = resolve(__dirname, '../docs/examples/organisations');
const example = (name: string) => resolve(EXAMPLES, name);
const MANAGER = 'manager@dorset.nhs.example';

/**
 * The organisation import on the real API and PostgreSQL, as an admin would do it: upload the published files,
 * see what would change, confirm; through the API and through the pages in Chromium with JavaScript off.
 */
describe('organisation import, API and pages', () => {
  let stack: BrowserStack;
  let engine: TestEngine;

  beforeAll(async () => {
    stack = await BrowserStack.start([[MANAGER, 'programme_manager', '11J']]);
    engine = stack.engine;
  }, 120_000);

  afterAll(() => stack?.stop());

  const upload = (client = engine.client) =>
    client
      .post('/organisation-imports')
      .attach('practices', example('epraccur.csv'))
      .attach('commissioners', example('eccg.csv'))
      .attach('registeredPatients', example('gp-reg-pat-prac-all-apr-17.csv'))
      .attach('registeredPatients', example('gp-reg-pat-prac-all-oct-18.csv'));

  it('previews an upload without writing, then confirms it once, however often it is confirmed', async () => {
    const staged = (await upload().expect(201)).body as OrganisationImportView;
    expect(staged).toEqual(expect.objectContaining({ requestedBy: TEST_ADMIN, confirmedBy: null, outcome: null }));
    expect(staged.files.map((file) => `${file.role} ${file.name}`)).toEqual([
      'practices epraccur.csv',
      'commissioners eccg.csv',
      'registeredPatients gp-reg-pat-prac-all-apr-17.csv',
      'registeredPatients gp-reg-pat-prac-all-oct-18.csv',
    ]);
    expect(staged.preview.added).toHaveLength(10);
    await engine.client.get('/organisations/X90001').expect(404);
    expect((await engine.client.get(`/organisation-imports/${staged.id}`).expect(200)).body).toEqual(staged);

    const confirmed = (await engine.client.post(`/organisation-imports/${staged.id}/confirm`).expect(200)).body as OrganisationImportView;
    expect(confirmed).toEqual(expect.objectContaining({ confirmedBy: TEST_ADMIN, outcome: expect.objectContaining({ written: true, listSizes: expect.objectContaining({ added: 15 }) }) }));
    const again = (await engine.client.post(`/organisation-imports/${staged.id}/confirm`).expect(200)).body as OrganisationImportView;
    expect(again).toEqual(confirmed);

    const practice = (await engine.client.get('/organisations/X90001').expect(200)).body as OrganisationView;
    expect(practice).toEqual(expect.objectContaining({ kind: 'practice', parentOdsCode: 'X9A', openedOn: '1974-04-01', closedOn: null, children: [] }));
    expect(practice.listSizes).toEqual([
      { asAt: '2017-04-01', registeredListSize: 8123, weightedPopulation: null },
      { asAt: '2018-10-01', registeredListSize: 8350, weightedPopulation: null },
    ]);
    const commissioner = (await engine.client.get('/organisations/X9A').expect(200)).body as OrganisationView;
    expect(commissioner.children.map((child) => child.odsCode).sort()).toEqual(['X90001', 'X90002', 'X90003', 'X90004', 'X90005', 'X90006', 'X90007']);

    // The audit trail keeps who uploaded which files, by size and SHA-256, and who confirmed them.
    const audited = await engine.database.count(`audit_events WHERE action = 'POST /organisation-imports' AND request -> 'files' -> 'practices' -> 0 ->> 'sha256' = '${createHash('sha256').update(readFileSync(example('epraccur.csv'))).digest('hex')}'`);
    expect(audited).toBe(1);
    expect(await engine.database.count(`audit_events WHERE action = 'POST /organisation-imports/:importId/confirm' AND actor = '${TEST_ADMIN}'`)).toBe(2);

    // Uploaded again, the same files change nothing, and the preview says so.
    expect(((await upload().expect(201)).body as OrganisationImportView).preview).toEqual(expect.objectContaining({ unchanged: true, added: [], changed: [] }));
  });

  it('refuses bad files with each row located, a request that is no upload, an unknown import and anyone but an admin', async () => {
    const refused = await engine.client
      .post('/organisation-imports')
      .attach('practices', Buffer.from('"X9-001","A SURGERY"\r\n'), 'epraccur.csv')
      .attach('commissioners', example('eccg.csv'))
      .expect(422);
    expect(refused.body.errors).toEqual([{ file: 'epraccur.csv', line: 1, field: '(row)', reason: "has 2 columns; the publisher's layout has at least 26" }]);
    const missing = await engine.client.post('/organisation-imports').attach('practices', example('epraccur.csv')).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'commissioners', reason: 'is needed: ODS’s eccg.csv' }]);
    const notAnUpload = await engine.client.post('/organisation-imports').send({ practices: 'x' }).expect(400);
    expect(notAnUpload.body.errors).toEqual([expect.objectContaining({ field: '(body)' })]);
    const stranger = await engine.client.post('/organisation-imports').attach('practices', example('epraccur.csv')).attach('stranger', example('eccg.csv')).expect(400);
    expect(stranger.body).toEqual(expect.objectContaining({ status: 400, detail: 'Unexpected file field (stranger)' }));
    await engine.client.post('/organisation-imports').attach('practices', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'epraccur.csv').expect(413);
    await engine.client.get('/organisation-imports/not-an-id').expect(404);
    await engine.client.post('/organisation-imports/3f1b2c4d-0000-4000-8000-000000000000/confirm').expect(404);
    const manager = await engine.as(MANAGER);
    await upload(manager).expect(403);
    await manager.get('/organisations/X9A').expect(200);
  });

  it('takes an admin through upload, problems, preview and confirmation in the pages, without JavaScript', async () => {
    const page = await stack.signedIn(TEST_ADMIN);
    const look = (name: string) => stack.look(page, name);
    try {
      await page.goto('/app/organisations');
      await look('30-organisations');
      await page.getByRole('link', { name: 'Import organisations' }).click();
      await look('31-organisation-import');

      // A wrong file in the practices' place: every problem in the error summary, nothing written.
      await page.getByLabel('GP practices (ODS epraccur.csv)').setInputFiles(example('weighted-list-sizes.csv'));
      await page.getByLabel('CCGs and sub-ICB locations (ODS eccg.csv)').setInputFiles(example('eccg.csv'));
      await page.getByRole('button', { name: 'Upload and preview' }).click();
      await expect(page.getByRole('heading', { name: 'There is a problem' }).count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: "weighted-list-sizes.csv line 1: (row) has 3 columns; the publisher's layout has at least 26" }).count()).resolves.toBe(1);
      await look('32-organisation-import-problems');

      await page.getByLabel('GP practices (ODS epraccur.csv)').setInputFiles(example('epraccur.csv'));
      await page.getByLabel('CCGs and sub-ICB locations (ODS eccg.csv)').setInputFiles(example('eccg.csv'));
      await page.getByLabel('PCN core partner details (optional)').setInputFiles(example('epcn-core-partner-details.csv'));
      await page.getByLabel('Weighted list sizes (optional)').setInputFiles(example('weighted-list-sizes.csv'));
      await page.getByRole('button', { name: 'Upload and preview' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Organisation import: check before you confirm');
      await expect(page.getByRole('table', { name: /^Added \(3\)$/ }).count()).resolves.toBe(1);
      await look('33-organisation-import-preview');
      await engine.client.get('/organisations/U90001').expect(404);

      await page.getByRole('button', { name: 'Confirm the import' }).click();
      await expect(page.getByText('The import is confirmed and written').count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: 'Confirm the import' }).count()).resolves.toBe(0);
      await look('34-organisation-import-confirmed');

      await page.goto('/app/organisations');
      await page.getByLabel('ODS code').fill('x90001');
      await page.getByRole('button', { name: 'Find' }).click();
      expect(new URL(page.url()).pathname).toBe('/app/organisations/X90001');
      await expect(page.getByRole('cell', { name: '8,700' }).count()).resolves.toBe(1);
      await look('35-organisation');
      await page.getByRole('link', { name: 'Up to U90001' }).click();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('SYNTHETIC EXAMPLETON PCN');
    } finally {
      await page.context().close();
    }
  });
});
