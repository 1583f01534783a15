import { ConfigurationError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the local stack of infra/', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ url: 'postgres://pmo_app:pmo_app@127.0.0.1:55432/pmo', migrationUrl: 'postgres://pmo:pmo@127.0.0.1:55432/pmo' });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:56379', queuePrefix: 'pmo' });
    expect(config.smtp).toEqual({ host: '127.0.0.1', port: 1025, secure: false, from: 'pmo-engine@localhost.localdomain' });
    expect(config.pdf).toEqual({ chromiumPath: '/usr/bin/chromium' });
    expect(config.delivery).toEqual({ webhookSigningSecret: null, pmoAlertEmails: ['pmo@icb.nhs.example'], publicUrl: 'http://127.0.0.1:3000', linkSigningSecret: null, digestTime: '07:30' });
  });

  it('names every bad variable', () => {
    const error = ((): unknown => {
      try {
        loadConfig({ PMO_API_PORT: '70000', PMO_REDIS_URL: 'http://x', PMO_SMTP_SECURE: 'yes', PMO_CHROMIUM_PATH: 'chromium' });
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems.map((problem) => problem.split(':')[0])).toEqual(['PMO_REDIS_URL', 'PMO_API_PORT', 'PMO_SMTP_SECURE', 'PMO_CHROMIUM_PATH']);
  });

  it('wants SMTP credentials in pairs', () => {
    expect(() => loadConfig({ PMO_SMTP_USER: 'pmo' })).toThrow(/set both or neither/);
    expect(loadConfig({ PMO_SMTP_USER: 'pmo', PMO_SMTP_PASSWORD: 'secret' }).smtp.auth).toEqual({ user: 'pmo', pass: 'secret' });
  });

  it('reads the month-end cycle rule and its people, refusing a deadline before the run', () => {
    expect(loadConfig({}).monthEnd).toEqual({
      runWorkingDay: 5,
      runTime: '07:00',
      returnDeadlineWorkingDay: 10,
      returnReminderWorkingDays: 2,
      updateReminderWorkingDays: 2,
      returnSignOffEmails: ['pmo@icb.nhs.example'],
      returnEscalationEmails: ['director.primary-care@icb.nhs.example'],
    });
    expect(loadConfig({ PMO_RETURN_SIGN_OFF_EMAILS: 'a@icb.nhs.example, b@icb.nhs.example' }).monthEnd.returnSignOffEmails).toEqual(['a@icb.nhs.example', 'b@icb.nhs.example']);
    expect(() => loadConfig({ PMO_MONTH_END_RUN_TIME: '7am' })).toThrow(/PMO_MONTH_END_RUN_TIME: must be a London time of day/);
    expect(() => loadConfig({ PMO_RETURN_SIGN_OFF_EMAILS: 'nobody' })).toThrow(/PMO_RETURN_SIGN_OFF_EMAILS/);
    expect(() => loadConfig({ PMO_MONTH_END_RUN_WORKING_DAY: '12' })).toThrow(/must not come before PMO_MONTH_END_RUN_WORKING_DAY/);
  });

  it('checks tokens against the local key unless an issuer’s JWKS is given, and keeps configured admins in lower case', () => {
    expect(loadConfig({}).auth).toEqual({ issuer: 'pmo-engine-local', audience: 'pmo-engine', jwksUrl: null, localKeyFile: '.data/auth/local-signing-key.json', adminEmails: [], webSignIn: null });
    const entra = loadConfig({
      PMO_AUTH_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
      PMO_AUTH_JWKS_URL: 'https://login.microsoftonline.com/tenant-id/discovery/v2.0/keys',
      PMO_ADMIN_EMAILS: 'Head.Of.PMO@icb.nhs.example',
    }).auth;
    expect([entra.jwksUrl, entra.adminEmails]).toEqual(['https://login.microsoftonline.com/tenant-id/discovery/v2.0/keys', ['head.of.pmo@icb.nhs.example']]);
    expect(() => loadConfig({ PMO_AUTH_JWKS_URL: 'file:///etc/keys' })).toThrow(/PMO_AUTH_JWKS_URL/);
    expect(() => loadConfig({ PMO_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/PMO_RATE_LIMIT_PER_MINUTE/);
  });

  it('sends the web pages to the identity provider to sign in once they are its client, coming back to the public URL', () => {
    const entra = {
      PMO_AUTH_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
      PMO_AUTH_JWKS_URL: 'https://login.microsoftonline.com/tenant-id/discovery/v2.0/keys',
      PMO_PUBLIC_URL: 'https://pmo.icb.nhs.example',
    };
    expect(loadConfig(entra).auth.webSignIn).toBeNull();
    expect(loadConfig({ ...entra, PMO_AUTH_CLIENT_ID: 'client-id', PMO_AUTH_SCOPE: 'openid email api://pmo/access' }).auth.webSignIn).toEqual({
      clientId: 'client-id',
      clientSecret: null,
      scope: 'openid email api://pmo/access',
      redirectUri: 'https://pmo.icb.nhs.example/app/sign-in/callback',
    });
    expect(() => loadConfig({ PMO_AUTH_CLIENT_ID: 'client-id' })).toThrow(/PMO_AUTH_CLIENT_ID: needs PMO_AUTH_JWKS_URL/);
  });
});
