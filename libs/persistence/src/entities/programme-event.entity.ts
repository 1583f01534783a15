import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The append-only log of every change to a programme's record, written in the change's transaction. */
@Entity({ name: 'programme_events' })
export class ProgrammeEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId!: string;

  @Column('text')
  type!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}
