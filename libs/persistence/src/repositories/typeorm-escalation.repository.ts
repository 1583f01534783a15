import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EscalationRepository } from '@pmo/application';
import type { EscalationForDelivery, EscalationToRecord } from '@pmo/application';
import type { LadderRung } from '@pmo/domain';
import { EscalationEntity } from '../entities/escalation.entity';
import { recordEvent } from './typeorm-programme.repository';

@Injectable()
export class TypeormEscalationRepository extends EscalationRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async record(escalation: EscalationToRecord, recordedAt: Date): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(EscalationEntity)
        .values({ id: randomUUID(), ...escalation, status: 'queued', queuedAt: recordedAt, attempts: 0 })
        .orIgnore()
        .returning(['id'])
        .execute();
      const insertedId = (inserted.raw as { id: string }[])[0]?.id;
      if (insertedId !== undefined) {
        await recordEvent(manager, escalation.programmeId, 'escalation-raised', { escalationId: insertedId, ...escalation }, recordedAt);
        return insertedId;
      }
      const existing = await manager.findOneOrFail(EscalationEntity, {
        where: { milestoneId: escalation.milestoneId, rung: escalation.rung, channel: escalation.channel, recipient: escalation.recipient },
      });
      return existing.id;
    });
  }

  async findForDelivery(escalationId: string): Promise<EscalationForDelivery | null> {
    const escalation = await this.dataSource.getRepository(EscalationEntity).findOne({
      where: { id: escalationId },
      relations: { programme: true, milestone: true },
    });
    if (escalation === null) return null;
    const { programme, milestone } = escalation;
    return {
      id: escalation.id,
      status: escalation.status,
      rung: escalation.rung,
      recipient: escalation.recipient,
      programme: { id: programme.id, name: programme.name, leadEmail: programme.leadEmail },
      milestone: {
        id: milestone.id,
        name: milestone.name,
        ownerEmail: milestone.ownerEmail,
        dueAt: milestone.dueAt.toISOString(),
        completedAt: milestone.completedAt === null ? null : milestone.completedAt.toISOString(),
      },
    };
  }

  async markSent(escalationId: string, sentAt: Date, messageId: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(EscalationEntity)
      .set({ status: 'sent', sentAt, messageId, lastError: null, attempts: () => 'attempts + 1' })
      .where('id = :escalationId AND status <> :sent', { escalationId, sent: 'sent' })
      .execute();
  }

  async markAttemptFailed(escalationId: string, error: string, permanently: boolean): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(EscalationEntity)
      .set({ lastError: error.slice(0, 1000), attempts: () => 'attempts + 1', ...(permanently ? { status: 'failed' as const } : {}) })
      .where('id = :escalationId AND status <> :sent', { escalationId, sent: 'sent' })
      .execute();
  }

  async ladderFor(programmeId: string): Promise<LadderRung[] | null> {
    const rows = (await this.dataSource.query(`SELECT ladder FROM escalation_ladders WHERE programme_id = $1`, [programmeId])) as { ladder: LadderRung[] }[];
    return rows[0]?.ladder ?? null;
  }

  async setLadder(programmeId: string, ladder: LadderRung[] | null, setBy: string, at: Date): Promise<'saved' | 'programme-not-found'> {
    return this.dataSource.transaction(async (manager) => {
      const found = (await manager.query(`SELECT 1 FROM programmes WHERE id = $1 FOR UPDATE`, [programmeId])) as unknown[];
      if (found.length === 0) return 'programme-not-found';
      if (ladder === null) await manager.query(`DELETE FROM escalation_ladders WHERE programme_id = $1`, [programmeId]);
      else {
        await manager.query(
          `INSERT INTO escalation_ladders (programme_id, ladder, set_by, set_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (programme_id) DO UPDATE SET ladder = EXCLUDED.ladder, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
          [programmeId, JSON.stringify(ladder), setBy, at],
        );
      }
      await recordEvent(manager, programmeId, 'escalation-ladder-set', { ladder, setBy }, at);
      return 'saved';
    });
  }
}
