import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MonthlyReturnView, OrganisationImportReport, OrganisationImportView, OrganisationView, ProgrammePlanRecord, ProgrammeView, StoredReport } from '@pmo/application';
import { addMonths, lastDayOfMonth, londonDay } from '@pmo/domain';
import type { EngineConfig } from '@pmo/config';
import { mintLocalToken } from '@pmo/identity';
import { REPORT_STYLESHEET_HREF, reportStylesheetPath } from '@pmo/reporting';
import { tourWebPages } from './demo-pages';
import { MailCatcher } from './mail-catcher';

const APPS = ['api', 'worker', 'notifier'] as const;
/** The demo signs in as an admin of its own, configured for the apps it starts. */
const DEMO_ADMIN = 'demo.pmo@dorset-ccg.nhs.example';
const POLL_MS = 2_000;
const HEARTBEAT_MS = 10_000;
const EMAIL_DEADLINE_MS = 5 * 60_000;
/** Where the demo leaves what it produces, for a newcomer to open. */
const OUTPUT_DIRECTORY = resolve('demo-output');

/** The API and how the demo signs in to it. */
interface Api {
  url: string;
  headers: Record<string, string>;
}

export interface DemoOptions {
  exitAfterEmail: boolean;
}

/**
 * The main job: the three apps on the local stack, the sample programme created with a milestone
 * due a minute ahead, its RAG printed as time passes and the escalation email printed once sent.
 */
export async function runDemo(config: EngineConfig, options: DemoOptions): Promise<number> {
  const logDirectory = resolve('.data/logs');
  mkdirSync(logDirectory, { recursive: true });
  const inbox = await MailCatcher.start(config.smtp.port);
  say(`mail catcher listening on 127.0.0.1:${inbox.port} (stands in for the mail relay)`);
  const children = APPS.map((app) => startApp(app, logDirectory, [...config.auth.adminEmails, DEMO_ADMIN]));
  let stopping = false;
  // Any app that stops before we stop it ends the demo with its log's tail.
  const appDied = Promise.race(children.map((child) => child.exited.then((code) => ({ app: child.app, code })))).then(({ app, code }) => {
    if (!stopping) throw new Error(diedMessage(app, code, logDirectory));
    return 0;
  });
  appDied.catch(() => undefined);

  try {
    // Ctrl-C at any point stops the apps cleanly rather than orphaning them.
    const interrupted = new Promise<number>((done) => process.once('SIGINT', () => done(0)));
    return await Promise.race([appDied, interrupted, followSampleProgramme(config, options, inbox, logDirectory)]);
  } finally {
    stopping = true;
    for (const child of children) child.process.kill('SIGTERM');
    await Promise.all(children.map((child) => child.exited));
    await inbox.stop();
    say('stopped api, worker and notifier');
  }
}

