import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const workingDays = (min: number) => z.coerce.number().int().min(min).max(20);
const emailList = z
  .string()
  .transform((text) => text.split(',').map((email) => email.trim()).filter((email) => email !== ''))
  .pipe(z.array(z.email()).min(1, 'must name at least one email address'));

/** Every setting the engine reads, from the environment only; defaults are the local stack of infra/. */
const EnvironmentSchema = z.object({
  /** The apps' connection: a role that may not change the schema, nor alter or remove audit rows. */
  PMO_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://pmo_app:pmo_app@127.0.0.1:55432/pmo'),
  /** The schema owner's connection, for migrations only. */
  PMO_MIGRATION_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://pmo:pmo@127.0.0.1:55432/pmo'),
  PMO_REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:56379'),
  PMO_QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default('pmo'),
  PMO_TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  PMO_TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Relative paths resolve against the working directory: the scripts run from the repository root. */
  PMO_WORKFLOW_BUNDLE: z.string().min(1).default('dist/workflows/workflow-bundle.js').transform((path) => resolve(path)),
  /** The launcher of the Java time-skipping server, for plan rehearsals; relative to the working directory. */
  PMO_TEMPORAL_TEST_SERVER: z.string().min(1).default('infra/launch-test-server.sh').transform((path) => resolve(path)),
  PMO_API_HOST: z.string().min(1).default('127.0.0.1'),
  PMO_API_PORT: port.default(3000),
  /** The identity provider whose bearer tokens the API accepts; unset, tokens signed by the local key are. */
  PMO_AUTH_ISSUER: z.string().min(1).default('pmo-engine-local'),
  PMO_AUTH_AUDIENCE: z.string().min(1).default('pmo-engine'),
  PMO_AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  PMO_AUTH_LOCAL_KEY_FILE: z.string().min(1).default('.data/auth/local-signing-key.json'),
  /** The web pages' client at the identity provider: set, people sign in there (OpenID Connect, authorization code with PKCE). */
  PMO_AUTH_CLIENT_ID: z.string().min(1).optional(),
  /** Only for an identity provider that treats the web pages as a confidential client. */
  PMO_AUTH_CLIENT_SECRET: z.string().min(1).optional(),
  /** What the pages ask for: include the API's own scope, so that the access token is one the API takes. */
  PMO_AUTH_SCOPE: z.string().min(1).default('openid email profile'),
  /** Admins at every organisation by configuration, to administer a new installation. */
  PMO_ADMIN_EMAILS: emailList.default([]),
  PMO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /** Requests one client address may make in a minute; health probes are not counted. */
  PMO_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  PMO_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  PMO_SMTP_PORT: port.default(1025),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  PMO_SMTP_SECURE: flag.default(false),
  PMO_SMTP_USER: z.string().optional(),
  PMO_SMTP_PASSWORD: z.string().optional(),
  PMO_MAIL_FROM: z.email().default('pmo-engine@localhost.localdomain'),
  /** Debian's Chromium (infra/chromium.sh); absolute, since playwright-core is only ever given an executable and never downloads one. */
  /** The month-end cycle: on which working day after month end it runs, and at what London time. */
  PMO_MONTH_END_RUN_WORKING_DAY: workingDays(1).default(5),
  PMO_MONTH_END_RUN_TIME: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a London time of day, HH:MM').default('07:00'),
  PMO_RETURN_DEADLINE_WORKING_DAY: workingDays(1).default(10),
  PMO_RETURN_REMINDER_WORKING_DAYS: workingDays(0).default(2),
  PMO_UPDATE_REMINDER_WORKING_DAYS: workingDays(0).default(2),
  /** Who signs the NHS England return off, reminded before its deadline; and who hears when it is missed. */
  PMO_RETURN_SIGN_OFF_EMAILS: emailList.default(['pmo@icb.nhs.example']),
  PMO_RETURN_ESCALATION_EMAILS: emailList.default(['director.primary-care@icb.nhs.example']),
  /** Signs every generic webhook (HMAC-SHA256); without it, deliveries by webhook fail and the PMO is told. */
  PMO_WEBHOOK_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The API's address as people reach it from a message, for signed acknowledgement links. */
  PMO_PUBLIC_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000'),
  /** Signs acknowledgement links (HMAC-SHA256); without it, messages carry no link and acknowledging is by the API. */
  PMO_LINK_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** When, London time, each day's digest goes to the people who take one instead of each message. */
  PMO_DIGEST_TIME: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a London time of day, HH:MM').default('07:30'),
  /** Who is told when a message cannot be delivered at all. */
  PMO_ALERT_EMAILS: emailList.default(['pmo@icb.nhs.example']),
  PMO_CHROMIUM_PATH: z.string().refine(isAbsolute, 'must be an absolute path').default('/usr/bin/chromium'),
});

export interface DatabaseConfig {
  url: string;
  /** The schema owner's; migrations run as it and then grant the apps' role what it may do. */
  migrationUrl: string;
}
export interface RedisConfig {
  url: string;
  /** BullMQ key prefix: separate engines (or test runs) can share one Redis. */
  queuePrefix: string;
}
export interface TemporalConfig {
  address: string;
  namespace: string;
  workflowBundlePath: string;
  timeSkippingServerPath: string;
}
export interface ApiConfig {
  host: string;
  port: number;
  rateLimitPerMinute: number;
}
export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  from: string;
}
export interface MonthEndConfig {
  runWorkingDay: number;
  /** London time of day, `HH:MM`. */
  runTime: string;
  returnDeadlineWorkingDay: number;
  returnReminderWorkingDays: number;
  updateReminderWorkingDays: number;
  returnSignOffEmails: string[];
  returnEscalationEmails: string[];
}
export interface DeliveryConfig {
  webhookSigningSecret: string | null;
  pmoAlertEmails: string[];
  publicUrl: string;
  linkSigningSecret: string | null;
  /** London time of day, `HH:MM`. */
  digestTime: string;
}
export interface PdfConfig {
  chromiumPath: string;
}

