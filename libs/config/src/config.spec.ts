import { ConfigurationError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the local stack of infra/', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://pmo:pmo@127.0.0.1:55432/pmo');
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:56379', queuePrefix: 'pmo' });
    expect(config.smtp).toEqual({ host: '127.0.0.1', port: 1025, secure: false, from: 'pmo-engine@localhost.localdomain' });
  });

  it('names every bad variable', () => {
    const error = ((): unknown => {
      try {
        loadConfig({ PMO_API_PORT: '70000', PMO_REDIS_URL: 'http://x', PMO_SMTP_SECURE: 'yes' });
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems.map((problem) => problem.split(':')[0])).toEqual(['PMO_REDIS_URL', 'PMO_API_PORT', 'PMO_SMTP_SECURE']);
  });

  it('wants SMTP credentials in pairs', () => {
    expect(() => loadConfig({ PMO_SMTP_USER: 'pmo' })).toThrow(/set both or neither/);
    expect(loadConfig({ PMO_SMTP_USER: 'pmo', PMO_SMTP_PASSWORD: 'secret' }).smtp.auth).toEqual({ user: 'pmo', pass: 'secret' });
  });
});
