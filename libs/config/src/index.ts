export { ConfigurationError, loadConfig } from './config';
export type { ApiConfig, AuthConfig, DatabaseConfig, DeliveryConfig, EngineConfig, MonthEndConfig, PdfConfig, RedisConfig, SmtpConfig, TemporalConfig, WebSignInConfig } from './config';
