import type { AppointmentKind } from '@attune/shared';
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
import { Practice } from '../practices/practice.entity.js';

@Entity('appointment_types')
@Check('appointment_types_kind_check', `kind IN ('intake','ongoing','other')`)
@Check('appointment_types_duration_check', `duration_minutes BETWEEN 5 AND 480`)
@Index('appointment_types_default_key', ['practiceId', 'kind'], {
  unique: true,
  where: 'is_default',
})
export class AppointmentType {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('appointment_types_practice_id_idx')
  @Column('uuid')
  practiceId: string;

  @ManyToOne(() => Practice, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'practice_id',
    foreignKeyConstraintName: 'appointment_types_practice_id_fkey',
  })
  practice: Relation<Practice>;

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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
