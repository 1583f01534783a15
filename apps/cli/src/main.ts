import 'reflect-metadata';
import { loadConfig } from '@pmo/config';
import { migrateDatabase } from '@pmo/persistence';
import { runDemo } from './demo';

const USAGE = `usage: node dist/apps/cli/src/main.js <command>
  migrate                         apply pending database migrations
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
