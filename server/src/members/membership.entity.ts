import type { StaffRole } from '@attune/shared';
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
} from 'typeorm';
import { PracticeOwned } from '../practices/practice-owned.entity.js';
import { User } from '../auth/user.entity.js';

/** A staff user of a practice. The member id is also the therapist id elsewhere. */
@Entity('memberships')
@Check(
  'memberships_roles_check',
  `cardinality(roles) >= 1 AND roles <@ ARRAY['admin','therapist']::text[]`,
)
@Index('memberships_practice_id_idx', ['practiceId'])
// The target of the therapist references' composite foreign keys.
@Unique('memberships_id_practice_id_key', ['id', 'practiceId'])
export class Membership extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  // One practice per user for now; drop this to allow several.
  @Index('memberships_user_id_key', { unique: true })
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'memberships_user_id_fkey' })
  user: Relation<User>;

  @Column('text', { array: true })
  roles: StaffRole[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
