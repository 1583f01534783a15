import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const workingDays = (min: number) => z.coerce.number().int().min(min).max(20);
const emailList = z
  .string()
  .transform((text) => text.split(',').map((email) => email.trim()).filter((email) => email !== ''))
  .pipe(z.array(z.email()).min(1, 'must name at least one email address'));
const HOST_PORT = /^(?:\[([0-9a-f:.]+)\]|([^\s:[\]]+)):([0-9]{1,5})$/i;
/** Sentinel and Cluster seed lists, written as redis-cli and Redis's own configuration write them. */
const redisNodes = z.string().transform((text, context) => {
  const nodes = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const match = HOST_PORT.exec(entry);
      const nodePort = Number(match?.[3]);
      return match !== null && nodePort >= 1 && nodePort <= 65535 ? { host: match[1] ?? match[2], port: nodePort } : null;
    });
  if (nodes.length === 0 || nodes.includes(null)) {
    context.addIssue({ code: 'custom', message: 'must be host:port pairs separated by commas, as redis-1.example:26379,redis-2.example:26379' });
    return z.NEVER;
  }
  return nodes as RedisNode[];
});

/** Every setting the engine reads, from the environment only; defaults are the local stack of infra/. */
const EnvironmentSchema = z.object({
  /** The apps' connection: a role that may not change the schema, nor alter or remove audit rows. */
  PMO_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://pmo_app:pmo_app@127.0.0.1:55432/pmo'),
  /** The schema owner's connection, for migrations only. */
  PMO_MIGRATION_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://pmo:pmo@127.0.0.1:55432/pmo'),
  /** The most connections one process's pool opens: every process of every app counts against the server's max_connections. */
  PMO_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** One server; with Sentinel or a Cluster, only its user, password, database and scheme (rediss: is TLS) are used. */
  PMO_REDIS_URL: z
    .url({ protocol: /^rediss?$/ })
    .refine((url) => /^\/?[0-9]*$/.test(new URL(url).pathname), 'may name only a database number after the port, as redis://host:6379/0')
    .default('redis://127.0.0.1:56379'),
  /** Sentinels to ask where the primary is, so that a failover needs no change here. */
  PMO_REDIS_SENTINELS: redisNodes.optional(),
  /** The name the sentinels monitor the primary under (`sentinel monitor <name> ...`). */
  PMO_REDIS_SENTINEL_NAME: z.string().min(1).optional(),
  /** Only for sentinels that ask for a password of their own (`requirepass` in sentinel.conf). */
  PMO_REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /** Some nodes of a Redis Cluster; the client learns the rest, and the slots, from them. */
  PMO_REDIS_CLUSTER_NODES: redisNodes.optional(),
  /** Separate engines (or test runs) can share one Redis; on a Cluster it becomes a hash tag, {prefix}. */
  PMO_QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default('pmo'),
  /** The frontend, host:port: the dev server's, a cluster's or Temporal Cloud's endpoint. */
  PMO_TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  /** Every client and worker uses it; on Temporal Cloud it is `<name>.<account id>`. */
  PMO_TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** true: TLS with the system's trusted CAs; implied by every other TLS setting and by an API key. */
  PMO_TEMPORAL_TLS: flag.optional(),
  /** mTLS, as Temporal Cloud and clusters with client authentication ask: the client's certificate and key (PEM), read at boot. */
  PMO_TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
  /** The certificate's private key: a file, so that it stays out of the environment and the process list. */
  PMO_TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
  /** The CA that signed the server's certificate (PEM), for a cluster whose CA the system does not trust. */
  PMO_TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
  /** The name to check the server's certificate against, when it is not the address's host. */
  PMO_TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** Temporal Cloud's other way in: sent as a bearer token, over TLS. */
  PMO_TEMPORAL_API_KEY: z.string().min(1).optional(),
  /**
   * Workflows a worker keeps in memory between their tasks; the rest are replayed from history when a timer or
   * signal wakes them, and 0 keeps none. The SDK's own default follows the heap limit (2,300 on a 4 GiB heap), which
   * took a worker with 10,000 open programmes to 1,585 MiB at its peak; at 1,000 it stayed at 1,262 MiB
   * (docs/benchmarks.md). Programme workflows sleep for weeks between milestones, so few replays follow.
   */
  PMO_WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(1_000_000).default(1000),
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
  /**
   * Proxies (load balancers) in front of the API whose X-Forwarded-For is believed, so that rate limits and logs
   * see each client's address rather than the balancer's; 0 believes none, since a client could forge the header.
   */
  PMO_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  PMO_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  PMO_SMTP_PORT: port.default(1025),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  PMO_SMTP_SECURE: flag.default(false),
  PMO_SMTP_USER: z.string().optional(),
  PMO_SMTP_PASSWORD: z.string().optional(),
  PMO_MAIL_FROM: z.email().default('pmo-engine@localhost.localdomain'),
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
  /** Debian's Chromium (infra/chromium.sh); absolute, since playwright-core is only ever given an executable and never downloads one. */
  PMO_CHROMIUM_PATH: z.string().refine(isAbsolute, 'must be an absolute path').default('/usr/bin/chromium'),
});

