import type { InvitationKind, StaffRole } from '@attune/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { PracticeOwned } from '../practices/practice-owned.entity.js';
import { User } from '../auth/user.entity.js';
import { Client } from '../clients/client.entity.js';

/** A single-use, expiring invitation. Only the SHA-256 of the link token is stored. */
@Entity('invitations')
@Check(
  'invitations_kind_check',
  `(kind = 'member' AND client_id IS NULL AND cardinality(roles) >= 1 AND roles <@ ARRAY['admin','therapist']::text[])` +
    ` OR (kind = 'client' AND client_id IS NOT NULL AND cardinality(roles) = 0)`,
)
@Index('invitations_practice_id_created_at_idx', ['practiceId', 'createdAt'])
@ForeignKey(() => Client, ['clientId', 'practiceId'], ['id', 'practiceId'], {
  name: 'invitations_client_fk',
  onDelete: 'CASCADE',
})
export class Invitation extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('invitations_token_hash_key', { unique: true })
  @Column('bytea')
  tokenHash: Buffer;

  @Column('text')
  kind: InvitationKind;

  @Column('citext')
  email: string;

  @Column('text')
  displayName: string;

  @Column('text', { array: true, default: () => "'{}'" })
  roles: StaffRole[];

  @Index('invitations_client_id_idx')
  @Column('uuid', { nullable: true })
  clientId: string | null;

  @Column('uuid')
  invitedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'invited_by_user_id',
    foreignKeyConstraintName: 'invitations_invited_by_user_id_fkey',
  })
  invitedBy: Relation<User>;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
