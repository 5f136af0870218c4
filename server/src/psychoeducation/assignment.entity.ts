import type { AssignmentStatus } from '@attune/shared';
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
import { PsychoedModule } from './module.entity.js';

/** A module assigned to a client, with reading progress. At most one live assignment per module. */
@Entity('module_assignments')
@Check('module_assignments_status_check', `status IN ('assigned','completed','withdrawn')`)
@Check('module_assignments_helpful_check', `helpful IS NULL OR helpful BETWEEN 1 AND 5`)
@Index('module_assignments_client_id_module_id_key', ['clientId', 'moduleId'], {
  unique: true,
  where: `status <> 'withdrawn'`,
})
@Index('module_assignments_client_id_position_idx', ['clientId', 'position'])
@ForeignKey(() => Client, ['clientId', 'practiceId'], ['id', 'practiceId'], {
  name: 'module_assignments_client_fk',
  onDelete: 'CASCADE',
})
export class ModuleAssignment extends ClientOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  moduleId: string;

  @ManyToOne(() => PsychoedModule, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'module_id', foreignKeyConstraintName: 'module_assignments_module_id_fkey' })
  module: Relation<PsychoedModule>;

  @Column('uuid')
  assignedByUserId: string;

  @Column('text', { default: 'assigned' })
  status: AssignmentStatus;

  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('integer')
  position: number;

  @Column('integer', { array: true, default: () => "'{}'" })
  sectionsRead: number[];

  @Column('integer', { nullable: true })
  lastSection: number | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @Column('smallint', { nullable: true })
  helpful: number | null;

  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
