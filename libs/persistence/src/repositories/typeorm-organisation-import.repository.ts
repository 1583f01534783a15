import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationImportRepository } from '@pmo/application';
import type { ImportConfirmation, OrganisationImportReport, OrganisationWrite, PublishedOrganisationFiles, StagedOrganisationImport } from '@pmo/application';
import { writeOrganisations } from './typeorm-organisation.repository';

type ImportRow = {
  id: string;
  files: PublishedOrganisationFiles;
  preview: OrganisationImportReport;
  requested_by: string;
  requested_at: Date;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  outcome: OrganisationImportReport | null;
};

const confirmationOf = (row: Pick<ImportRow, 'confirmed_by' | 'confirmed_at' | 'outcome'>): ImportConfirmation | null =>
  row.confirmed_by === null || row.confirmed_at === null || row.outcome === null ? null : { by: row.confirmed_by, at: row.confirmed_at.toISOString(), outcome: row.outcome };

/** Staged organisation imports; a confirmation and the changes it writes share one transaction. */
@Injectable()
export class TypeormOrganisationImportRepository extends OrganisationImportRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async stage(staged: Omit<StagedOrganisationImport, 'confirmation'>): Promise<void> {
    await this.dataSource.query(`INSERT INTO organisation_imports (id, files, preview, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5)`, [
      staged.id,
      JSON.stringify(staged.files),
      JSON.stringify(staged.preview),
      staged.requestedBy,
      staged.requestedAt,
    ]);
  }

  async find(id: string): Promise<StagedOrganisationImport | null> {
    const [row] = (await this.dataSource.query(`SELECT * FROM organisation_imports WHERE id = $1`, [id])) as ImportRow[];
    if (row === undefined) return null;
    return { id: row.id, files: row.files, preview: row.preview, requestedBy: row.requested_by, requestedAt: row.requested_at.toISOString(), confirmation: confirmationOf(row) };
  }

  async confirm(id: string, write: OrganisationWrite, confirmation: ImportConfirmation): Promise<ImportConfirmation> {
    return this.dataSource.transaction(async (manager) => {
      // The row locked first: a second confirmation waits here, then finds the first one's and writes nothing.
      const [row] = (await manager.query(`SELECT confirmed_by, confirmed_at, outcome FROM organisation_imports WHERE id = $1 FOR UPDATE`, [id])) as ImportRow[];
      const earlier = row === undefined ? null : confirmationOf(row);
      if (earlier !== null) return earlier;
      await writeOrganisations(manager, write);
      await manager.query(`UPDATE organisation_imports SET confirmed_by = $2, confirmed_at = $3, outcome = $4 WHERE id = $1`, [
        id,
        confirmation.by,
        confirmation.at,
        JSON.stringify(confirmation.outcome),
      ]);
      return confirmation;
    });
  }
}
