import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from './user.entity.js';

/**
 * A person's second step (TOTP). The secret is kept encrypted (AES-256-GCM under a key derived
 * from SESSION_SECRET), because the server must read it back to check codes. A row without
 * `confirmed_at` is an enrolment that has not been confirmed with a first code yet.
 */
@Entity('user_mfa')
export class UserMfa {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'user_mfa_pkey' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_mfa_user_id_fkey' })
  user: Relation<User>;

  /** iv (12 bytes) | auth tag (16 bytes) | ciphertext of the base32 secret. */
  @Column('bytea')
  secretCiphertext: Buffer;

  @Column('timestamptz', { nullable: true })
  confirmedAt: Date | null;

  /** The last TOTP time step accepted: a code of this step or an earlier one is refused (replay). */
  @Column('bigint', { nullable: true })
  lastTimeStep: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
