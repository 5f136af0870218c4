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

/** A therapist's subscribable calendar feed. Only the SHA-256 of the URL secret is stored. */
@Entity('calendar_feeds')
@Check('calendar_feeds_show_client_check', `show_client IN ('initials','none')`)
export class CalendarFeed extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('calendar_feeds_therapist_id_idx')
  @Column('uuid')
  therapistId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'therapist_id',
    foreignKeyConstraintName: 'calendar_feeds_therapist_id_fkey',
  })
  therapist: Relation<Membership>;

  @Index('calendar_feeds_token_hash_key', { unique: true })
  @Column('bytea')
  tokenHash: Buffer;

  @Column('text', { default: 'initials' })
  showClient: 'initials' | 'none';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;
}
