import { Logger } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  ApplicationError,
  ApplicationErrorCode,
  CompleteMilestoneCommand,
  CompleteMilestoneUseCase,
  ConfirmMilestoneUseCase,
  InstantiateTemplateCommand,
  InstantiateTemplateUseCase,
  OrganisationRepository,
  ProgrammeRepository,
  ProgrammeStatusService,
  ProgrammeTemplates,
  RecordTrajectoryActualsUseCase,
} from '@pmo/application';
import type { ProgrammePlanRecord } from '@pmo/application';
import type { DatabaseConfig } from '@pmo/config';
import { addDays, addMonths, daysBetween, endOfLondonDay, lastDayOfMonth, monthsBetween, startOfLondonDay } from '@pmo/domain';
import type { DeliveryConfidence, DirectionOfTravel, MilestoneStatus, RagStatus } from '@pmo/domain';
import { createScratchDatabase, dropLeftBehind } from '@pmo/persistence';
import { readOrganisationSample } from '@pmo/reference-data';
import { createProgrammeWorker, programmeActivitiesOf } from '../programme-worker';
import { RehearsalClock, RehearsalModule } from './rehearsal.module';
import type { RehearsalScript, RehearsalUpdate } from './rehearsal-script';

/** Scripted updates land at ten in the morning, London time, as a programme manager would make them. */
const UPDATE_HOUR_MS = 10 * 3_600_000;

export interface RehearsalMonth {
  /** The month in the template's own calendar, so that rehearsals of one plan compare whatever their start. */
  templateMonth: string;
  status: RagStatus;
  deliveryConfidence: DeliveryConfidence;
  direction: DirectionOfTravel;
  milestones: Record<string, MilestoneStatus>;
  trajectories: Record<string, RagStatus | 'Pending'>;
  /** Escalations the programme's workflow had raised by the end of the month. */
  escalations: number;
}

export interface RehearsalResult {
  templateId: string;
  startDate: string;
  months: RehearsalMonth[];
}

export interface RehearsalOptions {
  database: DatabaseConfig;
  workflowBundlePath: string;
  timeSkippingServerPath: string;
}

/**
 * Rehearses a plan: the template instantiated on a scratch database, the production programme workflow
 * and activities running on the time-skipping server, the script's updates made through the production
 * use cases on their days, and the programme's status taken at each month's end.
 */
export async function rehearse(script: RehearsalScript, options: RehearsalOptions): Promise<RehearsalResult> {
  // The scratch database is the apps' role's own: it creates, owns and migrates it, and drops it after. A
  // rehearsal killed before then leaves one behind, which a later rehearsal drops. Failing to drop one costs
  // disk, never a rehearsal's answer.
  const logger = new Logger('Rehearsal');
  const dropped = await dropLeftBehind('pmo_rehearsal', options.database.url).catch((error: Error) => {
    logger.warn(`scratch databases left behind by stopped rehearsals were not dropped: ${error.message}`);
    return [];
  });
  for (const name of dropped) logger.log(`dropped scratch database ${name}, left behind by a rehearsal that was stopped`);
  const scratch = await createScratchDatabase('pmo_rehearsal', options.database.url, { ...options.database, migrationUrl: options.database.url });
  const environment = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: options.timeSkippingServerPath } },
  });
  const clock = new RehearsalClock();
  let context: INestApplicationContext | undefined;
  try {
    context = await NestFactory.createApplicationContext(RehearsalModule.forRoot(scratch, environment.client, clock), { logger: ['error', 'warn'] });
    const sample = readOrganisationSample();
    await context.get(OrganisationRepository).upsert(sample);
    const worker = await createProgrammeWorker({
      connection: environment.nativeConnection,
      namespace: environment.namespace ?? 'default',
      workflowBundlePath: options.workflowBundlePath,
      activities: programmeActivitiesOf(context),
    });
    const app = context;
    return await worker.runUntil(() => runScript(script, app, environment, clock));
  } finally {
    await context?.close();
    await environment.teardown();
    await scratch.drop().catch((error: Error) => logger.warn(`scratch database ${scratch.name} left behind: ${error.message}`));
  }
}