async function followSampleProgramme(config: EngineConfig, options: DemoOptions, inbox: MailCatcher, logDirectory: string): Promise<number> {
  const url = `http://${config.api.host}:${config.api.port}`;
  await waitForHealth(url);
  const api: Api = { url, headers: { authorization: `Bearer ${await mintLocalToken(config.auth, DEMO_ADMIN)}` } };
  say(`api, worker and notifier are up (logs in ${logDirectory}); API at ${url}, signed in as ${DEMO_ADMIN} with a token of the local key`);

  await importExampleOrganisations(api);
  await showTemplate(api);

  const created = await request<ProgrammeView>(api, 'POST', `/programmes`, sampleProgramme(new Date()));
  say(`created programme '${created.name}' (${created.id})`);
  for (const milestone of created.milestones) say(`  milestone '${milestone.name}' due ${milestone.dueAt}, owner ${milestone.ownerEmail}`);

  say(`programme ${created.status}: ${created.reasons.join('; ')}`);
  const [first, second] = created.milestones;
  await request(api, 'POST', `/programmes/${created.id}/milestones/${first.id}/complete`, {});
  say(`recorded '${first.name}' as complete ahead of its due time: nothing is sent for it`);
  await request(api, 'POST', `/programmes/${created.id}/milestones/${second.id}/confirm`, {});
  say(`'${second.name}' confirmed by its owner: Green until it falls due`);

  inbox.onEmail((email) => {
    const what = email.headers['x-pmo-escalation-id'] === undefined ? 'email' : 'escalation email';
    say(`${what} received for ${email.to.join(', ')}:`);
    console.log(`    Subject: ${email.subject}\n${email.text.replace(/^/gm, '    ')}`);
  });

  const started = Date.now();
  let lastLine = '';
  let lastPrintedAt = 0;
  for (;;) {
    const programme = await request<ProgrammeView>(api, 'GET', `/programmes/${created.id}`);
    const line = describe(programme);
    if (line !== lastLine || Date.now() - lastPrintedAt >= HEARTBEAT_MS) {
      say(`${line}${nextDue(programme)}`);
      lastLine = line;
      lastPrintedAt = Date.now();
    }
    const delivered = programme.escalations.some((escalation) => escalation.status === 'sent') && inbox.emails.some((email) => email.headers['x-pmo-escalation-id'] !== undefined);
    if (delivered) {
      const period = addMonths(londonDay(new Date()).slice(0, 7), -1);
      await showWebPages(config, api, created, period);
      await keepMonthEnd(api, period);
    }
    if (delivered && options.exitAfterEmail) return 0;
    if (delivered) {
      say(`the API stays up: open ${url}/app and sign in with a token from \`npm run token -- ${DEMO_ADMIN}\`; press Ctrl-C to stop`);
      return new Promise<number>(() => undefined);
    }
    if (Date.now() - started > EMAIL_DEADLINE_MS) {
      say(`no escalation email within ${EMAIL_DEADLINE_MS / 60_000} minutes: see the logs in ${logDirectory}`);
      return 1;
    }
    await sleep(POLL_MS);
  }
}

/** The synthetic published NHS files, uploaded and previewed, then confirmed, as an admin does it in the API or the pages. */
async function importExampleOrganisations(api: Api): Promise<void> {
  const examples = resolve('docs/examples/organisations');
  const form = new FormData();
  const files: [string, string][] = [
    ['practices', 'epraccur.csv'],
    ['commissioners', 'eccg.csv'],
    ['pcnMembers', 'epcn-core-partner-details.csv'],
    ['registeredPatients', 'gp-reg-pat-prac-all-apr-17.csv'],
    ['registeredPatients', 'gp-reg-pat-prac-all-oct-18.csv'],
    ['weighted', 'weighted-list-sizes.csv'],
  ];
  for (const [field, name] of files) form.append(field, new Blob([readFileSync(resolve(examples, name))], { type: 'text/csv' }), name);
  const response = await fetch(`${api.url}/organisation-imports`, { method: 'POST', headers: api.headers, body: form });
  const staged = (await response.json()) as OrganisationImportView;
  if (!response.ok) throw new Error(`POST /organisation-imports answered ${response.status}: ${JSON.stringify(staged)}`);
  const counts = (report: OrganisationImportReport) =>
    `${report.added.length} added, ${report.changed.length} changed, ${report.closed.length} closed, list sizes ${report.listSizes.added} added and ${report.listSizes.changed} changed${report.unchanged ? ' (nothing to change)' : ''}`;
  say(`uploaded the synthetic ODS and NHS Digital example files (docs/examples/organisations): the preview says ${counts(staged.preview)}`);
  const confirmed = await request<OrganisationImportView>(api, 'POST', `/organisation-imports/${staged.id}/confirm`);
  say(`  confirmed by ${confirmed.confirmedBy}: ${counts(confirmed.outcome ?? staged.preview)}; see ${api.url}/app/organisations/imports/${staged.id}`);
  const practice = await request<OrganisationView>(api, 'GET', '/organisations/X90001');
  const sizes = practice.listSizes.map((size) => `${size.asAt} ${size.registeredListSize ?? '-'} registered, ${size.weightedPopulation ?? 'no'} weighted`).join('; ');
  say(`  ${practice.odsCode} ${practice.name}, in PCN ${practice.parentOdsCode}: ${sizes}`);
}

