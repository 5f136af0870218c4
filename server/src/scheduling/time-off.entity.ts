import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { PracticeOwned } from '../practices/practice-owned.entity.js';
import { Membership } from '../members/membership.entity.js';

@Entity('time_off')
@Check('time_off_range_check', `ends_at > starts_at`)
@Index('time_off_therapist_id_starts_at_idx', ['therapistId', 'startsAt'])
@ForeignKey(() => Membership, ['therapistId', 'practiceId'], ['id', 'practiceId'], {
  name: 'time_off_therapist_fk',
  onDelete: 'CASCADE',
})
export class TimeOff extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  therapistId: string;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('text', { nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
