import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '@pmo/application';
import type { AuthConfig } from '@pmo/config';
import { mintLocalToken } from '@pmo/identity';
import { TestEngine } from './engine';
import { startLocalTemporal } from './temporal';

/** Screenshots of every page the browser tests open, kept for people to look at (git-ignored). */
export const ARTEFACTS = resolve(__dirname, '..', 'artefacts', 'web-pages');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Keeps a screenshot of the page and checks it with axe-core: no serious or critical violation. axe runs
 * in a second, JavaScript-enabled view of the same HTML (with the page's own scripts, and the CSP set
 * aside for axe alone), so that a page under test with JavaScript off runs none.
 */
export async function lookAt(browser: Browser, baseUrl: string, page: Page, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
  const html = await page.content();
  const pathname = new URL(page.url()).pathname;
  const context = await browser.newContext({ baseURL: baseUrl, bypassCSP: true });
  try {
    const scanned = await context.newPage();
    await scanned.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `${baseUrl}${pathname}`) return route.fulfill({ body: html, contentType: 'text/html' });
      return url.startsWith(baseUrl) ? route.continue() : route.abort();
    });
    await scanned.goto(pathname);
    await scanned.addScriptTag({ content: AXE_SOURCE });
    const violations = (await scanned.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe.run().then((result) => result.violations))) as AxeViolation[];
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${name}: ${violation.id} (${violation.help}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  } finally {
    await context.close();
  }
}

/**
 * Refuses a browser's requests to anywhere but the engine at once: nhsuk-frontend's styles name its web fonts on an
 * NHS host this machine cannot reach, and a screenshot otherwise waits seconds for them.
 */
export async function keepLocal(context: BrowserContext, baseUrl: string): Promise<void> {
  await context.route((url) => !url.href.startsWith(baseUrl), (route) => route.abort());
}

/** Signs a person in on the sign-in page with a token of the local issuer, as the pages' own form does. */
export async function signIn(page: Page, auth: AuthConfig, email: string): Promise<void> {
  await page.goto('/app/sign-in');
  await page.getByLabel('Sign-in token').fill(await mintLocalToken(auth, email));
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * What every browser test starts from: its own Temporal, the engine with the API listening on the seeded
 * organisations (unless asked for an empty one), the people it names granted their roles, and Chromium.
 */
export class BrowserStack {
  private constructor(
    readonly temporal: TestWorkflowEnvironment,
    readonly engine: TestEngine,
    readonly browser: Browser,
    readonly baseUrl: string,
  ) {}

  /** With `empty`, the database holds no organisation and nobody but the admin: a programme office's first morning. */
  static async start(grants: [email: string, role: Role, odsCode: string][], options: { empty?: boolean } = {}): Promise<BrowserStack> {
    const temporal = await startLocalTemporal();
    const engine = await TestEngine.start({ temporal, withApi: true });
    if (options.empty !== true) await engine.seedOrganisations();
    for (const [email, role, odsCode] of grants) await engine.granted(email, role, odsCode);
    const baseUrl = await engine.listen();
    const browser = await chromium.launch({ executablePath: engine.config.pdf.chromiumPath });
    return new BrowserStack(temporal, engine, browser, baseUrl);
  }

  /** A page of a fresh browser, with JavaScript off as the pages must work without it, signed in as the person. */
  async signedIn(email: string): Promise<Page> {
    const context = await this.browser.newContext({ baseURL: this.baseUrl, javaScriptEnabled: false });
    await keepLocal(context, this.baseUrl);
    const page = await context.newPage();
    await signIn(page, this.engine.config.auth, email);
    return page;
  }

  look(page: Page, name: string): Promise<void> {
    return lookAt(this.browser, this.baseUrl, page, name);
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.engine.stop();
    await this.temporal.teardown();
  }
}
