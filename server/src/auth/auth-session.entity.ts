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
import { User } from './user.entity.js';

/** A server-side login session. Only the SHA-256 of the cookie token is stored. */
@Entity('auth_sessions')
@Check('auth_sessions_assurance_check', `assurance IN ('password','mfa')`)
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('auth_sessions_user_id_idx')
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'auth_sessions_user_id_fkey' })
  user: Relation<User>;

  @Index('auth_sessions_token_hash_key', { unique: true })
  @Column('bytea')
  tokenHash: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  lastSeenAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('text', { nullable: true })
  userAgent: string | null;

  /** How the session proved who it is: the password alone, or with a second step. */
  @Column('text', { default: 'password' })
  assurance: 'password' | 'mfa';

  /** The password was right and the code is still to come: the session reaches nothing yet. */
  @Column('boolean', { default: false })
  mfaPending: boolean;

  /** When this session last entered a code (at sign-in or a step-up). */
  @Column('timestamptz', { nullable: true })
  steppedUpAt: Date | null;
}
