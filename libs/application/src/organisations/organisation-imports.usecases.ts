import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { londonDay } from '@pmo/domain';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import type { FieldProblem } from '../application.error';
import { Clock } from '../ports/clock';
import { OrganisationImportRepository } from '../ports/organisation-import.repository';
import type { StagedOrganisationImport } from '../ports/organisation-import.repository';
import { OrganisationRepository } from '../ports/organisation.repository';
import { isUuid } from '../validation';
import { planOrganisationImport, readPublishedFiles } from './organisation-import';
import type { ImportPlan, OrganisationImportReport, PublishedOrganisationFiles } from './organisation-import';

export interface ImportOrganisationsCommand {
  files: PublishedOrganisationFiles;
  /** False to preview: the same report, nothing written. */
  write: boolean;
}

/** A staged import as the API and the pages show it: the files by name and size, not their text. */
export interface OrganisationImportView {
  id: string;
  files: { role: keyof PublishedOrganisationFiles; name: string; characters: number }[];
  requestedBy: string;
  requestedAt: string;
  preview: OrganisationImportReport;
  confirmedBy: string | null;
  confirmedAt: string | null;
  /** What the confirmation changed, against the record as it then was. */
  outcome: OrganisationImportReport | null;
}

/**
 * Organisations and list sizes from NHS England's and NHS Digital's published files: every file read and
 * checked first, then compared with the record, then written in one transaction. Any bad row and nothing is
 * written; the same files again write nothing and say so. Directly (the command line), or uploaded, previewed
 * and confirmed by an admin (the API and the pages).
 */
@Injectable()
export class OrganisationImportUseCases {
  private readonly logger = new Logger(OrganisationImportUseCases.name);

  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly imports: OrganisationImportRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: ImportOrganisationsCommand): Promise<OrganisationImportReport> {
    const plan = await this.plan(command.files);
    const written = command.write && !plan.report.unchanged;
    if (written) await this.organisations.upsert(plan.write);
    return this.logged({ written, ...plan.report }, command.write ? 'imported' : 'previewed');
  }

  /** Checks the files and keeps them with what they would change, for the person to confirm; nothing else is written. */
  async preview(files: PublishedOrganisationFiles, by: string): Promise<OrganisationImportView> {
    const plan = await this.plan(files);
    const staged = { id: randomUUID(), files, preview: { written: false, ...plan.report }, requestedBy: by, requestedAt: this.clock.now().toISOString() };
    await this.imports.stage(staged);
    this.logged(staged.preview, `previewed as import ${staged.id}`);
    return viewOf({ ...staged, confirmation: null });
  }

  async find(id: string): Promise<OrganisationImportView> {
    return viewOf(await this.staged(id));
  }

  /** Writes the previewed files against the record as it is now; confirming again changes nothing more. */
  async confirm(id: string, by: string): Promise<OrganisationImportView> {
    const staged = await this.staged(id);
    if (staged.confirmation !== null) return viewOf(staged);
    const plan = await this.plan(staged.files);
    const outcome = { written: !plan.report.unchanged, ...plan.report };
    const confirmation = await this.imports.confirm(id, plan.write, { by, at: this.clock.now().toISOString(), outcome });
    // Logged by the confirmation that wrote; one that lost a race gets the winner's back and logs nothing.
    if (confirmation.outcome === outcome) this.logged(outcome, `confirmed as import ${id}`);
    return viewOf({ ...staged, confirmation });
  }

  private async staged(id: string): Promise<StagedOrganisationImport> {
    const staged = isUuid(id) ? await this.imports.find(id) : null;
    if (staged === null) throw ApplicationError.notFound(`no organisation import ${id}`);
    return staged;
  }

  private async plan(files: PublishedOrganisationFiles): Promise<ImportPlan> {
    const { readings, problems } = readPublishedFiles(files);
    if (problems.length > 0) throw refused(problems);
    const extracts = [...readings.registeredPatients.flatMap((reading) => reading.rows), ...(readings.weighted?.rows ?? [])].map((row) => row.asAt);
    const [recorded, recordedPopulations] = await Promise.all([this.organisations.all(), this.organisations.populationsOn([...new Set(extracts)])]);
    const plan = planOrganisationImport(readings, recorded, recordedPopulations, londonDay(this.clock.now()));
    if (plan.problems.length > 0) throw refused(plan.problems);
    return plan;
  }

  private logged(report: OrganisationImportReport, what: string): OrganisationImportReport {
    this.logger.log(
      `organisation files ${what}${report.unchanged ? ', changing nothing' : ''}: ${report.added.length} added, ${report.changed.length} changes, ` +
        `${report.closed.length} closed, ${report.namedByCodeOnly.length} known by code only; list sizes ${report.listSizes.added} added, ${report.listSizes.changed} changed`,
    );
    return report;
  }
}

function viewOf(staged: StagedOrganisationImport): OrganisationImportView {
  const { practices, commissioners, pcnMembers, registeredPatients, weighted } = staged.files;
  const files = [
    { role: 'practices' as const, file: practices },
    { role: 'commissioners' as const, file: commissioners },
    ...(pcnMembers === null ? [] : [{ role: 'pcnMembers' as const, file: pcnMembers }]),
    ...registeredPatients.map((file) => ({ role: 'registeredPatients' as const, file })),
    ...(weighted === null ? [] : [{ role: 'weighted' as const, file: weighted }]),
  ];
  return {
    id: staged.id,
    files: files.map(({ role, file }) => ({ role, name: file.name, characters: file.text.length })),
    requestedBy: staged.requestedBy,
    requestedAt: staged.requestedAt,
    preview: staged.preview,
    confirmedBy: staged.confirmation?.by ?? null,
    confirmedAt: staged.confirmation?.at ?? null,
    outcome: staged.confirmation?.outcome ?? null,
  };
}

function refused(problems: FieldProblem[]): ApplicationError {
  return new ApplicationError(ApplicationErrorCode.Unprocessable, `the files have ${problems.length} problem(s); nothing was written`, problems);
}
