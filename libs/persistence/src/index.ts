export { createDataSource, migrateDatabase, openMigratedDataSource, PendingMigrationsError } from './data-source';
export { PersistenceModule } from './persistence.module';
export { TypeormOrganisationImportRepository } from './repositories/typeorm-organisation-import.repository';
export { TypeormOrganisationRepository } from './repositories/typeorm-organisation.repository';
export { createScratchDatabase, dropLeftBehind } from './scratch-database';
export type { ScratchDatabase } from './scratch-database';
