import type { ModuleContent, SignTag } from '@attune/shared';
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
  UpdateDateColumn,
} from 'typeorm';
import { Practice } from '../practices/practice.entity.js';

/** A psychoeducation module (current version). Every version is also kept in module_versions. */
@Entity('modules')
@Check('modules_source_check', `source IN ('builtin','practice')`)
@Check('modules_practice_source_check', `(source = 'builtin') = (practice_id IS NULL)`)
@Index('modules_practice_id_slug_key', ['practiceId', 'slug'], { unique: true })
@Index('modules_builtin_slug_key', ['slug'], { unique: true, where: 'practice_id IS NULL' })
export class PsychoedModule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { nullable: true })
  practiceId: string | null;

  @ManyToOne(() => Practice, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'practice_id', foreignKeyConstraintName: 'modules_practice_id_fkey' })
  practice: Relation<Practice> | null;

  @Column('text')
  slug: string;

  @Column('integer')
  version: number;

  @Column('text')
  title: string;

  @Column('text')
  summary: string;

  @Column('integer')
  readingMinutes: number;

  @Column('text', { array: true })
  signTags: SignTag[];

  @Column('jsonb')
  content: ModuleContent;

  @Column('text')
  source: 'builtin' | 'practice';

  @Column('uuid', { nullable: true })
  authorUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
