import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessRepository, AuditTrail, ContactDirectory, DeliveryLog, DigestStore, EscalationRepository, MonthlyReturnRepository, NotificationRepository, OrganisationImportRepository, OrganisationRepository, ProgrammeRepository, ReportRepository } from '@pmo/application';
import type { DatabaseConfig } from '@pmo/config';
import { openMigratedDataSource } from './data-source';
import { TypeormAccessRepository } from './repositories/typeorm-access.repository';
import { TypeormAuditTrail } from './repositories/typeorm-audit-trail';
import { TypeormContactDirectory, TypeormDeliveryLog, TypeormDigestStore } from './repositories/typeorm-delivery-log.repository';
import { TypeormEscalationRepository } from './repositories/typeorm-escalation.repository';
import { TypeormMonthlyReturnRepository } from './repositories/typeorm-monthly-return.repository';
import { TypeormNotificationRepository } from './repositories/typeorm-notification.repository';
import { TypeormOrganisationImportRepository } from './repositories/typeorm-organisation-import.repository';
import { TypeormOrganisationRepository } from './repositories/typeorm-organisation.repository';
import { TypeormProgrammeRepository } from './repositories/typeorm-programme.repository';
import { TypeormReportRepository } from './repositories/typeorm-report.repository';

/** The record in PostgreSQL behind the application's repository ports; boot fails on pending migrations. */
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(config: DatabaseConfig): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        { provide: DataSource, useFactory: () => openMigratedDataSource(config) },
        { provide: ProgrammeRepository, useClass: TypeormProgrammeRepository },
        { provide: EscalationRepository, useClass: TypeormEscalationRepository },
        { provide: OrganisationRepository, useClass: TypeormOrganisationRepository },
        { provide: OrganisationImportRepository, useClass: TypeormOrganisationImportRepository },
        { provide: ReportRepository, useClass: TypeormReportRepository },
        { provide: MonthlyReturnRepository, useClass: TypeormMonthlyReturnRepository },
        { provide: NotificationRepository, useClass: TypeormNotificationRepository },
        { provide: DeliveryLog, useClass: TypeormDeliveryLog },
        { provide: ContactDirectory, useClass: TypeormContactDirectory },
        { provide: DigestStore, useClass: TypeormDigestStore },
        { provide: AccessRepository, useClass: TypeormAccessRepository },
        { provide: AuditTrail, useClass: TypeormAuditTrail },
      ],
      exports: [DataSource, AccessRepository, AuditTrail, ProgrammeRepository, EscalationRepository, OrganisationRepository, OrganisationImportRepository, ReportRepository, MonthlyReturnRepository, NotificationRepository, DeliveryLog, ContactDirectory, DigestStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
