import { DynamicModule, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { TokenVerifier } from '@pmo/identity';
import { loggingModule } from '@pmo/logging';
import {
  AccessAdministrationUseCases,
  AccessSettings,
  AcknowledgementLinks,
  BankHolidays,
  Clock,
  CompleteMilestoneUseCase,
  ConfirmMilestoneUseCase,
  ContactPreferencesUseCases,
  CreateProgrammeUseCase,
  EscalationLadderUseCases,
  EscalationUseCases,
  ExportProgrammeWorkbookUseCase,
  GetMonthlyReturnUseCase,
  GetProgrammePlanUseCase,
  GetProgrammeUseCase,
  GetTrajectoryProgressUseCase,
  ImportProgrammeWorkbookUseCase,
  GetOrganisationUseCase,
  OrganisationImportUseCases,
  RunMonthEndUseCase,
  ChangeEndDateUseCase,
  ProgrammeClosureUseCases,
  InstantiateTemplateUseCase,
  LinkSettings,
  MonthEndSchedule,
  MonthEndScheduleUseCases,
  MonthEndSettings,
  Principals,
  ProgrammeAuditUseCase,
  ProgrammeScheduler,
  ProgrammeStatusService,
  ProgrammeTemplates,
  RebaselineMilestoneUseCase,
  AssessPhaseUseCase,
  RecordGoLiveUseCase,
  ReforecastMilestoneUseCase,
  ListProgrammesUseCase,
  RaidAndFundingUseCases,
  MilestoneUseCases,
  ChangeProgrammeDetailsUseCase,
  RecordSpendUseCase,
  RecordTrajectoryActualsUseCase,
  ResourceScopes,
  SaveMonthlyUpdateUseCase,
  SetConfidenceOverrideUseCase,
  SignOffMonthlyReturnUseCase,
  SystemClock,
} from '@pmo/application';
import type { AuthConfig, EngineConfig } from '@pmo/config';
import { PersistenceModule } from '@pmo/persistence';
import { PackagedBankHolidays, YamlProgrammeTemplates } from '@pmo/reference-data';
import { HighlightReportService, MonthlyReturnService, PdfRenderer } from '@pmo/reporting';
import { CatalogueController } from './catalogue.controller';
import { OrganisationImportsController } from './organisation-imports.controller';
import { OrganisationPagesController } from './web/organisation-pages.controller';
import { PlanFormsController } from './web/plan-forms.controller';
import { NewProgrammePagesController } from './web/new-programme-pages.controller';
import { SpreadsheetPagesController } from './web/spreadsheet-pages.controller';
import { RaidPagesController } from './web/raid-pages.controller';
import { FundingPagesController } from './web/funding-pages.controller';
import { MonthEndPagesController } from './web/month-end-pages.controller';
import { AccessPagesController } from './web/access-pages.controller';
import { PhasePagesController } from './web/phase-pages.controller';
import { MilestonePlanPagesController } from './web/milestone-plan-pages.controller';
import { DeliveryPagesController } from './web/delivery-pages.controller';
import { ContactsController } from './contacts.controller';
import { EscalationsController } from './escalations.controller';
import { AccessController } from './access/access.controller';
import { AccessGuard } from './access/access.guard';
import { AuditController } from './audit/audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { HealthController } from './health.controller';
import { ReadinessProbes } from './readiness';
import { HighlightReportsController } from './highlight-reports.controller';
import { MonthEndScheduleController } from './month-end-schedule.controller';
import { MonthlyReturnsController } from './monthly-returns.controller';
import { NulCharacterGuard } from './nul-characters';
import { ReportsController } from './reports.controller';
import { RateLimitWindows } from './rate-limits';
import { ProblemDetailsFilter } from './problem-details.filter';
import { ProgrammePlansController } from './programme-plans.controller';
import { ProgrammeWorkbooksController } from './programme-workbooks.controller';
import { ProgrammesController } from './programmes.controller';
import { ENGINE_CONFIG, RehearsalsController } from './rehearsals.controller';
import { MilestoneFormsController } from './web/milestone-forms.controller';
import { ProgrammePagesController } from './web/programme-pages.controller';
import { ProgressFormsController } from './web/progress-forms.controller';
import { ReportPagesController } from './web/report-pages.controller';
import { SignInController } from './web/sign-in.controller';
import { WebViews } from './web/web-views';
import { connectTemporalClient, monthEndSettingsOf, requestIdClientInterceptor, TemporalMonthEndSchedule, TemporalProgrammeScheduler } from '@pmo/orchestration';

class TemporalConnection implements OnApplicationShutdown {
  constructor(readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** The identity provider's keys, or the local stack's key, said so at boot. */
async function tokenVerifier(auth: AuthConfig): Promise<TokenVerifier> {
  if (auth.jwksUrl === null) new Logger('AccessGuard').warn(`bearer tokens are checked against the local signing key in ${auth.localKeyFile}: set PMO_AUTH_JWKS_URL for your identity provider`);
  return TokenVerifier.create(auth);
}

@Module({})
export class ApiModule {
  static forRoot(config: EngineConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PersistenceModule.forRoot(config.database),
        TerminusModule.forRoot({ logger: false }),
        loggingModule('api', config.logLevel),
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.api.rateLimitPerMinute }], storage: new RateLimitWindows() }),
      ],
      controllers: [
        ProgrammesController,
        ProgrammePlansController,
        ProgrammeWorkbooksController,
        HighlightReportsController,
        ReportsController,
        MonthlyReturnsController,
        MonthEndScheduleController,
        ContactsController,
        EscalationsController,
        CatalogueController,
        OrganisationImportsController,
        OrganisationPagesController,
        PlanFormsController,
        NewProgrammePagesController,
        SpreadsheetPagesController,
        RaidPagesController,
        FundingPagesController,
        MonthEndPagesController,
        AccessPagesController,
        PhasePagesController,
        MilestonePlanPagesController,
        DeliveryPagesController,
        RehearsalsController,
        HealthController,
        AccessController,
        AuditController,
        SignInController,
        ProgrammePagesController,
        MilestoneFormsController,
        ProgressFormsController,
        ReportPagesController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Text the database cannot hold is refused before the access guard looks anything up with it.
        { provide: APP_GUARD, useClass: NulCharacterGuard },
        // Who is asking comes next: a request refused for its credentials costs no rate-limit slot.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        ProgrammeAuditUseCase,
        WebViews,
        { provide: TokenVerifier, useFactory: () => tokenVerifier(config.auth) },
        { provide: AccessSettings, useValue: new AccessSettings(config.auth.adminEmails) },
        Principals,
        ResourceScopes,
        AccessAdministrationUseCases,
        { provide: ENGINE_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
        {
          provide: TemporalConnection,
          useFactory: async () => new TemporalConnection(await connectTemporalClient(config.temporal)),
        },
        {
          provide: Client,
          useFactory: (temporal: TemporalConnection) =>
            new Client({ connection: temporal.connection, namespace: config.temporal.namespace, interceptors: { workflow: [requestIdClientInterceptor] } }),
          inject: [TemporalConnection],
        },
        {
          provide: ReadinessProbes,
          useFactory: (indicators: HealthIndicatorService, dataSource: DataSource, temporal: TemporalConnection) =>
            new ReadinessProbes(indicators, dataSource, temporal.connection, config.redis),
          inject: [HealthIndicatorService, DataSource, TemporalConnection],
        },
        { provide: ProgrammeScheduler, useFactory: (client: Client) => new TemporalProgrammeScheduler(client), inject: [Client] },
        { provide: MonthEndSchedule, useFactory: (client: Client) => new TemporalMonthEndSchedule(client, config.monthEnd), inject: [Client] },
        MonthEndScheduleUseCases,
        ContactPreferencesUseCases,
        EscalationLadderUseCases,
        EscalationUseCases,
        AcknowledgementLinks,
        { provide: LinkSettings, useValue: { publicUrl: config.delivery.publicUrl, signingSecret: config.delivery.linkSigningSecret } },
        // Read and checked once, at boot: a bad template stops the API from starting.
        { provide: ProgrammeTemplates, useFactory: () => new YamlProgrammeTemplates() },
        { provide: BankHolidays, useFactory: () => new PackagedBankHolidays() },
        { provide: MonthEndSettings, useValue: monthEndSettingsOf(config.monthEnd) },
        ProgrammeStatusService,
        HighlightReportService,
        MonthlyReturnService,
        GetMonthlyReturnUseCase,
        SignOffMonthlyReturnUseCase,
        { provide: PdfRenderer, useFactory: () => new PdfRenderer(config.pdf) },
        ConfirmMilestoneUseCase,
        SetConfidenceOverrideUseCase,
        RecordGoLiveUseCase,
        AssessPhaseUseCase,
        CreateProgrammeUseCase,
        GetProgrammeUseCase,
        CompleteMilestoneUseCase,
        InstantiateTemplateUseCase,
        GetProgrammePlanUseCase,
        RebaselineMilestoneUseCase,
        ReforecastMilestoneUseCase,
        ListProgrammesUseCase,
        RecordTrajectoryActualsUseCase,
        GetTrajectoryProgressUseCase,
        SaveMonthlyUpdateUseCase,
        RecordSpendUseCase,
        RaidAndFundingUseCases,
        MilestoneUseCases,
        ChangeProgrammeDetailsUseCase,
        ExportProgrammeWorkbookUseCase,
        ImportProgrammeWorkbookUseCase,
        GetOrganisationUseCase,
        OrganisationImportUseCases,
        RunMonthEndUseCase,
        ChangeEndDateUseCase,
        ProgrammeClosureUseCases,
      ],
    };
  }
}