/** The Dorset extended access procurement template, moved to start today, its plan printed and exported. */
async function showTemplate(api: Api): Promise<void> {
  const created = await request<ProgrammeView>(api, 'POST', `/programmes/from-template`, {
    templateId: 'dorset-extended-access-procurement',
    organisation: '11J',
    leadEmail: 'extended-access.lead@dorset-ccg.nhs.example',
    startDate: londonDay(new Date()),
  });
  const plan = await request<ProgrammePlanRecord>(api, 'GET', `/programmes/${created.id}/plan`);
  say(`instantiated template 'dorset-extended-access-procurement' for Dorset (11J), moved to start today:`);
  for (const milestone of plan.milestones) say(`  ${milestone.ref} ${milestone.baselineDate} ${milestone.kind.padEnd(15)} ${milestone.name}`);
  for (const trajectory of plan.trajectories) {
    say(`  trajectory ${trajectory.ref} '${trajectory.name}' (${trajectory.basis}): ${trajectory.plan.map((row) => `${row.month} ${row.plannedValue}`).join(', ')}`);
  }
  mkdirSync(OUTPUT_DIRECTORY, { recursive: true });
  const path = resolve(OUTPUT_DIRECTORY, 'dorset-extended-access-procurement.xlsx');
  writeFileSync(path, await download(api, `/programmes/${created.id}/workbook`));
  say(`  its plan as a spreadsheet: ${path}`);
}

/**
 * What the month end the pages ran made, for a newcomer to open in demo-output: the highlight reports, portfolio summary
 * and committee paper (HTML with the NHS.UK stylesheet beside them, Markdown, and the paper printed to PDF) and the
 * draft NHS England return as CSV and XLSX.
 */
async function keepMonthEnd(api: Api, period: string): Promise<void> {
  const directory = resolve(OUTPUT_DIRECTORY, 'reports', period);
  mkdirSync(resolve(directory, 'assets'), { recursive: true });
  copyFileSync(reportStylesheetPath(), resolve(directory, REPORT_STYLESHEET_HREF));
  const names = new Map<string, string>();
  const reports = await request<StoredReport[]>(api, 'GET', `/reports?period=${period}`);
  for (const report of reports) {
    const subject = report.programmeId === null ? report.organisation : (names.get(report.programmeId) ?? (await programmeName(api, report.programmeId, names)));
    const stem = [report.kind, subject].filter((part) => part !== null).join('-');
    writeFileSync(resolve(directory, `${stem}.${report.format === 'markdown' ? 'md' : 'html'}`), await download(api, `/reports/${report.id}`));
    if (report.kind === 'monthly-update-paper' && report.format === 'html') writeFileSync(resolve(directory, `${stem}.pdf`), await download(api, `/reports/${report.id}/pdf`));
  }
  const returned = await request<MonthlyReturnView>(api, 'GET', `/returns/${period}`);
  const latest = returned.versions.at(-1);
  for (const format of ['csv', 'xlsx']) {
    if (latest !== undefined) writeFileSync(resolve(directory, `nhse-monthly-return-${period}-v${latest.version}.${format}`), await download(api, `/returns/${period}/versions/${latest.version}/${format}`));
  }
  say(
    `month-end cycle for ${period}, run from the month-end page: ${reports.length} reports (highlight reports and collated papers, HTML and Markdown), ` +
      `NHS England return v${latest?.version ?? '-'} (${latest?.rowCount ?? 0} rows, ${latest?.status ?? 'not made'}, due by ${returned.deadline}), in ${directory}`,
  );
}

