import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';

@Entity({ name: 'milestones' })
export class MilestoneEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId!: string;

  @ManyToOne(() => ProgrammeEntity, (programme) => programme.milestones, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme!: ProgrammeEntity;

  /** The order the programme manager gave; milestones are listed in it. */
  @Column('integer')
  position!: number;

  /** The programme manager's reference, unique in the programme: how spreadsheets match rows. */
  @Column('text')
  ref!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: 'delivery' | 'governance-gate' | 'decision';

  @Column('date', { name: 'baseline_date' })
  baselineDate!: string;

  @Column('date', { name: 'forecast_date' })
  forecastDate!: string;

  @Column('date', { name: 'actual_date', nullable: true })
  actualDate!: string | null;

  @Column('text', { name: 'owner_email' })
  ownerEmail!: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
