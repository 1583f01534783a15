export { ConfigurationError, loadConfig } from './config';
export type { ApiConfig, DatabaseConfig, DeliveryConfig, EngineConfig, MonthEndConfig, PdfConfig, RedisConfig, SmtpConfig, TemporalConfig } from './config';
