export { ConfigurationError, loadConfig } from './config';
export type { ApiConfig, DatabaseConfig, EngineConfig, RedisConfig, SmtpConfig, TemporalConfig } from './config';
