import { Injectable } from '@nestjs/common';
import { ApplicationError, monthSchema, parseOrThrow, ProgrammeRepository, ProgrammeStatusService } from '@pmo/application';
import { endOfLondonDay, financialPeriod, lastDayOfMonth } from '@pmo/domain';
import { buildHighlightReport } from './highlight-report';
import type { HighlightReport } from './highlight-report';

/** A programme's highlight report for a month, as at the month's end: the same report whatever day it is made. */
@Injectable()
export class HighlightReportService {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly status: ProgrammeStatusService,
  ) {}

  async build(programmeId: string, month: string): Promise<HighlightReport> {
    const period = financialPeriod(parseOrThrow(monthSchema, month));
    const plan = await this.programmes.loadPlan(programmeId);
    if (plan === null) throw ApplicationError.notFound(`no programme ${programmeId}`);
    const asAt = endOfLondonDay(lastDayOfMonth(period.month));
    const assessment = await this.status.assess(plan, asAt);
    const trajectories = await Promise.all(
      plan.trajectories.map(async (trajectory) => ({
        ref: trajectory.ref,
        months: (await this.status.trajectoryMonths(plan, trajectory, asAt)).map(({ month: figureMonth, planned, actual }) => ({
          month: figureMonth,
          planned,
          actual: actual?.value ?? null,
        })),
      })),
    );
    return buildHighlightReport(plan, assessment, period, trajectories, this.status.workingCalendar());
  }
}
