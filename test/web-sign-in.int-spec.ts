import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { TEST_ADMIN, TestEngine } from './support/engine';
import { freePort } from './support/free-port';
import { OidcProvider } from './support/oidc-provider';
import { lookAt } from './support/pages';
import { startLocalTemporal } from './support/temporal';

const AUDIENCE = 'api://pmo-engine';
const CLIENT_ID = 'pmo-engine-web';

/**
 * Signing in to the web pages at the organisation's identity provider (OpenID Connect, code flow with
 * PKCE), as NHS organisations do with Entra ID: here a real provider over HTTP that the test starts.
 * The provider's access token is then checked by the API's own verifier, against the provider's keys.
 */
describe('web sign-in at the identity provider', () => {
  let temporal: TestWorkflowEnvironment;
  let provider: OidcProvider;
  let engine: TestEngine;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    temporal = await startLocalTemporal();
    provider = await OidcProvider.start({ audience: AUDIENCE, clientId: CLIENT_ID });
    const port = await freePort();
    engine = await TestEngine.start({
      temporal,
      withApi: true,
      environment: {
        PMO_AUTH_ISSUER: provider.issuer,
        PMO_AUTH_AUDIENCE: AUDIENCE,
        PMO_AUTH_JWKS_URL: provider.jwksUrl,
        PMO_AUTH_CLIENT_ID: CLIENT_ID,
        PMO_AUTH_SCOPE: `openid email ${AUDIENCE}/access`,
        PMO_PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
    });
    baseUrl = await engine.listen(port);
    browser = await chromium.launch({ executablePath: engine.config.pdf.chromiumPath });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
    await provider?.stop();
    await temporal?.teardown();
  });

  async function signInAtProvider(page: Page, email: string): Promise<void> {
    await page.getByRole('button', { name: 'Sign in with your organisation’s account' }).click();
    expect(page.url().startsWith(`${provider.issuer}/authorize?`)).toBe(true);
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('sends a person to the provider and back to the page they asked for, signed in with its access token', async () => {
    const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('/app/programmes?status=Red');
      expect(new URL(page.url()).pathname).toBe('/app/sign-in');
      await lookAt(browser, baseUrl, page, '20-sign-in-with-provider');
      await signInAtProvider(page, TEST_ADMIN);
      expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe('/app/programmes?status=Red');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Programmes');
      await expect(page.getByText(TEST_ADMIN).count()).resolves.toBe(1);
      // A public client: the code was exchanged with its PKCE verifier, and no secret was sent.
      const [exchange] = provider.tokenRequests;
      expect(exchange.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(exchange.get('redirect_uri')).toBe(`${baseUrl}/app/sign-in/callback`);
      expect(exchange.has('client_secret')).toBe(false);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.goto('/app/programmes');
      expect(new URL(page.url()).pathname).toBe('/app/sign-in');
    } finally {
      await context.close();
    }
  });

  it('tells a person the provider knows, but who has no role here, to ask for access', async () => {
    const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('/app/sign-in');
      await signInAtProvider(page, 'new.starter@dorset.nhs.example');
      expect(new URL(page.url()).pathname).toBe('/app/sign-in/callback');
      await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('new.starter@dorset.nhs.example has no role here yet: ask your programme office for access');
      await expect(context.cookies()).resolves.not.toContainEqual(expect.objectContaining({ name: 'pmo_session' }));
    } finally {
      await context.close();
    }
  });

  it('refuses a callback that this browser did not start, and a token of another issuer', async () => {
    const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const forged = await page.goto('/app/sign-in/callback?code=stolen&state=guessed');
      expect(forged?.status()).toBe(401);
      await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('The sign-in took too long or began in another browser');
      expect(provider.tokenRequests.map((request) => request.get('code'))).not.toContain('stolen');

      // The problem is shown against the token form, opened for it.
      await expect(page.locator('details').getAttribute('open')).resolves.not.toBeNull();
      await page.getByLabel('Sign-in token').fill(engine.adminBearer.replace('Bearer ', ''));
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toContain('The token was not accepted');
    } finally {
      await context.close();
    }
  });
});
