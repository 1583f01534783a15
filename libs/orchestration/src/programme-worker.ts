import { existsSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import {
  AssessPhaseUseCase,
  CycleDutiesService,
  EscalationLadderUseCases,
  EvaluateProgrammeUseCase,
  ListPhasesUseCase,
  ProgrammeStatusService,
  RaiseEscalationUseCase,
  RecordMilestoneCompletionUseCase,
  RecordMilestoneConfirmationUseCase,
  ReportRepository,
  WarnMilestoneOwnerUseCase,
} from '@pmo/application';
import { CollatedReportsService, HighlightReportService, MonthlyReturnService } from '@pmo/reporting';
import { PROGRAMME_TASK_QUEUE } from '@pmo/contracts';
import type { ProgrammeActivities } from '@pmo/contracts';
import { requestIdActivityInterceptors } from './request-id.interceptors';
import { createProgrammeActivities } from './programme.activities';

export interface ProgrammeWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  workflowBundlePath: string;
  activities: ProgrammeActivities;
  /** Unset, the SDK's default. */
  maxCachedWorkflows?: number;
}

/** The providers the activities hand off to: a module that runs a worker provides all of them. */
export const ACTIVITY_PROVIDERS = [
  ProgrammeStatusService,
  EvaluateProgrammeUseCase,
  RaiseEscalationUseCase,
  RecordMilestoneCompletionUseCase,
  RecordMilestoneConfirmationUseCase,
  ListPhasesUseCase,
  AssessPhaseUseCase,
  HighlightReportService,
  CollatedReportsService,
  MonthlyReturnService,
  CycleDutiesService,
  EscalationLadderUseCases,
  WarnMilestoneOwnerUseCase,
];

/** The activities over the use cases of a booted WorkerModule. */
export function programmeActivitiesOf(context: INestApplicationContext): ProgrammeActivities {
  return createProgrammeActivities({
    evaluateProgramme: context.get(EvaluateProgrammeUseCase),
    raiseEscalation: context.get(RaiseEscalationUseCase),
    recordMilestoneCompletion: context.get(RecordMilestoneCompletionUseCase),
    recordMilestoneConfirmation: context.get(RecordMilestoneConfirmationUseCase),
    listPhases: context.get(ListPhasesUseCase),
    assessPhase: context.get(AssessPhaseUseCase),
    reports: context.get(ReportRepository),
    highlightReports: context.get(HighlightReportService),
    collatedReports: context.get(CollatedReportsService),
    monthlyReturns: context.get(MonthlyReturnService),
    cycleDuties: context.get(CycleDutiesService),
    escalationLadders: context.get(EscalationLadderUseCases),
    warnMilestoneOwner: context.get(WarnMilestoneOwnerUseCase),
  });
}

/** The worker for programme workflows, on the prebuilt workflow bundle. */
export async function createProgrammeWorker(options: ProgrammeWorkerOptions): Promise<Worker> {
  if (!existsSync(options.workflowBundlePath)) {
    throw new Error(`workflow bundle not found at ${options.workflowBundlePath}: run \`npm run build\` first`);
  }
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: PROGRAMME_TASK_QUEUE,
    workflowBundle: { codePath: options.workflowBundlePath },
    activities: options.activities,
    interceptors: { activity: [requestIdActivityInterceptors] },
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
  });
}
