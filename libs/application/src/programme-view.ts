import { assessProgramme } from '@pmo/domain';
import type { MilestoneStatus, RagStatus } from '@pmo/domain';
import type { EscalationRow, MilestoneRow, ProgrammeRecord } from './ports/programme.repository';

export interface MilestoneView extends MilestoneRow {
  status: MilestoneStatus;
  reasons: string[];
}

/** A programme with every status worked out as at `asAt`, and its escalations with their delivery status. */
export interface ProgrammeView {
  id: string;
  name: string;
  leadEmail: string;
  createdAt: string;
  asAt: string;
  status: RagStatus;
  reasons: string[];
  milestones: MilestoneView[];
  escalations: EscalationRow[];
}

export function toProgrammeView(record: ProgrammeRecord, asAt: Date): ProgrammeView {
  const assessment = assessProgramme(record.milestones, asAt);
  return {
    id: record.id,
    name: record.name,
    leadEmail: record.leadEmail,
    createdAt: record.createdAt,
    asAt: assessment.asAt,
    status: assessment.status,
    reasons: assessment.reasons,
    milestones: record.milestones.map((milestone, index) => ({
      ...milestone,
      status: assessment.milestones[index].status,
      reasons: assessment.milestones[index].reasons,
    })),
    escalations: record.escalations,
  };
}
