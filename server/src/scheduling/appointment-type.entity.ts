import type { AppointmentKind } from '@attune/shared';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PracticeOwned } from '../practices/practice-owned.entity.js';

@Entity('appointment_types')
@Check('appointment_types_kind_check', `kind IN ('intake','ongoing','other')`)
@Check('appointment_types_duration_check', `duration_minutes BETWEEN 5 AND 480`)
@Index('appointment_types_default_key', ['practiceId', 'kind'], {
  unique: true,
  where: 'is_default',
})
@Index('appointment_types_practice_id_idx', ['practiceId'])
export class AppointmentType extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('integer')
  durationMinutes: number;

  @Column('text')
  kind: AppointmentKind;

  @Column('boolean', { default: false })
  isDefault: boolean;

  @Column('boolean', { default: true })
  active: boolean;

  /** Clients may book this type themselves when the practice allows self-booking. */
  @Column('boolean', { default: false })
  clientBookable: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