export interface DatabaseConfig {
  url: string;
  /** The schema owner's; migrations run as it and then grant the apps' role what it may do. */
  migrationUrl: string;
  /** The most connections one process's pool opens. */
  poolSize: number;
}
export interface RedisNode {
  host: string;
  port: number;
}
/** How the engine finds Redis: at the URL, through sentinels, or as a cluster. */
export type RedisTopology =
  | { kind: 'server' }
  | { kind: 'sentinel'; sentinels: RedisNode[]; primaryName: string; sentinelPassword: string | null }
  | { kind: 'cluster'; nodes: RedisNode[] };
export interface RedisConfig {
  /** The server; with Sentinel or a Cluster, the user, password, database and TLS (rediss:) of every node. */
  url: string;
  topology: RedisTopology;
  /**
   * BullMQ key prefix: separate engines (or test runs) can share one Redis. On a Cluster it is a hash tag
   * (`{pmo}`), so that all of a queue's keys are in one slot, as BullMQ's scripts need.
   */
  queuePrefix: string;
}
export interface TemporalTlsConfig {
  /** mTLS: the client's certificate and private key, PEM; null when an API key, or nothing, says who the client is. */
  clientCertPair: { crt: Buffer; key: Buffer } | null;
  /** PEM; null trusts the system's CAs, as for Temporal Cloud. */
  serverRootCaCertificate: Buffer | null;
  serverNameOverride: string | null;
}
export interface TemporalConfig {
  address: string;
  namespace: string;
  /** null: plain gRPC, as the local dev server speaks. */
  tls: TemporalTlsConfig | null;
  apiKey: string | null;
  maxCachedWorkflows: number;
  workflowBundlePath: string;
  timeSkippingServerPath: string;
}
export interface ApiConfig {
  host: string;
  port: number;
  rateLimitPerMinute: number;
  /** Proxies in front whose X-Forwarded-For is believed. */
  trustProxyHops: number;
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

type Environment = z.infer<typeof EnvironmentSchema>;

/** A file a variable names, read once; unreadable, it is the variable that is wrong. */
function readPem(variable: string, path: string, problems: string[]): Buffer {
  try {
    const content = readFileSync(path);
    if (!content.includes('-----BEGIN ')) problems.push(`${variable}: ${path} is not PEM (no -----BEGIN line)`);
    return content;
  } catch (error) {
    problems.push(`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return Buffer.alloc(0);
  }
}

function temporalConfigOf(env: Environment): TemporalConfig {
  const problems: string[] = [];
  const certFile = env.PMO_TEMPORAL_TLS_CERT_FILE;
  const keyFile = env.PMO_TEMPORAL_TLS_KEY_FILE;
  if ((certFile === undefined) !== (keyFile === undefined)) problems.push('PMO_TEMPORAL_TLS_CERT_FILE and PMO_TEMPORAL_TLS_KEY_FILE: set both or neither');
  const needingTls = (['PMO_TEMPORAL_TLS_CERT_FILE', 'PMO_TEMPORAL_TLS_KEY_FILE', 'PMO_TEMPORAL_TLS_CA_FILE', 'PMO_TEMPORAL_TLS_SERVER_NAME', 'PMO_TEMPORAL_API_KEY'] as const).filter(
    (variable) => env[variable] !== undefined,
  );
  if (env.PMO_TEMPORAL_TLS === false && needingTls.length > 0) problems.push(`PMO_TEMPORAL_TLS: is false, but ${needingTls.join(', ')} need TLS`);
  const tls: TemporalTlsConfig | null =
    (env.PMO_TEMPORAL_TLS ?? needingTls.length > 0)
      ? {
          clientCertPair:
            certFile !== undefined && keyFile !== undefined
              ? { crt: readPem('PMO_TEMPORAL_TLS_CERT_FILE', certFile, problems), key: readPem('PMO_TEMPORAL_TLS_KEY_FILE', keyFile, problems) }
              : null,
          serverRootCaCertificate: env.PMO_TEMPORAL_TLS_CA_FILE === undefined ? null : readPem('PMO_TEMPORAL_TLS_CA_FILE', env.PMO_TEMPORAL_TLS_CA_FILE, problems),
          serverNameOverride: env.PMO_TEMPORAL_TLS_SERVER_NAME ?? null,
        }
      : null;
  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    address: env.PMO_TEMPORAL_ADDRESS,
    namespace: env.PMO_TEMPORAL_NAMESPACE,
    tls,
    apiKey: env.PMO_TEMPORAL_API_KEY ?? null,
    maxCachedWorkflows: env.PMO_WORKER_MAX_CACHED_WORKFLOWS,
    workflowBundlePath: env.PMO_WORKFLOW_BUNDLE,
    timeSkippingServerPath: env.PMO_TEMPORAL_TEST_SERVER,
  };
}

function redisConfigOf(env: Environment): RedisConfig {
  const problems: string[] = [];
  const sentinels = env.PMO_REDIS_SENTINELS;
  const clusterNodes = env.PMO_REDIS_CLUSTER_NODES;
  if (sentinels !== undefined && clusterNodes !== undefined) problems.push('PMO_REDIS_SENTINELS and PMO_REDIS_CLUSTER_NODES: set one or neither');
  if (sentinels !== undefined && env.PMO_REDIS_SENTINEL_NAME === undefined) {
    problems.push('PMO_REDIS_SENTINEL_NAME: needed with PMO_REDIS_SENTINELS, the name the sentinels monitor the primary under');
  }
  for (const variable of ['PMO_REDIS_SENTINEL_NAME', 'PMO_REDIS_SENTINEL_PASSWORD'] as const) {
    if (sentinels === undefined && env[variable] !== undefined) problems.push(`${variable}: only with PMO_REDIS_SENTINELS`);
  }
  if (clusterNodes !== undefined && !/^\/?0?$/.test(new URL(env.PMO_REDIS_URL).pathname)) problems.push('PMO_REDIS_URL: a Redis Cluster has database 0 only');
  if (problems.length > 0) throw new ConfigurationError(problems);
  const topology: RedisTopology =
    sentinels !== undefined && env.PMO_REDIS_SENTINEL_NAME !== undefined
      ? { kind: 'sentinel', sentinels, primaryName: env.PMO_REDIS_SENTINEL_NAME, sentinelPassword: env.PMO_REDIS_SENTINEL_PASSWORD ?? null }
      : clusterNodes !== undefined
        ? { kind: 'cluster', nodes: clusterNodes }
        : { kind: 'server' };
  return { url: env.PMO_REDIS_URL, topology, queuePrefix: topology.kind === 'cluster' ? `{${env.PMO_QUEUE_PREFIX}}` : env.PMO_QUEUE_PREFIX };
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
    database: { url: env.PMO_DATABASE_URL, migrationUrl: env.PMO_MIGRATION_DATABASE_URL, poolSize: env.PMO_DATABASE_POOL_SIZE },
    redis: redisConfigOf(env),
    temporal: temporalConfigOf(env),
    api: { host: env.PMO_API_HOST, port: env.PMO_API_PORT, rateLimitPerMinute: env.PMO_RATE_LIMIT_PER_MINUTE, trustProxyHops: env.PMO_TRUST_PROXY_HOPS },
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
