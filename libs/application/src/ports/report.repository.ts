export type ReportKind = 'highlight-report' | 'portfolio-summary' | 'monthly-update-paper';
/** The formats kept; a PDF is printed from the kept HTML when asked for, so the HTML is the record. */
export type ReportFormat = 'markdown' | 'html';

/**
 * A report as the month-end cycle kept it. A highlight report is about one programme; a monthly update
 * paper about one organisation's programmes; the portfolio summary about every programme in the period.
 */
export interface StoredReport {
  id: string;
  kind: ReportKind;
  format: ReportFormat;
  period: string;
  programmeId: string | null;
  organisation: string | null;
  sha256: string;
  createdAt: string;
}

export type NewReport = Omit<StoredReport, 'id' | 'sha256' | 'createdAt'> & { content: string };

/** Whom a missing monthly update concerns. */
export interface ProgrammeContacts {
  id: string;
  name: string;
  leadEmail: string;
  managerEmail: string | null;
  sroEmail: string | null;
}

export abstract class ReportRepository {
  /** Stores a report unless one exists for its subject, period, kind and format; returns the one kept. */
  abstract storeOnce(report: NewReport, createdAt: Date): Promise<StoredReport>;
  abstract list(filter: { period?: string; programmeId?: string; kind?: ReportKind }): Promise<StoredReport[]>;
  abstract content(reportId: string): Promise<(StoredReport & { content: string }) | null>;
  abstract find(reportId: string): Promise<StoredReport | null>;
  /** The programmes a month-end cycle reports on: every programme running during the period. */
  abstract programmesActiveIn(period: string): Promise<string[]>;
  /** The programmes running during the period whose monthly update for it is not recorded. */
  abstract programmesMissingUpdate(period: string): Promise<ProgrammeContacts[]>;
}
