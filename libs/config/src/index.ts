export { ConfigurationError, loadConfig } from './config';
export type { ApiConfig, DatabaseConfig, EngineConfig, MonthEndConfig, PdfConfig, RedisConfig, SmtpConfig, TemporalConfig } from './config';
