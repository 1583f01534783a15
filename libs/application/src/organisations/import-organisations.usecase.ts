import { Injectable, Logger } from '@nestjs/common';
import { londonDay } from '@pmo/domain';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import type { FieldProblem } from '../application.error';
import { Clock } from '../ports/clock';
import { OrganisationRepository } from '../ports/organisation.repository';
import { planOrganisationImport, readPublishedFiles } from './organisation-import';
import type { OrganisationImportReport, PublishedOrganisationFiles } from './organisation-import';

export interface ImportOrganisationsCommand {
  files: PublishedOrganisationFiles;
  /** False to preview: the same report, nothing written. */
  write: boolean;
}

/**
 * Organisations and list sizes from NHS England's and NHS Digital's published files: every file read and
 * checked first, then compared with the record, then written in one transaction. Any bad row and nothing is written;
 * importing the same files again writes nothing and says so.
 */
@Injectable()
export class ImportOrganisationsUseCase {
  private readonly logger = new Logger(ImportOrganisationsUseCase.name);

  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: ImportOrganisationsCommand): Promise<OrganisationImportReport> {
    const { readings, problems } = readPublishedFiles(command.files);
    if (problems.length > 0) throw refused(problems);
    const extracts = [...readings.registeredPatients.flatMap(({ reading }) => reading.rows), ...(readings.weighted?.rows ?? [])].map((row) => row.asAt);
    const [recorded, recordedPopulations] = await Promise.all([this.organisations.all(), this.organisations.populationsOn([...new Set(extracts)])]);
    const plan = planOrganisationImport(command.files, readings, recorded, recordedPopulations, londonDay(this.clock.now()));
    if (plan.problems.length > 0) throw refused(plan.problems);
    const written = command.write && !plan.report.unchanged;
    if (written) await this.organisations.upsert(plan.write);
    const { report } = plan;
    this.logger.log(
      `organisation import ${written ? 'written' : command.write ? 'changed nothing' : 'previewed'}: ${report.added.length} added, ${report.changed.length} changes, ` +
        `${report.closed.length} closed, ${report.namedByCodeOnly.length} known by code only; list sizes ${report.listSizes.added} added, ${report.listSizes.changed} changed`,
    );
    return { written, ...report };
  }
}

function refused(problems: FieldProblem[]): ApplicationError {
  return new ApplicationError(ApplicationErrorCode.Unprocessable, `the files have ${problems.length} problem(s); nothing was written`, problems);
}
