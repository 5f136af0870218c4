import { type AppointmentStatus, SCHEDULING_LIMITS } from '@attune/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { PracticeOwned } from '../practices/practice-owned.entity.js';
import { Client } from '../clients/client.entity.js';
import { Membership } from '../members/membership.entity.js';
import { AppointmentType } from './appointment-type.entity.js';

/**
 * A booked session. Postgres itself refuses double booking: no two live appointments may
 * overlap for one therapist, nor for one client ([) ranges, so back-to-back is fine).
 */
@Entity('appointments')
@Check('appointments_status_check', `status IN ('booked','cancelled','completed','no_show')`)
@Check('appointments_range_check', `ends_at > starts_at`)
@Check(
  'appointments_change_request_check',
  `(change_request_kind IS NULL OR change_request_kind IN ('reschedule','cancel')) AND (change_request_kind IS NULL) = (change_requested_at IS NULL)`,
)
// No session is longer than the longest appointment type (SCHEDULING_LIMITS.durationMax), so a
// search for sessions overlapping a window can bound starts_at from below and use an index.
@Check(
  'appointments_length_check',
  `ends_at <= starts_at + interval '${SCHEDULING_LIMITS.durationMax} minutes'`,
)
@Exclusion(
  'appointments_therapist_no_overlap',
  `USING gist ("therapist_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" <> 'cancelled')`,
)
@Exclusion(
  'appointments_client_no_overlap',
  `USING gist ("client_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" <> 'cancelled')`,
)
@Index('appointments_practice_id_starts_at_idx', ['practiceId', 'startsAt'])
// The day-ahead reminder sweep reads booked sessions by start across practices.
@Index('appointments_booked_starts_at_idx', ['startsAt'], { where: `status = 'booked'` })
@Index('appointments_therapist_id_starts_at_idx', ['therapistId', 'startsAt'])
@Index('appointments_client_id_starts_at_idx', ['clientId', 'startsAt'])
@Index('appointments_booked_by_idempotency_key', ['bookedByUserId', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
@ForeignKey(() => Client, ['clientId', 'practiceId'], ['id', 'practiceId'], {
  name: 'appointments_client_fk',
  onDelete: 'RESTRICT',
})
@ForeignKey(() => Membership, ['therapistId', 'practiceId'], ['id', 'practiceId'], {
  name: 'appointments_therapist_fk',
  onDelete: 'RESTRICT',
})
export class Appointment extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  therapistId: string;

  @Column('uuid')
  clientId: string;

  @Column('uuid')
  typeId: string;

  @ManyToOne(() => AppointmentType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'type_id', foreignKeyConstraintName: 'appointments_type_id_fkey' })
  type: Relation<AppointmentType>;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('text', { default: 'booked' })
  status: AppointmentStatus;

  @Column('uuid')
  bookedByUserId: string;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('boolean', { default: false })
  lateCancel: boolean;

  @Column('text', { nullable: true })
  overrideReason: string | null;

  @Column('integer', { default: 1 })
  version: number;

  /** The Idempotency-Key the booking came with and a hash of its body: a retry gets this row. */
  @Column('text', { nullable: true })
  idempotencyKey: string | null;

  @Column('text', { nullable: true })
  requestHash: string | null;

  /** A client's pending request to move or cancel (inside the notice window), until handled. */
  @Column('text', { nullable: true })
  changeRequestKind: 'reschedule' | 'cancel' | null;

  @Column('text', { nullable: true })
  changeRequestNote: string | null;

  @Column('timestamptz', { nullable: true })
  changeRequestedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
