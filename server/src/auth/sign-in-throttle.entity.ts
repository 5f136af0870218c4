import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One sign-in throttle bucket: an account (`account:<email>`), a trusted device
 * (`device:<nonce>`) or a peer address (`ip:<address>`). Each attempt is counted here before
 * the password is checked, in one atomic statement, so parallel guesses cannot outrun the limit.
 * Kept in Postgres so that every app instance shares it.
 */
@Entity('sign_in_throttles')
export class SignInThrottle {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'sign_in_throttles_pkey' })
  key: string;

  @Column('integer', { default: 0 })
  failures: number;

  /** No attempt is checked before this moment. */
  @Column('timestamptz', { default: () => 'now()' })
  blockedUntil: Date;

  @Index('sign_in_throttles_updated_at_idx')
  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}
