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

/** A therapist's subscribable calendar feed. Only the SHA-256 of the URL secret is stored. */
@Entity('calendar_feeds')
@Check('calendar_feeds_show_client_check', `show_client IN ('initials','none')`)
@ForeignKey(() => Membership, ['therapistId', 'practiceId'], ['id', 'practiceId'], {
  name: 'calendar_feeds_therapist_fk',
  onDelete: 'CASCADE',
})
export class CalendarFeed extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('calendar_feeds_therapist_id_idx')
  @Column('uuid')
  therapistId: string;

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
