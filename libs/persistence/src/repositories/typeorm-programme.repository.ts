import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ProgrammeRepository } from '@pmo/application';
import type { CompleteMilestoneOutcome, EscalationRow, MilestoneRow, NewProgramme, ProgrammeRecord } from '@pmo/application';
import { EscalationEntity } from '../entities/escalation.entity';
import { MilestoneEntity } from '../entities/milestone.entity';
import { ProgrammeEventEntity } from '../entities/programme-event.entity';
import { ProgrammeEntity } from '../entities/programme.entity';

@Injectable()
export class TypeormProgrammeRepository extends ProgrammeRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(programme: NewProgramme, recordedAt: Date): Promise<ProgrammeRecord> {
    const programmeId = randomUUID();
    const milestones = programme.milestones.map((milestone, position) => ({
      id: randomUUID(),
      programmeId,
      position,
      name: milestone.name,
      ownerEmail: milestone.ownerEmail,
      dueAt: new Date(milestone.dueAt),
      completedAt: null,
    }));
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ProgrammeEntity, { id: programmeId, name: programme.name, leadEmail: programme.leadEmail, createdAt: recordedAt });
      await manager.insert(MilestoneEntity, milestones);
      await recordEvent(manager, programmeId, 'programme-created', { programme }, recordedAt);
    });
    return {
      id: programmeId,
      name: programme.name,
      leadEmail: programme.leadEmail,
      createdAt: recordedAt.toISOString(),
      milestones: milestones.map(toMilestoneRow),
      escalations: [],
    };
  }

  async findById(programmeId: string): Promise<ProgrammeRecord | null> {
    const programme = await this.dataSource.getRepository(ProgrammeEntity).findOne({
      where: { id: programmeId },
      relations: { milestones: true, escalations: true },
      order: { milestones: { position: 'ASC' }, escalations: { queuedAt: 'ASC', rung: 'ASC' } },
    });
    if (programme === null) return null;
    return {
      id: programme.id,
      name: programme.name,
      leadEmail: programme.leadEmail,
      createdAt: programme.createdAt.toISOString(),
      milestones: programme.milestones.map(toMilestoneRow),
      escalations: programme.escalations.map(toEscalationRow),
    };
  }

  async completeMilestone(programmeId: string, milestoneId: string, completedAt: string, recordedAt: Date): Promise<CompleteMilestoneOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const milestone = await manager.findOne(MilestoneEntity, {
        where: { id: milestoneId, programmeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (milestone === null) {
        const programmeExists = await manager.exists(ProgrammeEntity, { where: { id: programmeId } });
        return { outcome: programmeExists ? 'milestone-not-found' : 'programme-not-found' };
      }
      if (milestone.completedAt !== null) return { outcome: 'already-completed', completedAt: milestone.completedAt.toISOString() };
      await manager.update(MilestoneEntity, { id: milestoneId }, { completedAt: new Date(completedAt) });
      await recordEvent(manager, programmeId, 'milestone-completed', { milestoneId, completedAt }, recordedAt);
      return { outcome: 'completed' };
    });
  }
}

export async function recordEvent(
  manager: EntityManager,
  programmeId: string,
  type: string,
  payload: Record<string, unknown>,
  recordedAt: Date,
): Promise<void> {
  await manager.save(ProgrammeEventEntity, { programmeId, type, payload, recordedAt });
}

function toMilestoneRow(milestone: Pick<MilestoneEntity, 'id' | 'name' | 'ownerEmail' | 'dueAt' | 'completedAt'>): MilestoneRow {
  return {
    id: milestone.id,
    name: milestone.name,
    ownerEmail: milestone.ownerEmail,
    dueAt: milestone.dueAt.toISOString(),
    completedAt: milestone.completedAt === null ? null : milestone.completedAt.toISOString(),
  };
}

function toEscalationRow(escalation: EscalationEntity): EscalationRow {
  return {
    id: escalation.id,
    milestoneId: escalation.milestoneId,
    rung: escalation.rung,
    channel: escalation.channel,
    recipient: escalation.recipient,
    status: escalation.status,
    queuedAt: escalation.queuedAt.toISOString(),
    sentAt: escalation.sentAt === null ? null : escalation.sentAt.toISOString(),
    attempts: escalation.attempts,
    lastError: escalation.lastError,
  };
}
