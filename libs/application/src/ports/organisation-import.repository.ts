import type { OrganisationImportReport, PublishedOrganisationFiles } from '../organisations/organisation-import';
import type { OrganisationWrite } from './organisation.repository';

export interface ImportConfirmation {
  by: string;
  at: string;
  outcome: OrganisationImportReport;
}

/** An import uploaded and previewed, kept with its files until someone confirms it. */
export interface StagedOrganisationImport {
  id: string;
  files: PublishedOrganisationFiles;
  preview: OrganisationImportReport;
  requestedBy: string;
  requestedAt: string;
  confirmation: ImportConfirmation | null;
}

export abstract class OrganisationImportRepository {
  abstract stage(staged: Omit<StagedOrganisationImport, 'confirmation'>): Promise<void>;
  abstract find(id: string): Promise<StagedOrganisationImport | null>;
  /**
   * Writes the import's changes and its confirmation in one transaction, once: when another confirmation came
   * first, nothing is written and that one is returned.
   */
  abstract confirm(id: string, write: OrganisationWrite, confirmation: ImportConfirmation): Promise<ImportConfirmation>;
}