/** How the API knows who is asking: bearer tokens from an issuer (its JWKS, or the local key), and the configured admins. */
export interface AuthConfig {
  issuer: string;
  audience: string;
  /** The identity provider's keys; null means tokens are checked against the local signing key. */
  jwksUrl: string | null;
  localKeyFile: string;
  adminEmails: string[];
  /** How the web pages send people to the identity provider to sign in; null on the local stack, where they paste a token. */
  webSignIn: WebSignInConfig | null;
}

export interface WebSignInConfig {
  clientId: string;
  clientSecret: string | null;
  scope: string;
  /** Where the provider sends people back: the public URL's `/app/sign-in/callback`. */
  redirectUri: string;
}

export interface EngineConfig {
  logLevel: string;
  auth: AuthConfig;
  database: DatabaseConfig;
  redis: RedisConfig;
  temporal: TemporalConfig;
  api: ApiConfig;
  smtp: SmtpConfig;
  delivery: DeliveryConfig;
  pdf: PdfConfig;
  monthEnd: MonthEndConfig;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Reads and checks the whole configuration once, at boot; a bad variable stops the boot, named. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): EngineConfig {
  const parsed = EnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  if (env.PMO_RETURN_DEADLINE_WORKING_DAY < env.PMO_MONTH_END_RUN_WORKING_DAY) {
    throw new ConfigurationError(['PMO_RETURN_DEADLINE_WORKING_DAY: must not come before PMO_MONTH_END_RUN_WORKING_DAY']);
  }
  if (env.PMO_AUTH_CLIENT_ID !== undefined && env.PMO_AUTH_JWKS_URL === undefined) {
    throw new ConfigurationError(['PMO_AUTH_CLIENT_ID: needs PMO_AUTH_JWKS_URL and PMO_AUTH_ISSUER of the identity provider it is a client of']);
  }
  if ((env.PMO_SMTP_USER === undefined) !== (env.PMO_SMTP_PASSWORD === undefined)) {
    throw new ConfigurationError(['PMO_SMTP_USER and PMO_SMTP_PASSWORD: set both or neither']);
  }
  return {
    logLevel: env.PMO_LOG_LEVEL,
    auth: {
      issuer: env.PMO_AUTH_ISSUER,
      audience: env.PMO_AUTH_AUDIENCE,
      jwksUrl: env.PMO_AUTH_JWKS_URL ?? null,
      localKeyFile: env.PMO_AUTH_LOCAL_KEY_FILE,
      adminEmails: env.PMO_ADMIN_EMAILS.map((email) => email.toLowerCase()),
      webSignIn:
        env.PMO_AUTH_CLIENT_ID === undefined
          ? null
          : {
              clientId: env.PMO_AUTH_CLIENT_ID,
              clientSecret: env.PMO_AUTH_CLIENT_SECRET ?? null,
              scope: env.PMO_AUTH_SCOPE,
              redirectUri: new URL('/app/sign-in/callback', env.PMO_PUBLIC_URL).toString(),
            },
    },
    database: { url: env.PMO_DATABASE_URL, migrationUrl: env.PMO_MIGRATION_DATABASE_URL },
    redis: { url: env.PMO_REDIS_URL, queuePrefix: env.PMO_QUEUE_PREFIX },
    temporal: {
      address: env.PMO_TEMPORAL_ADDRESS,
      namespace: env.PMO_TEMPORAL_NAMESPACE,
      workflowBundlePath: env.PMO_WORKFLOW_BUNDLE,
      timeSkippingServerPath: env.PMO_TEMPORAL_TEST_SERVER,
    },
    api: { host: env.PMO_API_HOST, port: env.PMO_API_PORT, rateLimitPerMinute: env.PMO_RATE_LIMIT_PER_MINUTE },
    smtp: {
      host: env.PMO_SMTP_HOST,
      port: env.PMO_SMTP_PORT,
      secure: env.PMO_SMTP_SECURE,
      ...(env.PMO_SMTP_USER !== undefined && env.PMO_SMTP_PASSWORD !== undefined
        ? { auth: { user: env.PMO_SMTP_USER, pass: env.PMO_SMTP_PASSWORD } }
        : {}),
      from: env.PMO_MAIL_FROM,
    },
    delivery: {
      webhookSigningSecret: env.PMO_WEBHOOK_SIGNING_SECRET ?? null,
      pmoAlertEmails: env.PMO_ALERT_EMAILS,
      publicUrl: env.PMO_PUBLIC_URL,
      linkSigningSecret: env.PMO_LINK_SIGNING_SECRET ?? null,
      digestTime: env.PMO_DIGEST_TIME,
    },
    pdf: { chromiumPath: env.PMO_CHROMIUM_PATH },
    monthEnd: {
      runWorkingDay: env.PMO_MONTH_END_RUN_WORKING_DAY,
      runTime: env.PMO_MONTH_END_RUN_TIME,
      returnDeadlineWorkingDay: env.PMO_RETURN_DEADLINE_WORKING_DAY,
      returnReminderWorkingDays: env.PMO_RETURN_REMINDER_WORKING_DAYS,
      updateReminderWorkingDays: env.PMO_UPDATE_REMINDER_WORKING_DAYS,
      returnSignOffEmails: env.PMO_RETURN_SIGN_OFF_EMAILS,
      returnEscalationEmails: env.PMO_RETURN_ESCALATION_EMAILS,
    },
  };
}