async function runScript(script: RehearsalScript, context: INestApplicationContext, environment: TestWorkflowEnvironment, clock: RehearsalClock): Promise<RehearsalResult> {
  const template = context.get(ProgrammeTemplates).get(script.templateId);
  if (template === null) throw ApplicationError.notFound(`no template ${script.templateId}`);
  const templateStart = template.plan.startDate ?? template.plan.milestones[0].baselineDate ?? script.startDate;
  // Days move by days and months by months, as when a template is instantiated at a new start.
  const shift = daysBetween(templateStart, script.startDate);
  const monthShift = monthsBetween(templateStart.slice(0, 7), script.startDate.slice(0, 7));
  const moveTo = async (instant: Date) => {
    const now = await environment.currentTimeMs();
    if (instant.getTime() < now) {
      throw new ApplicationError(ApplicationErrorCode.Unprocessable, 'a rehearsal runs forwards from today', [
        { field: 'startDate', reason: `is before today: the rehearsal cannot go back to ${instant.toISOString()}` },
      ]);
    }
    if (instant.getTime() > now) await environment.sleep(instant.getTime() - now);
    clock.set(instant);
  };

  await moveTo(new Date(startOfLondonDay(script.startDate).getTime() + UPDATE_HOUR_MS));
  const created = await context.get(InstantiateTemplateUseCase).execute(
    InstantiateTemplateCommand.from({ templateId: script.templateId, organisation: script.organisation, leadEmail: script.leadEmail, startDate: script.startDate }),
  );
  const programmes = context.get(ProgrammeRepository);
  const status = context.get(ProgrammeStatusService);
  const updates = [...script.updates].sort((a, b) => a.on.localeCompare(b.on));
  const endMonth = (template.plan.endDate ?? templateStart).slice(0, 7);
  const months: RehearsalMonth[] = [];
  for (let templateMonth = templateStart.slice(0, 7); templateMonth <= endMonth; templateMonth = addMonths(templateMonth, 1)) {
    const monthEnd = endOfLondonDay(lastDayOfMonth(addMonths(templateMonth, monthShift)));
    while (updates.length > 0 && startOfLondonDay(addDays(updates[0].on, shift)).getTime() + UPDATE_HOUR_MS <= monthEnd.getTime()) {
      const update = updates.shift() as RehearsalUpdate;
      await moveTo(new Date(startOfLondonDay(addDays(update.on, shift)).getTime() + UPDATE_HOUR_MS));
      await apply(update, created.id, monthShift, context);
    }
    await moveTo(monthEnd);
    const plan = (await programmes.loadPlan(created.id)) as ProgrammePlanRecord;
    const assessment = await status.assess(plan, monthEnd);
    const record = await programmes.findById(created.id);
    months.push({
      templateMonth,
      status: assessment.status,
      deliveryConfidence: assessment.deliveryConfidence.value,
      direction: assessment.directionOfTravel.direction,
      milestones: Object.fromEntries(plan.milestones.map((milestone, index) => [milestone.ref, assessment.milestones[index].status])),
      trajectories: Object.fromEntries(plan.trajectories.map((trajectory, index) => [trajectory.ref, assessment.trajectories[index].status])),
      escalations: record?.escalations.length ?? 0,
    });
  }
  return { templateId: script.templateId, startDate: script.startDate, months };
}

async function apply(update: RehearsalUpdate, programmeId: string, monthShift: number, context: INestApplicationContext): Promise<void> {
  const plan = (await context.get(ProgrammeRepository).loadPlan(programmeId)) as ProgrammePlanRecord;
  const milestoneId = (ref: string) => {
    const milestone = plan.milestones.find((candidate) => candidate.ref === ref);
    if (milestone === undefined) throw ApplicationError.validationFailed([{ field: 'updates', reason: `names no milestone ${ref} of the template` }]);
    return milestone.id;
  };
  if ('complete' in update) {
    await context.get(CompleteMilestoneUseCase).execute(CompleteMilestoneCommand.from(programmeId, milestoneId(update.complete), {}));
  } else if ('confirm' in update) {
    await context.get(ConfirmMilestoneUseCase).execute(programmeId, milestoneId(update.confirm), {});
  } else {
    const month = addMonths(update.actuals.month, monthShift);
    const practices = await context.get(OrganisationRepository).practicesUnder(plan.organisationOdsCode ?? '', lastDayOfMonth(month));
    const covered = practices.sort((a, b) => a.odsCode.localeCompare(b.odsCode)).slice(0, update.actuals.practices);
    await context.get(RecordTrajectoryActualsUseCase).execute(programmeId, update.actuals.trajectory, month, {
      actuals: covered.map((practice) => ({ odsCode: practice.odsCode, value: 1 })),
    });
  }
}
