import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { PracticeOwned } from '../practices/practice-owned.entity.js';
import { Membership } from '../members/membership.entity.js';

@Entity('time_off')
@Check('time_off_range_check', `ends_at > starts_at`)
@Index('time_off_therapist_id_starts_at_idx', ['therapistId', 'startsAt'])
export class TimeOff extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  therapistId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'therapist_id', foreignKeyConstraintName: 'time_off_therapist_id_fkey' })
  therapist: Relation<Membership>;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('text', { nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
