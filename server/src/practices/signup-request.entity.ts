import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A sign-up waiting for its email to be confirmed. Sign-up answers the same whether or not the
 * email already has an account (no account enumeration), so the practice is created only when
 * the link mailed to that address is used. Only the SHA-256 of the token and the argon2id hash
 * of the password are stored; rows are single-use and expire.
 */
@Entity('signup_requests')
export class SignupRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('signup_requests_token_hash_key', { unique: true })
  @Column('bytea')
  tokenHash: Buffer;

  @Column('citext')
  email: string;

  @Column('text')
  practiceName: string;

  @Column('text')
  timeZone: string;

  @Column('text')
  displayName: string;

  @Column('text')
  passwordHash: string;

  @Column('boolean', { default: false })
  adminIsTherapist: boolean;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
