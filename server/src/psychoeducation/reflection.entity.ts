import {
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
import { ModuleAssignment } from './assignment.entity.js';

/** A client's answer to a module prompt. Private unless the client shares it. */
@Entity('reflections')
@Index('reflections_assignment_id_prompt_id_key', ['assignmentId', 'promptId'], { unique: true })
@Index('reflections_client_id_idx', ['clientId'])
@ForeignKey(() => Client, ['clientId', 'practiceId'], ['id', 'practiceId'], {
  name: 'reflections_client_fk',
  onDelete: 'CASCADE',
})
export class Reflection extends ClientOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  assignmentId: string;

  @ManyToOne(() => ModuleAssignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'reflections_assignment_id_fkey' })
  assignment: Relation<ModuleAssignment>;

  @Column('text')
  promptId: string;

  @Column('text')
  body: string;

  @Column('boolean', { default: false })
  shared: boolean;

  @Column('timestamptz', { nullable: true })
  sharedAt: Date | null;

  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
