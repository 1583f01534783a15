import type { LadderRung } from '@pmo/domain';
import type { DeliveryStatus } from './programme.repository';

export interface EscalationToRecord {
  programmeId: string;
  milestoneId: string;
  rung: number;
  channel: 'email';
  recipient: string;
}

/** What a delivery needs to say: the escalation with its programme and milestone. */
export interface EscalationForDelivery {
  id: string;
  status: DeliveryStatus;
  rung: number;
  recipient: string;
  programme: { id: string; name: string; leadEmail: string };
  milestone: { id: string; name: string; ownerEmail: string; dueAt: string; completedAt: string | null };
}

export abstract class EscalationRepository {
  /** Records the escalation once per (programme, milestone, rung, channel, recipient); returns its id either way. */
  abstract record(escalation: EscalationToRecord, recordedAt: Date): Promise<string>;
  abstract findForDelivery(escalationId: string): Promise<EscalationForDelivery | null>;
  abstract markSent(escalationId: string, sentAt: Date, messageId: string): Promise<void>;
  abstract markAttemptFailed(escalationId: string, error: string, permanently: boolean): Promise<void>;
  /** The programme's own ladder for overdue milestones; null when it uses the default. */
  abstract ladderFor(programmeId: string): Promise<LadderRung[] | null>;
  abstract setLadder(programmeId: string, ladder: LadderRung[] | null, setBy: string, at: Date): Promise<'saved' | 'programme-not-found'>;
}
