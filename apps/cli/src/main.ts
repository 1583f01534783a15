import 'reflect-metadata';
import { loadConfig } from '@pmo/config';
import { migrateDatabase, openMigratedDataSource, TypeormOrganisationRepository } from '@pmo/persistence';
import { readRehearsalScript, rehearse } from '@pmo/orchestration';
import { DORSET_SAMPLE_PATH, readOrganisationSample } from '@pmo/reference-data';
import { mintLocalToken } from '@pmo/identity';
import { runDemo } from './demo';
import { importOrganisations, IMPORT_ORGANISATIONS_USAGE } from './import-organisations';
import { resumeProgrammes } from './resume-programmes';

const USAGE = `usage: node dist/apps/cli/src/main.js <command>
  migrate                         apply pending database migrations
  seed-organisations [file]       load an organisation sample (default: the synthetic Dorset sample)
  ${IMPORT_ORGANISATIONS_USAGE}
  rehearse <script.yaml>          rehearse a template with scripted updates on the time-skipping server
  resume-programmes               start every programme's workflow on the configured Temporal, after a move to it
  demo [--exit-after-email]       run the engine on the local stack with the sample programme
  token <email> [--hours N]       mint a bearer token for a person, signed by the local key (default 8 hours)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      const applied = await migrateDatabase(config.database);
      console.log(applied.length === 0 ? 'database schema is up to date' : `applied migrations: ${applied.join(', ')}`);
      return 0;
    }
    case 'seed-organisations': {
      const sample = readOrganisationSample(flags[0] ?? DORSET_SAMPLE_PATH);
      const dataSource = await openMigratedDataSource(config.database);
      try {
        await new TypeormOrganisationRepository(dataSource).upsert(sample);
      } finally {
        await dataSource.destroy();
      }
      console.log(`loaded ${sample.organisations.length} organisations and ${sample.populations.length} practice list sizes`);
      return 0;
    }
    case 'import-organisations':
      return importOrganisations(config, flags);
    case 'rehearse': {
      if (flags[0] === undefined) {
        console.error(USAGE);
        return 2;
      }
      const result = await rehearse(readRehearsalScript(flags[0]), {
        database: config.database,
        workflowBundlePath: config.temporal.workflowBundlePath,
        timeSkippingServerPath: config.temporal.timeSkippingServerPath,
      });
      console.log(`rehearsal of ${result.templateId} from ${result.startDate}; months in the template's calendar`);
      console.log('month    RAG    confidence   direction  milestones            trajectories  escalations');
      for (const month of result.months) {
        const milestones = Object.entries(month.milestones).map(([ref, status]) => `${ref}:${status[0]}`).join(' ');
        const trajectories = Object.entries(month.trajectories).map(([ref, status]) => `${ref}:${status}`).join(' ');
        console.log(`${month.templateMonth}  ${month.status.padEnd(6)} ${month.deliveryConfidence.padEnd(12)} ${month.direction.padEnd(10)} ${milestones}  ${trajectories}  ${month.escalations}`);
      }
      return 0;
    }
    case 'token': {
      const email = flags[0];
      const hours = flags.includes('--hours') ? Number(flags[flags.indexOf('--hours') + 1]) : 8;
      if (email === undefined || !/^[^@\s]+@[^@\s]+$/.test(email) || !Number.isInteger(hours) || hours < 1 || hours > 24 * 30) {
        console.error(`${USAGE}\n(token: an email address, and whole hours from 1 to 720)`);
        return 2;
      }
      if (config.auth.jwksUrl !== null) console.error(`note: PMO_AUTH_JWKS_URL is set, so the API takes tokens from ${config.auth.issuer}, not this one`);
      console.error(`a token for ${email.toLowerCase()}, valid ${hours} hours; what they may do is what they are granted (POST /access/grants, or PMO_ADMIN_EMAILS)`);
      console.log(await mintLocalToken(config.auth, email, hours * 3600));
      return 0;
    }
    case 'resume-programmes':
      return resumeProgrammes(config);
    case 'demo':
      return runDemo(config, { exitAfterEmail: flags.includes('--exit-after-email') });
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  },
);
