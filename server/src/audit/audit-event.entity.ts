import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only trail of access to and changes of practice data. A trigger created by the
 * migration rejects UPDATE, DELETE and TRUNCATE, whoever asks.
 */
@Entity('audit_events')
@Index('audit_events_practice_id_created_at_idx', ['practiceId', 'createdAt'])
@Index('audit_events_action_created_at_idx', ['action', 'createdAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { nullable: true })
  practiceId: string | null;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('text')
  action: string;

  @Column('text', { nullable: true })
  entityType: string | null;

  @Column('uuid', { nullable: true })
  entityId: string | null;

  @Index('audit_events_client_id_idx')
  @Column('uuid', { nullable: true })
  clientId: string | null;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('jsonb', { default: {} })
  meta: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
