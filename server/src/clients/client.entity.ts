import type { ClientStatus } from '@attune/shared';
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
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { PracticeOwned } from '../practices/practice-owned.entity.js';
import { User } from '../auth/user.entity.js';
import { Membership } from '../members/membership.entity.js';

@Entity('clients')
@Check('clients_status_check', `status IN ('active','inactive')`)
@Check('clients_closed_at_check', `(status = 'inactive') = (closed_at IS NOT NULL)`)
@Index('clients_practice_id_last_name_idx', ['practiceId', 'lastName', 'firstName', 'id'])
// The target of every client-owned table's composite foreign key.
@Unique('clients_id_practice_id_key', ['id', 'practiceId'])
export class Client extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('clients_user_id_key', { unique: true })
  @Column('uuid', { nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'clients_user_id_fkey' })
  user: Relation<User> | null;

  @Column('text')
  firstName: string;

  @Column('text')
  lastName: string;

  @Column('text', { nullable: true })
  preferredName: string | null;

  @Column('text', { nullable: true })
  pronouns: string | null;

  @Column('citext', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  timeZone: string | null;

  @Index('clients_primary_therapist_id_idx')
  @Column('uuid', { nullable: true })
  primaryTherapistId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({
    name: 'primary_therapist_id',
    foreignKeyConstraintName: 'clients_primary_therapist_id_fkey',
  })
  primaryTherapist: Relation<Membership> | null;

  @Column('text', { default: 'active' })
  status: ClientStatus;

  /** When an admin closed the record (deactivated the client); the retention period counts from it. */
  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('integer', { default: 1 })
  version: number;

  /** The client's choice: a gentle weekly email while reading or a screener is waiting. */
  @Column('boolean', { default: true })
  gentleReminders: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
