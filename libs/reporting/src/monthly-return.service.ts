import { Injectable } from '@nestjs/common';
import {
  ApplicationError,
  Clock,
  forEachProgramme,
  MonthEndSettings,
  MonthlyReturnRepository,
  monthSchema,
  OrganisationRepository,
  parseOrThrow,
  ProgrammeRepository,
  ProgrammeStatusService,
  ReportRepository,
} from '@pmo/application';
import type { ReturnFiles, StoredReturn } from '@pmo/application';
import { cycleDays, financialPeriod } from '@pmo/domain';
import { writeTableCsv, writeTablesXlsx } from '@pmo/spreadsheets';
import { buildMonthlyReturn, monthlyReturnTable } from './monthly-return';
import type { MonthlyReturn, ReturnSource } from './monthly-return';

/** The NHS England monthly return: built from the record as at an instant, kept in versions, signed off. */
@Injectable()
export class MonthlyReturnService {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly status: ProgrammeStatusService,
    private readonly reports: ReportRepository,
    private readonly organisations: OrganisationRepository,
    private readonly returns: MonthlyReturnRepository,
    private readonly settings: MonthEndSettings,
    private readonly clock: Clock,
  ) {}

  /** The instant a period's first version is as at: the start of its cycle's run day, whenever it is made. */
  asAtOfFirstVersion(month: string): Date {
    return new Date(cycleDays(month, this.settings.rule, this.status.workingCalendar()).returnAsAt);
  }

  async build(month: string, asAt: Date): Promise<MonthlyReturn> {
    const programmeIds = await this.reports.programmesActiveIn(parseOrThrow(monthSchema, month, 'period'));
    const names = new Map<string, string>();
    const sources = await forEachProgramme(programmeIds, async (programmeId): Promise<ReturnSource[]> => {
      const plan = await this.programmes.loadPlan(programmeId);
      if (plan === null || plan.organisationOdsCode === null || plan.trajectories.length === 0) return [];
      const { assessment, trajectories } = await this.status.assessWithFigures(plan, asAt);
      if (!names.has(plan.organisationOdsCode)) names.set(plan.organisationOdsCode, (await this.organisations.find(plan.organisationOdsCode))?.name ?? plan.organisationOdsCode);
      return [{ plan, assessment, trajectories, organisationName: names.get(plan.organisationOdsCode) as string }];
    });
    return buildMonthlyReturn(financialPeriod(month), asAt, sources.flat());
  }

  /** Keeps the period's first version once, as at its cycle's run day: a re-run cycle finds it kept. */
  async storeFirstOnce(month: string): Promise<StoredReturn> {
    return this.returns.storeFirstOnce(month, await this.files(await this.build(month, this.asAtOfFirstVersion(month))), this.clock.now());
  }

  /** A correction: the next version, as at now, so figures corrected since the cycle are in it. */
  async correct(month: string, reason: string): Promise<StoredReturn> {
    parseOrThrow(monthSchema, month, 'period');
    const now = this.clock.now();
    const stored = await this.returns.storeCorrection(month, await this.files(await this.build(month, now)), reason, now);
    if (stored === null) throw ApplicationError.notFound(`no monthly return for ${month} to correct: the month-end cycle makes the first version`);
    return stored;
  }

  private async files(monthlyReturn: MonthlyReturn): Promise<ReturnFiles> {
    const table = monthlyReturnTable(monthlyReturn);
    return { csv: writeTableCsv(table), xlsx: await writeTablesXlsx([table]), rowCount: monthlyReturn.rows.length, asAt: new Date(monthlyReturn.asAt) };
  }
}
