import type { ModuleContent } from '@attune/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { PsychoedModule } from './module.entity.js';

/** Append-only history of module versions. */
@Entity('module_versions')
export class ModuleVersion {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'module_versions_pkey' })
  moduleId: string;

  @PrimaryColumn('integer', { primaryKeyConstraintName: 'module_versions_pkey' })
  version: number;

  @ManyToOne(() => PsychoedModule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'module_versions_module_id_fkey' })
  module: Relation<PsychoedModule>;

  @Column('jsonb')
  content: ModuleContent;

  @Column('uuid', { nullable: true })
  authorUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
