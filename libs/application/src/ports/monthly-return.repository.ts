import type { ReturnStatus, SignOffStep } from '@pmo/domain';

/** One version of a period's NHS England monthly return, with who signed it off and when. */
export interface StoredReturn {
  id: string;
  period: string;
  version: number;
  status: ReturnStatus;
  /** The instant its figures are as at. */
  asAt: string;
  rowCount: number;
  /** SHA-256 of the CSV file, the form the return is submitted in. */
  sha256: string;
  /** Why a correction was made; null for the first version. */
  reason: string | null;
  createdAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
}

export interface ReturnFiles {
  csv: string;
  xlsx: Buffer;
  rowCount: number;
  asAt: Date;
}

export type ReturnFormat = 'csv' | 'xlsx';

export abstract class MonthlyReturnRepository {
  /** Keeps version 1 of a period's return unless the period has one; returns version 1 as kept. */
  abstract storeFirstOnce(period: string, files: ReturnFiles, createdAt: Date): Promise<StoredReturn>;
  /**
   * Keeps a correction as the next version, in one transaction that leaves every unsubmitted older version
   * superseded. Null when the period has no return to correct.
   */
  abstract storeCorrection(period: string, files: ReturnFiles, reason: string, createdAt: Date): Promise<StoredReturn | null>;
  abstract versions(period: string): Promise<StoredReturn[]>;
  abstract file(period: string, version: number, format: ReturnFormat): Promise<{ record: StoredReturn; content: Buffer } | null>;
  /** Takes a sign-off step if the version still has the status the step needs; answers what it found. */
  abstract signOff(
    period: string,
    version: number,
    step: SignOffStep,
    by: string,
    at: Date,
    refuse: (current: StoredReturn) => string | null,
  ): Promise<{ outcome: 'signed'; record: StoredReturn } | { outcome: 'refused'; reason: string } | { outcome: 'not-found' }>;
}
