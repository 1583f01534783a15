import { ApplicationFailure } from '@temporalio/common';
import { ApplicationError, ApplicationErrorCode } from '@pmo/application';
import type {
  AssessPhaseUseCase,
  CycleDutiesService,
  EscalationLadderUseCases,
  EvaluateProgrammeUseCase,
  ListPhasesUseCase,
  RaiseEscalationUseCase,
  RecordMilestoneCompletionUseCase,
  RecordMilestoneConfirmationUseCase,
  ReportRepository,
  StoredReport,
  WarnMilestoneOwnerUseCase,
} from '@pmo/application';
import { UPDATE_REFUSALS } from '@pmo/contracts';
import type { CollatedReportsService, HighlightReportService, MonthlyReturnService } from '@pmo/reporting';
import type { KeptReport, ProgrammeActivities } from '@pmo/contracts';

export interface ProgrammeActivityDependencies {
  evaluateProgramme: EvaluateProgrammeUseCase;
  raiseEscalation: RaiseEscalationUseCase;
  recordMilestoneCompletion: RecordMilestoneCompletionUseCase;
  recordMilestoneConfirmation: RecordMilestoneConfirmationUseCase;
  listPhases: ListPhasesUseCase;
  assessPhase: AssessPhaseUseCase;
  reports: ReportRepository;
  highlightReports: HighlightReportService;
  collatedReports: CollatedReportsService;
  monthlyReturns: MonthlyReturnService;
  cycleDuties: CycleDutiesService;
  escalationLadders: EscalationLadderUseCases;
  warnMilestoneOwner: WarnMilestoneOwnerUseCase;
}

const kept = (reports: StoredReport[]): KeptReport[] => reports.map(({ id, kind, format, sha256 }) => ({ reportId: id, kind, format, sha256 }));

/** The programme workflow's activities, as a factory over the use cases they hand off to. */
export function createProgrammeActivities(dependencies: ProgrammeActivityDependencies): ProgrammeActivities {
  return {
    evaluateProgramme: (input) => failFastOnBadInput(() => dependencies.evaluateProgramme.execute(input)),
    raiseEscalation: async (input) => {
      await failFastOnBadInput(() => dependencies.raiseEscalation.execute(input));
    },
    recordMilestoneCompletion: (input) => failFastOnBadInput(() => dependencies.recordMilestoneCompletion.execute(input)),
    recordMilestoneConfirmation: (input) => failFastOnBadInput(() => dependencies.recordMilestoneConfirmation.execute(input)),
    listPhases: (input) => failFastOnBadInput(() => dependencies.listPhases.execute(input.programmeId)),
    assessPhase: (input) => failFastOnBadInput(() => dependencies.assessPhase.execute(input)),
    listProgrammesForPeriod: (input) => dependencies.reports.programmesActiveIn(input.period),
    makeHighlightReport: async (input) => kept(await failFastOnBadInput(() => dependencies.highlightReports.storeOnce(input.programmeId, input.period))),
    makeCollatedReports: async (input) => kept(await failFastOnBadInput(() => dependencies.collatedReports.storeOnce(input.period))),
    makeMonthlyReturn: async (input) => {
      const { version, status, rowCount, sha256 } = await failFastOnBadInput(() => dependencies.monthlyReturns.storeFirstOnce(input.period));
      return { version, status, rowCount, sha256 };
    },
    dutiesOn: async (input) => dependencies.cycleDuties.dutiesOn(input.day),
    remindMissingUpdates: (input) => dependencies.cycleDuties.remindMissingUpdates(input.period),
    escalateMissingUpdates: (input) => dependencies.cycleDuties.escalateMissingUpdates(input.period),
    remindReturnSignOff: (input) => dependencies.cycleDuties.remindReturnSignOff(input.period),
    escalateReturnSignOff: (input) => dependencies.cycleDuties.escalateReturnSignOff(input.period),
    escalateRedProgrammes: (input) => dependencies.cycleDuties.escalateRedProgrammes(input.period),
    planEscalationLadder: (input) => failFastOnBadInput(() => dependencies.escalationLadders.plan(input)),
    escalationCauseOpen: (input) => failFastOnBadInput(() => dependencies.escalationLadders.causeOpen(input)),
    warnMilestoneOwner: async (input) => {
      await failFastOnBadInput(() => dependencies.warnMilestoneOwner.execute(input));
    },
  };
}

/** Refusals the workflow passes on to whoever sent the update, typed as its validator types them. */
const REFUSAL_BY_CODE: Partial<Record<ApplicationErrorCode, string>> = {
  [ApplicationErrorCode.NotFound]: UPDATE_REFUSALS.notFound,
  [ApplicationErrorCode.ValidationFailed]: UPDATE_REFUSALS.unprocessable,
  [ApplicationErrorCode.Unprocessable]: UPDATE_REFUSALS.unprocessable,
  [ApplicationErrorCode.Conflict]: UPDATE_REFUSALS.conflict,
};

/** A missing record or bad input will not mend itself: fail the activity for good instead of retrying. */
async function failFastOnBadInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const refusal = error instanceof ApplicationError ? REFUSAL_BY_CODE[error.code] : undefined;
    if (refusal !== undefined) throw ApplicationFailure.create({ type: refusal, message: (error as Error).message, nonRetryable: true });
    throw error;
  }
}
