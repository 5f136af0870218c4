import type { InstrumentDefinition } from '@attune/shared';
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

/**
 * A versioned questionnaire definition. Built-in instruments have no practice; imported ones
 * belong to the practice that imported them. A trigger refuses any change to a stored definition:
 * a new version is a new row.
 */
@Entity('instruments')
@Check('instruments_source_check', `source IN ('builtin','fhir')`)
@Check('instruments_practice_source_check', `(source = 'builtin') = (practice_id IS NULL)`)
@Index('instruments_practice_id_key_version_key', ['practiceId', 'key', 'version'], {
  unique: true,
})
@Index('instruments_builtin_key_version_key', ['key', 'version'], {
  unique: true,
  where: 'practice_id IS NULL',
})
export class Instrument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { nullable: true })
  practiceId: string | null;

  @ManyToOne(() => Practice, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'practice_id', foreignKeyConstraintName: 'instruments_practice_id_fkey' })
  practice: Relation<Practice> | null;

  @Column('text')
  key: string;

  @Column('integer')
  version: number;

  @Column('text')
  title: string;

  @Column('boolean')
  validated: boolean;

  @Column('text')
  source: 'builtin' | 'fhir';

  @Column('jsonb')
  definition: InstrumentDefinition;

  @Column('uuid', { nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
