import { Context } from '@temporalio/activity';
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

/** Well inside the month-end workflows' heartbeat timeout (20 s); most activities finish before the first beat. */
const HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * Runs a month-end activity telling the server every few seconds that its worker is alive, so that one
 * whose worker died is tried again within the workflow's heartbeat timeout, not its start-to-close timeout.
 */
async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const beat = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
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
    listProgrammesForPeriod: (input) => heartbeating(() => dependencies.reports.programmesActiveIn(input.period)),
    makeHighlightReport: (input) => heartbeating(async () => kept(await failFastOnBadInput(() => dependencies.highlightReports.storeOnce(input.programmeId, input.period)))),
    makeCollatedReports: (input) => heartbeating(async () => kept(await failFastOnBadInput(() => dependencies.collatedReports.storeOnce(input.period)))),
    makeMonthlyReturn: (input) =>
      heartbeating(async () => {
        const { version, status, rowCount, sha256 } = await failFastOnBadInput(() => dependencies.monthlyReturns.storeFirstOnce(input.period));
        return { version, status, rowCount, sha256 };
      }),
    dutiesOn: async (input) => dependencies.cycleDuties.dutiesOn(input.day),
    remindMissingUpdates: (input) => heartbeating(() => dependencies.cycleDuties.remindMissingUpdates(input.period)),
    escalateMissingUpdates: (input) => heartbeating(() => dependencies.cycleDuties.escalateMissingUpdates(input.period)),
    remindReturnSignOff: (input) => heartbeating(() => dependencies.cycleDuties.remindReturnSignOff(input.period)),
    escalateReturnSignOff: (input) => heartbeating(() => dependencies.cycleDuties.escalateReturnSignOff(input.period)),
    escalateRedProgrammes: (input) => heartbeating(() => dependencies.cycleDuties.escalateRedProgrammes(input.period)),
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
