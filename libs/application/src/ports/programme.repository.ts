/** A programme as recorded: instants are UTC ISO strings. */
export interface ProgrammeRecord {
  id: string;
  name: string;
  leadEmail: string;
  createdAt: string;
  milestones: MilestoneRow[];
  escalations: EscalationRow[];
}

export interface MilestoneRow {
  id: string;
  name: string;
  ownerEmail: string;
  dueAt: string;
  completedAt: string | null;
}

export type DeliveryStatus = 'queued' | 'sent' | 'failed';

export interface EscalationRow {
  id: string;
  milestoneId: string;
  rung: number;
  channel: 'email';
  recipient: string;
  status: DeliveryStatus;
  queuedAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

export interface NewProgramme {
  name: string;
  leadEmail: string;
  milestones: { name: string; ownerEmail: string; dueAt: string }[];
}

export type CompleteMilestoneOutcome =
  | { outcome: 'completed' }
  | { outcome: 'programme-not-found' }
  | { outcome: 'milestone-not-found' }
  | { outcome: 'already-completed'; completedAt: string };

/** The record of programmes; each write is one transaction with its event. */
export abstract class ProgrammeRepository {
  abstract create(programme: NewProgramme, recordedAt: Date): Promise<ProgrammeRecord>;
  abstract findById(programmeId: string): Promise<ProgrammeRecord | null>;
  abstract completeMilestone(programmeId: string, milestoneId: string, completedAt: string, recordedAt: Date): Promise<CompleteMilestoneOutcome>;
}
