import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { EscalationEntity } from './escalation.entity';
import { MilestoneEntity } from './milestone.entity';

@Entity({ name: 'programmes' })
export class ProgrammeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'lead_email' })
  leadEmail!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @OneToMany(() => MilestoneEntity, (milestone) => milestone.programme)
  milestones!: MilestoneEntity[];

  @OneToMany(() => EscalationEntity, (escalation) => escalation.programme)
  escalations!: EscalationEntity[];
}
