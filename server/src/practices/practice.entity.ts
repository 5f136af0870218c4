import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('practices')
@Check('practices_retention_years_check', `retention_years BETWEEN 1 AND 100`)
export class Practice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  timeZone: string;

  /** The practice's own after-hours / crisis text shown beside 988 on client pages. */
  @Column('text', { default: '' })
  crisisText: string;

  /** Cancelling closer than this to the start counts as late. */
  @Column('integer', { default: 24 })
  cancellationWindowHours: number;

  /** Clients may book, move and cancel their own sessions (see the scheduling feature). */
  @Column('boolean', { default: false })
  selfBookingEnabled: boolean;

  /** Staff must set up a second step (TOTP) before they reach anything. */
  @Column('boolean', { default: false })
  requireStaffMfa: boolean;

  /** The practice's stated retention period for closed records, in years (Attune deletes none). */
  @Column('integer', { default: 7 })
  retentionYears: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
