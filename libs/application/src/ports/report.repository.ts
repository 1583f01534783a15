export interface StoredReport {
  id: string;
  programmeId: string;
  period: string;
  kind: 'highlight-report';
  format: 'markdown';
  sha256: string;
  createdAt: string;
}

export abstract class ReportRepository {
  /** Stores a report unless one exists for its programme, period, kind and format; returns the one kept. */
  abstract storeOnce(report: Omit<StoredReport, 'id' | 'createdAt'> & { content: string }, createdAt: Date): Promise<StoredReport>;
  abstract list(filter: { period?: string; programmeId?: string }): Promise<StoredReport[]>;
  abstract content(reportId: string): Promise<(StoredReport & { content: string }) | null>;
  /** The programmes a month-end cycle reports on: every programme running during the period. */
  abstract programmesActiveIn(period: string): Promise<string[]>;
}