/** The pages a programme office uses, driven in Debian's Chromium: the sample programme kept, another started from its template, the month end run. */
async function showWebPages(config: EngineConfig, api: Api, programme: ProgrammeView, period: string): Promise<void> {
  const directory = resolve(OUTPUT_DIRECTORY, 'pages');
  const { kept, createdId } = await tourWebPages({
    url: api.url,
    token: await mintLocalToken(config.auth, DEMO_ADMIN),
    programme,
    period,
    chromiumPath: config.pdf.chromiumPath,
    directory,
  });
  const created = await request<ProgrammePlanRecord>(api, 'GET', `/programmes/${createdId}/plan`);
  const actuals = created.trajectories.flatMap((trajectory) => trajectory.actuals.filter((actual) => actual.month === period));
  say(
    `web pages at ${api.url}/app: signed in, opened the portfolio and '${programme.name}' and sent its monthly update; started '${created.name}' from its template ` +
      `at ${created.startDate}, entered ${actuals.length} practices' figures for ${period} (known on ${lastDayOfMonth(period)}) and its update, and ran the month end; screenshots in ${directory}:`,
  );
  for (const path of kept) say(`  ${path}`);
}

async function programmeName(api: Api, programmeId: string, names: Map<string, string>): Promise<string> {
  const programme = await request<ProgrammeView>(api, 'GET', `/programmes/${programmeId}`);
  const name = `${programme.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${programmeId.slice(0, 8)}`;
  names.set(programmeId, name);
  return name;
}

async function download(api: Api, path: string): Promise<Buffer> {
  const response = await fetch(`${api.url}${path}`, { headers: api.headers });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

function sampleProgramme(now: Date): unknown {
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
  return {
    name: 'Extended access procurement, Dorset (demo)',
    leadEmail: 'extended-access.lead@dorset-ccg.nhs.example',
    milestones: [
      { name: 'Tender documents finalised', ownerEmail: 'procurement@dorset-ccg.nhs.example', dueAt: at(30) },
      { name: 'Governing Body approval', ownerEmail: 'governance@dorset-ccg.nhs.example', dueAt: at(60) },
      { name: 'Advert out', ownerEmail: 'procurement@dorset-ccg.nhs.example', dueAt: at(40 * 24 * 3600) },
    ],
  };
}

/** One line: the programme's RAG with its reasons, each milestone's status, each escalation's delivery. */
function describe(programme: ProgrammeView): string {
  const milestones = programme.milestones.map((milestone) => `${milestone.name}: ${milestone.status}`).join('; ');
  const escalations = programme.escalations.map((escalation) => `escalation to ${escalation.recipient}: ${escalation.status}`).join('; ');
  return `programme ${programme.status} (${programme.reasons.join('; ')}) | ${milestones}${escalations ? ` | ${escalations}` : ''}`;
}

function nextDue(programme: ProgrammeView): string {
  const next = programme.milestones.find((milestone) => milestone.status === 'Green');
  return next === undefined ? '' : ` | next: ${next.reasons.join('; ')}`;
}

interface RunningApp {
  app: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

function startApp(app: string, logDirectory: string, admins: string[]): RunningApp {
  const log = openSync(resolve(logDirectory, `${app}.log`), 'w');
  const child = spawn(process.execPath, [resolve(`dist/apps/${app}/src/main.js`)], {
    stdio: ['ignore', log, log],
    env: { ...process.env, PMO_ADMIN_EMAILS: admins.join(','), NO_COLOR: '1' },
  });
  return { app, process: child, exited: new Promise((done) => child.once('exit', (code) => done(code))) };
}

function diedMessage(app: string, code: number | null, logDirectory: string): string {
  const logPath = resolve(logDirectory, `${app}.log`);
  const tail = readFileSync(logPath, 'utf8').trim().split('\n').slice(-15).join('\n');
  return `${app} exited with code ${code}; see ${logPath}:\n${tail}`;
}

async function waitForHealth(api: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${api}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the API did not answer ${api}/health within a minute`);
    await sleep(500);
  }
}

async function request<T = unknown>(api: Api, method: string, path: string, body?: unknown): Promise<T> {
  const url = `${api.url}${path}`;
  const response = await fetch(url, {
    method,
    headers: body === undefined ? api.headers : { ...api.headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const payload = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(payload)}`);
  return payload;
}

function say(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}Z] ${message}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
