export { createDataSource, migrateDatabase, openMigratedDataSource, PendingMigrationsError } from './data-source';
export { PersistenceModule } from './persistence.module';
