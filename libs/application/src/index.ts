export { ApplicationError, ApplicationErrorCode } from './application.error';
export type { FieldProblem } from './application.error';
export { Clock, SystemClock } from './ports/clock';
export { EscalationQueue } from './ports/escalation.queue';
export { EscalationRepository } from './ports/escalation.repository';
export type { EscalationForDelivery, EscalationToRecord } from './ports/escalation.repository';
export type { EmailMessage } from './ports/mailer';
export { ProgrammeRepository } from './ports/programme.repository';
export type {
  BaselineRecord,
  CompleteMilestoneOutcome,
  DeliveryStatus,
  EscalationRow,
  MilestoneChange,
  MilestoneInProgramme,
  MilestoneRow,
  PlanChanges,
  ProgrammeClosure,
  ProgrammeDetails,
  PlanMilestone,
  PlanFundingLine,
  PlanRaidItem,
  PlanTrajectory,
  ProgrammeHead,
  ProgrammePlanRecord,
  ProgrammeRecord,
  RebaselineOutcome,
  ReforecastOutcome,
  ProgrammeSummary,
} from './ports/programme.repository';
export { OrganisationRepository } from './ports/organisation.repository';
export type { Organisation, OrganisationKind, OrganisationWrite, PopulationRecord, PracticeListing } from './ports/organisation.repository';
export { ProgrammeTemplates } from './ports/programme-templates';
export type { ProgrammeTemplate, ProgrammeTemplateSummary } from './ports/programme-templates';
export {
  daySchema,
  fundingLineDefinitionSchema,
  GPFV_AREAS,
  MILESTONE_KINDS,
  milestoneDefinitionSchema,
  monthSchema,
  odsCodeSchema,
  programmePlanSchema,
  RAID_TYPES,
  raidDefinitionSchema,
  refSchema,
} from './programme-definition/programme-definition.schema';
export type {
  FundingLineDefinition,
  GpfvArea,
  MilestoneDefinition,
  ProgrammePlan,
  RaidDefinition,
  Tolerances,
  TrajectoryDefinition,
} from './programme-definition/programme-definition.schema';
export { newProgramme } from './programme-definition/new-programme';
export type { NewMilestone, NewProgramme, ProgrammePeople } from './programme-definition/new-programme';
export { ProgrammeScheduler } from './ports/programme.scheduler';
export type { MilestoneView, ProgrammeView, TrajectoryView } from './programme-view';
export { ProgrammeStatusService } from './programme-status/programme-status.service';
export type { TrajectoryMonthFigures } from './programme-status/programme-status.service';
export { BankHolidays } from './ports/bank-holidays';
export { CreateProgrammeCommand, createProgrammeSchema } from './create-programme/create-programme.command';
export { CreateProgrammeUseCase } from './create-programme/create-programme.usecase';
export { CompleteMilestoneCommand, completeMilestoneSchema } from './complete-milestone/complete-milestone.command';
export { CompleteMilestoneUseCase } from './complete-milestone/complete-milestone.usecase';
export { RecordMilestoneCompletionUseCase, RecordMilestoneConfirmationUseCase } from './complete-milestone/record-milestone-completion.usecase';
export { GetProgrammeQuery } from './get-programme/get-programme.query';
export { GetProgrammeUseCase } from './get-programme/get-programme.usecase';
export { EvaluateProgrammeUseCase } from './evaluate-programme/evaluate-programme.usecase';
export { RaiseEscalationUseCase } from './raise-escalation/raise-escalation.usecase';
export { DeliverEscalationEmailUseCase } from './deliver-escalation-email/deliver-escalation-email.usecase';
export type { DeliveryOutcome } from './deliver-escalation-email/deliver-escalation-email.usecase';
export { InstantiateTemplateCommand, instantiateTemplateSchema } from './instantiate-template/instantiate-template.command';
export { InstantiateTemplateUseCase } from './instantiate-template/instantiate-template.usecase';
export { shiftPlan } from './instantiate-template/shift-plan';
export {
  confidenceOverrideSchema,
  ConfirmMilestoneUseCase,
  GetProgrammePlanUseCase,
  GetTrajectoryProgressUseCase,
  SetConfidenceOverrideUseCase,
  RebaselineMilestoneUseCase,
  monthlyUpdateSchema,
  rebaselineSchema,
  RecordSpendUseCase,
  reforecastSchema,
  ReforecastMilestoneUseCase,
  RecordTrajectoryActualsUseCase,
  SaveMonthlyUpdateUseCase,
  spendSchema,
  trajectoryActualsSchema,
} from './programme-plan/programme-plan.usecases';
export type { TrajectoryMonth, TrajectoryProgress } from './programme-plan/programme-plan.usecases';
export {
  ExportProgrammeWorkbookUseCase,
  ImportProgrammeWorkbookUseCase,
  SHEET_SLUGS,
  sheetFromSlug,
  toWorkbook,
} from './programme-workbook/programme-workbook.usecases';
export type { ImportSummary } from './programme-workbook/programme-workbook.usecases';
export { isUuid, parseOrThrow } from './validation';
export { AssessPhaseUseCase, goLiveSchema, ListPhasesUseCase, RecordGoLiveUseCase } from './programme-plan/phase-rollout.usecases';
export type { PhaseRollout } from './programme-plan/phase-rollout.usecases';
export { ReportRepository } from './ports/report.repository';
export type { NewReport, ProgrammeContacts, ReportFormat, ReportKind, StoredReport } from './ports/report.repository';
export { MonthlyReturnRepository } from './ports/monthly-return.repository';
export type { ReturnFiles, ReturnFormat, StoredReturn } from './ports/monthly-return.repository';
export { MonthEndSettings } from './month-end/month-end-settings';
export { GetMonthlyReturnUseCase, SignOffMonthlyReturnUseCase, signOffSchema } from './month-end/monthly-return.usecases';
export type { MonthlyReturnView } from './month-end/monthly-return.usecases';
export { NotificationQueue, NotificationRepository } from './ports/notification.repository';
export type { NewNotification, NotificationForDelivery, NotificationKind } from './ports/notification.repository';
export { CycleDutiesService } from './month-end/cycle-duties.service';
export { DeliverNotificationEmailUseCase } from './month-end/deliver-notification-email.usecase';
export { MonthEndSchedule, MonthEndScheduleMissing } from './ports/month-end.schedule';
export type { MonthEndScheduleState } from './ports/month-end.schedule';
export { MonthEndScheduleUseCases, scheduleNoteSchema } from './month-end/month-end-schedule.usecases';
export type { MonthEndScheduleView } from './month-end/month-end-schedule.usecases';
export { Courier, DeliveryFailed } from './ports/courier';
export type { Channel, Route } from './ports/courier';
export { ContactDirectory, DeadLetters, DeliveryLog, DigestStore } from './ports/delivery-log';
export type { AttemptOutcome, ContactPreference, DeliveryAttempt, DigestItem, EarlierTries } from './ports/delivery-log';
export { DigestService } from './delivery/digest.service';
export { DeliveryService, DeliverySettings } from './delivery/delivery.service';
export { ContactPreferencesUseCases, contactPreferenceSchema } from './delivery/contact-preferences.usecases';
export { EscalationLadderUseCases, escalationLadderSchema } from './raise-escalation/escalation-ladder.usecases';
export { AcknowledgementLinks, LinkSettings } from './raise-escalation/acknowledgement-links';
export { acknowledgeSchema, EscalationUseCases, snoozeSchema } from './raise-escalation/escalation.usecases';
export { WarnMilestoneOwnerUseCase } from './raise-escalation/warn-milestone-owner.usecase';
export { forEachProgramme } from './plans-in-batches';
export { ListProgrammesUseCase, PORTFOLIO_PAGE_SIZE, PORTFOLIO_SORTS, portfolioFilterSchema } from './portfolio/list-programmes.usecase';
export type { PortfolioEntry, PortfolioFilter, PortfolioPage, PortfolioSort } from './portfolio/list-programmes.usecase';
export { EVERY_ORGANISATION, mayEver, organisationsWhere, permits, ROLES } from './access/access-policy';
export type { Action, Grant, Principal, ResourceScope, Role } from './access/access-policy';
export { AccessSettings, Principals } from './access/principals';
export { AccessAdministrationUseCases, apiKeySchema, grantSchema } from './access/access-administration.usecases';
export { ResourceScopes } from './access/resource-scopes';
export { AccessRepository } from './ports/access.repository';
export type { ApiKeyRecord, GrantRecord } from './ports/access.repository';
export { AuditTrail } from './ports/audit-trail';
export type { AuditEvent, NewAuditEvent } from './ports/audit-trail';
export { ProgrammeAuditUseCase } from './audit/programme-audit.usecase';
export { ResumeProgrammesUseCase } from './resume-programmes/resume-programmes.usecase';
export { OrganisationImportUseCases } from './organisations/organisation-imports.usecases';
export type { ImportOrganisationsCommand, OrganisationImportView } from './organisations/organisation-imports.usecases';
export { OrganisationImportRepository } from './ports/organisation-import.repository';
export type { ImportConfirmation, StagedOrganisationImport } from './ports/organisation-import.repository';
export type { OrganisationChange, OrganisationImportReport, PublishedOrganisationFiles } from './organisations/organisation-import';
export type { NamedFile } from './organisations/published-files';
export { GetOrganisationUseCase } from './organisations/get-organisation.usecase';
export type { OrganisationView } from './organisations/get-organisation.usecase';
export { RunMonthEndUseCase } from './month-end/run-month-end.usecase';
export { ChangeEndDateUseCase, endDateChangeSchema } from './programme-plan/change-end-date.usecase';
export { archiveProgrammeSchema, closeProgrammeSchema, ProgrammeClosureUseCases, reopenProgrammeSchema } from './programme-plan/programme-closure.usecases';
export { RaidAndFundingUseCases, raidLog } from './programme-plan/raid-and-funding.usecases';
export { milestoneSlip } from './programme-status/milestone-slip';
export type { MilestoneSlip } from './programme-status/milestone-slip';
export { ChangeProgrammeDetailsUseCase, programmeDetailsSchema, ROLL_UPS } from './programme-plan/programme-details.usecase';
export { milestoneChangeSchema, MilestoneUseCases } from './programme-plan/milestone.usecases';
