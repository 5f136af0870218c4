import type { Answers, ScoreResult, ScreeningStatus } from '@attune/shared';
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
  UpdateDateColumn,
} from 'typeorm';
import { ClientOwned } from '../clients/client-owned.entity.js';
import { Client } from '../clients/client.entity.js';
import { Instrument } from './instrument.entity.js';

/** One administration of an instrument to a client: assigned → in progress → submitted / cancelled. */
@Entity('screenings')
@Check('screenings_status_check', `status IN ('assigned','in_progress','submitted','cancelled')`)
@Check(
  'screenings_submitted_check',
  `(status = 'submitted') = (submitted_at IS NOT NULL AND result IS NOT NULL)`,
)
@Index('screenings_client_id_created_at_idx', ['clientId', 'createdAt'])
@Index('screenings_practice_id_status_idx', ['practiceId', 'status'])
// The dashboard's "recently submitted": newest first within a practice, read backwards.
@Index('screenings_practice_id_submitted_at_idx', ['practiceId', 'submittedAt'], {
  where: `status = 'submitted'`,
})
@ForeignKey(() => Client, ['clientId', 'practiceId'], ['id', 'practiceId'], {
  name: 'screenings_client_fk',
  onDelete: 'CASCADE',
})
export class Screening extends ClientOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  instrumentId: string;

  @ManyToOne(() => Instrument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'instrument_id', foreignKeyConstraintName: 'screenings_instrument_id_fkey' })
  instrument: Relation<Instrument>;

  @Column('uuid')
  assignedByUserId: string;

  @Column('text', { default: 'assigned' })
  status: ScreeningStatus;

  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  @Column('text', { nullable: true })
  note: string | null;

  /** The autosaved draft; after submission, the answers that were scored. */
  @Column('jsonb', { default: {} })
  answers: Answers;

  @Column('integer', { default: 0 })
  draftVersion: number;

  @Column('jsonb', { nullable: true })
  result: ScoreResult | null;

  @Column('text', { nullable: true })
  engineVersion: string | null;

  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  @Column('uuid', { nullable: true })
  submittedByUserId: string | null;

  /** The Idempotency-Key of the accepted submission and a hash of its body. */
  @Column('text', { nullable: true })
  idempotencyKey: string | null;

  @Column('text', { nullable: true })
  requestHash: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
