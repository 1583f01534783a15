export { ConfigurationError, loadConfig } from './config';
export type { ApiConfig, AuthConfig, DatabaseConfig, DeliveryConfig, EngineConfig, MonthEndConfig, PdfConfig, RedisConfig, RedisNode, RedisTopology, SmtpConfig, TemporalConfig, TemporalTlsConfig, WebSignInConfig } from './config';
