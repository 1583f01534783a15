import 'reflect-metadata';
import { loadConfig } from '@pmo/config';
import { migrateDatabase, openMigratedDataSource, TypeormOrganisationRepository } from '@pmo/persistence';
import { DORSET_SAMPLE_PATH, readOrganisationSample } from '@pmo/reference-data';
import { runDemo } from './demo';

const USAGE = `usage: node dist/apps/cli/src/main.js <command>
  migrate                         apply pending database migrations
  seed-organisations [file]       load an organisation sample (default: the synthetic Dorset sample)
  demo [--exit-after-email]       run the engine on the local stack with the sample programme`;

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
        await new TypeormOrganisationRepository(dataSource).upsert(sample.organisations, sample.populations);
      } finally {
        await dataSource.destroy();
      }
      console.log(`loaded ${sample.organisations.length} organisations and ${sample.populations.length} practice list sizes`);
      return 0;
    }
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
