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
import { ClientOwned } from '../database/client-owned.entity.js';
import { Screening } from './screening.entity.js';

/** A safety flag that needs a clinician's acknowledgement. One per screening and critical item. */
@Entity('alerts')
@Check('alerts_severity_check', `severity IN ('urgent','review')`)
@Check('alerts_reason_check', `reason IN ('answered','declined')`)
@Check('alerts_raised_from_check', `raised_from IN ('draft','submission')`)
@Check('alerts_acknowledged_check', `(acknowledged_at IS NULL) = (acknowledgement_note IS NULL)`)
@Index('alerts_screening_id_link_id_key', ['screeningId', 'linkId'], { unique: true })
@Index('alerts_practice_id_acknowledged_at_idx', ['practiceId', 'acknowledgedAt'])
@Index('alerts_client_id_idx', ['clientId'])
export class Alert extends ClientOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  screeningId: string;

  @ManyToOne(() => Screening, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'screening_id', foreignKeyConstraintName: 'alerts_screening_id_fkey' })
  screening: Relation<Screening>;

  @Column('text')
  linkId: string;

  @Column('text')
  severity: 'urgent' | 'review';

  @Column('text')
  reason: 'answered' | 'declined';

  @Column('text')
  message: string;

  @Column('text')
  raisedFrom: 'draft' | 'submission';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  acknowledgedAt: Date | null;

  @Column('uuid', { nullable: true })
  acknowledgedByUserId: string | null;

  @Column('text', { nullable: true })
  acknowledgementNote: string | null;
}
