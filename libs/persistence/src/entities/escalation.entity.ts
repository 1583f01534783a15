import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DeliveryStatus } from '@pmo/application';
import { MilestoneEntity } from './milestone.entity';
import { ProgrammeEntity } from './programme.entity';

/** One escalation of one milestone at one rung to one recipient on one channel, with its delivery state. */
@Entity({ name: 'escalations' })
export class EscalationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId!: string;

  @ManyToOne(() => ProgrammeEntity, (programme) => programme.escalations)
  @JoinColumn({ name: 'programme_id' })
  programme!: ProgrammeEntity;

  @Column('uuid', { name: 'milestone_id' })
  milestoneId!: string;

  @ManyToOne(() => MilestoneEntity)
  @JoinColumn({ name: 'milestone_id' })
  milestone!: MilestoneEntity;

  @Column('integer')
  rung!: number;

  @Column('text')
  channel!: 'email';

  @Column('text')
  recipient!: string;

  @Column('text')
  status!: DeliveryStatus;

  @Column('timestamptz', { name: 'queued_at' })
  queuedAt!: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  @Column('integer')
  attempts!: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('text', { name: 'message_id', nullable: true })
  messageId!: string | null;
}
