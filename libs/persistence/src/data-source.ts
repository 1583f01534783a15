import './pg-types';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '@pmo/config';
import { EscalationEntity } from './entities/escalation.entity';
import { MilestoneEntity } from './entities/milestone.entity';
import { ProgrammeEventEntity } from './entities/programme-event.entity';
import { ProgrammeEntity } from './entities/programme.entity';
import { ProgrammesMilestonesEscalations1763900000000 } from './migrations/1763900000000-programmes-milestones-escalations';
import { ProgrammeModel1763910000000 } from './migrations/1763910000000-programme-model';
import { AssessmentRules1763920000000 } from './migrations/1763920000000-assessment-rules';
import { PhaseGoLives1763930000000 } from './migrations/1763930000000-phase-go-lives';
import { MilestoneForecasts1763940000000 } from './migrations/1763940000000-milestone-forecasts';
import { Reports1763950000000 } from './migrations/1763950000000-reports';
import { MonthlyReturns1763960000000 } from './migrations/1763960000000-monthly-returns';
import { Notifications1763970000000 } from './migrations/1763970000000-notifications';
import { DeliveryLog1763980000000 } from './migrations/1763980000000-delivery-log';
import { EscalationLadders1763990000000 } from './migrations/1763990000000-escalation-ladders';
import { DailyDigests1764000000000 } from './migrations/1764000000000-daily-digests';
import { ProgrammeRedNotifications1764010000000 } from './migrations/1764010000000-programme-red-notifications';
import { MilestoneWarnings1764020000000 } from './migrations/1764020000000-milestone-warnings';
import { ProgrammeManagers1764030000000 } from './migrations/1764030000000-programme-managers';
import { Access1764040000000 } from './migrations/1764040000000-access';
import { AuditTrail1764050000000 } from './migrations/1764050000000-audit-trail';
import { AuditSignedLinks1764060000000 } from './migrations/1764060000000-audit-signed-links';
import { DeliveryTriesInDoubt1764070000000 } from './migrations/1764070000000-delivery-tries-in-doubt';
import { MilestoneNamesAtCommit1764080000000 } from './migrations/1764080000000-milestone-names-at-commit';
import { PublishedOrganisations1764090000000 } from './migrations/1764090000000-published-organisations';
import { OrganisationImports1764100000000 } from './migrations/1764100000000-organisation-imports';
import { ForecastsKnownAt1764110000000 } from './migrations/1764110000000-forecasts-known-at';
import { ProgrammeClosure1764120000000 } from './migrations/1764120000000-programme-closure';
import { AcceptedOverlaps1764130000000 } from './migrations/1764130000000-accepted-overlaps';

export const ENTITIES = [ProgrammeEntity, MilestoneEntity, EscalationEntity, ProgrammeEventEntity];
export const MIGRATIONS = [ProgrammesMilestonesEscalations1763900000000, ProgrammeModel1763910000000, AssessmentRules1763920000000, PhaseGoLives1763930000000, MilestoneForecasts1763940000000, Reports1763950000000, MonthlyReturns1763960000000, Notifications1763970000000, DeliveryLog1763980000000, EscalationLadders1763990000000, DailyDigests1764000000000, ProgrammeRedNotifications1764010000000, MilestoneWarnings1764020000000, ProgrammeManagers1764030000000, Access1764040000000, AuditTrail1764050000000, AuditSignedLinks1764060000000, DeliveryTriesInDoubt1764070000000, MilestoneNamesAtCommit1764080000000, PublishedOrganisations1764090000000, OrganisationImports1764100000000, ForecastsKnownAt1764110000000, ProgrammeClosure1764120000000, AcceptedOverlaps1764130000000];

/** The schema comes from migrations only, never from `synchronize`. */
export function createDataSource(config: DatabaseConfig): DataSource {
  return new DataSource({
    type: 'postgres',
    url: config.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: ['error', 'warn', 'migration'],
    // pg's pool size; TLS and its CA come with the URL (sslmode, sslrootcert), which pg reads itself.
    // Connections once opened are kept (min = max): pg closes idle ones after 10 s by default, and under a
    // steady load the pool then reopens them in bursts, each a new backend whose first statements plan on cold
    // caches. That stalled status reads for 100-170 ms at a time in the API benchmark.
    extra: { max: config.poolSize, min: config.poolSize },
  });
}

/** A role named in SQL: quoted, with its quotes doubled. */
const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * What the apps' role may do, granted after every migration so that it follows the schema: read and write
 * the tables, but never the migrations' record, and of the audit trail only add and read.
 */
async function grantApplicationRole(dataSource: DataSource, role: string): Promise<void> {
  const app = identifier(role);
  await dataSource.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
  await dataSource.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
  await dataSource.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
  await dataSource.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${app}`);
  await dataSource.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${app}`);
}

/**
 * Applies every pending migration as the schema owner, then grants the apps' role its rights; for the
 * `migrate` command and test set-up. Apps that connect as the owner itself keep every right, audit included.
 */
export async function migrateDatabase(config: DatabaseConfig): Promise<string[]> {
  const dataSource = await createDataSource({ ...config, url: config.migrationUrl }).initialize();
  try {
    const applied = await dataSource.runMigrations();
    const appRole = decodeURIComponent(new URL(config.url).username);
    if (appRole !== decodeURIComponent(new URL(config.migrationUrl).username)) await grantApplicationRole(dataSource, appRole);
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

export class PendingMigrationsError extends Error {
  constructor() {
    super('the database has pending migrations: run `node dist/apps/cli/src/main.js migrate` first');
    this.name = 'PendingMigrationsError';
  }
}

/** Connects and refuses to go on against a schema older than this code. */
export async function openMigratedDataSource(config: DatabaseConfig): Promise<DataSource> {
  const dataSource = await createDataSource(config).initialize();
  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    throw new PendingMigrationsError();
  }
  return dataSource;
}
