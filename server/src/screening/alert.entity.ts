import type { AlertLevel, FlagReason } from '@attune/shared';
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
import { ClientOwned } from '../clients/client-owned.entity.js';
import { Client } from '../clients/client.entity.js';
import { Screening } from './screening.entity.js';

/**
 * A safety flag that needs a clinician's acknowledgement. At most one open alert per screening
 * and critical item: a worse answer raises its level while it is open, or raises a new alert
 * (pointing back to the acknowledged one) once it was acknowledged. A milder answer changes nothing.
 */
@Entity('alerts')
@Check('alerts_level_check', `level IN ('immediate','urgent','check-in')`)
@Check('alerts_reason_check', `reason IN ('answered','declined','unanswered')`)
@Check('alerts_raised_from_check', `raised_from IN ('draft','submission')`)
@Check('alerts_acknowledged_check', `(acknowledged_at IS NULL) = (acknowledgement_note IS NULL)`)
@Index('alerts_one_open_per_item', ['screeningId', 'linkId'], {
  unique: true,
  where: 'acknowledged_at IS NULL',
})
@Index('alerts_screening_id_link_id_idx', ['screeningId', 'linkId'])
@Index('alerts_practice_id_acknowledged_at_idx', ['practiceId', 'acknowledgedAt'])
@Index('alerts_client_id_idx', ['clientId'])
@ForeignKey(() => Client, ['clientId', 'practiceId'], ['id', 'practiceId'], {
  name: 'alerts_client_fk',
  onDelete: 'CASCADE',
})
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
  level: AlertLevel;

  /** Orders answers within a level (the option's weight): a higher one at the same level is worse. */
  @Column('numeric', { default: 0 })
  answerRank: string;

  @Column('text')
  reason: FlagReason;

  @Column('text')
  message: string;

  @Column('text')
  raisedFrom: 'draft' | 'submission';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** When a worse answer last raised this (open) alert's level or rank. */
  @Column('timestamptz', { nullable: true })
  escalatedAt: Date | null;

  /** The acknowledged alert that a worse answer escalated into this one. */
  @Column('uuid', { nullable: true })
  escalatedFromAlertId: string | null;

  @ManyToOne(() => Alert, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({
    name: 'escalated_from_alert_id',
    foreignKeyConstraintName: 'alerts_escalated_from_alert_id_fkey',
  })
  escalatedFrom: Relation<Alert> | null;

  @Column('timestamptz', { nullable: true })
  acknowledgedAt: Date | null;

  @Column('uuid', { nullable: true })
  acknowledgedByUserId: string | null;

  @Column('text', { nullable: true })
  acknowledgementNote: string | null;
}
