export { createDataSource, migrateDatabase, openMigratedDataSource, PendingMigrationsError } from './data-source';
export { PersistenceModule } from './persistence.module';
export { TypeormOrganisationRepository } from './repositories/typeorm-organisation.repository';
export { createScratchDatabase, dropLeftBehind } from './scratch-database';
export type { ScratchDatabase } from './scratch-database';
