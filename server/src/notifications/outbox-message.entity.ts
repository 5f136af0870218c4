import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Email waiting to go out. Written in the same transaction as the change it reports; senders on
 * any number of servers claim rows with FOR UPDATE SKIP LOCKED under a lease (see
 * OutboxRepository.claim).
 */
@Entity('outbox_messages')
@Check('outbox_messages_status_check', `status IN ('pending','sent','skipped','failed')`)
@Index('outbox_messages_status_run_after_idx', ['status', 'runAfter'])
@Index('outbox_messages_dedupe_key_key', ['dedupeKey'], { unique: true })
@Index('outbox_messages_practice_id_created_at_idx', ['practiceId', 'createdAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { nullable: true })
  practiceId: string | null;

  @Column('text')
  kind: string;

  @Column('text')
  toEmail: string;

  @Column('text')
  subject: string;

  @Column('text')
  bodyText: string;

  /** What the send-time check needs (e.g. the appointment and the start it was written for). */
  @Column('jsonb', { default: {} })
  payload: Record<string, string>;

  @Column('text', { nullable: true })
  dedupeKey: string | null;

  @Column('text', { default: 'pending' })
  status: 'pending' | 'sent' | 'skipped' | 'failed';

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { default: () => 'now()' })
  runAfter: Date;

  /** The sender holding the row until `runAfter` (its lease); see OutboxRepository.claim. */
  @Column('uuid', { nullable: true })
  leaseToken: string | null;

  @Column('text', { nullable: true })
  transport: string | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
