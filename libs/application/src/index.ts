export { ApplicationError, ApplicationErrorCode } from './application.error';
export type { FieldProblem } from './application.error';
export { Clock, SystemClock } from './ports/clock';
export { EscalationQueue } from './ports/escalation.queue';
export { EscalationRepository } from './ports/escalation.repository';
export type { EscalationForDelivery, EscalationToRecord } from './ports/escalation.repository';
export { Mailer } from './ports/mailer';
export type { EmailMessage } from './ports/mailer';
export { ProgrammeRepository } from './ports/programme.repository';
export type {
  CompleteMilestoneOutcome,
  DeliveryStatus,
  EscalationRow,
  MilestoneRow,
  NewProgramme,
  ProgrammeRecord,
} from './ports/programme.repository';
export { ProgrammeScheduler } from './ports/programme.scheduler';
export type { MilestoneView, ProgrammeView } from './programme-view';
export { CreateProgrammeCommand } from './create-programme/create-programme.command';
export { CreateProgrammeUseCase } from './create-programme/create-programme.usecase';
export { CompleteMilestoneCommand } from './complete-milestone/complete-milestone.command';
export { CompleteMilestoneUseCase } from './complete-milestone/complete-milestone.usecase';
export { GetProgrammeQuery } from './get-programme/get-programme.query';
export { GetProgrammeUseCase } from './get-programme/get-programme.usecase';
export { EvaluateProgrammeUseCase } from './evaluate-programme/evaluate-programme.usecase';
export { RaiseEscalationUseCase } from './raise-escalation/raise-escalation.usecase';
export { DeliverEscalationEmailUseCase } from './deliver-escalation-email/deliver-escalation-email.usecase';
export type { DeliveryOutcome } from './deliver-escalation-email/deliver-escalation-email.usecase';
