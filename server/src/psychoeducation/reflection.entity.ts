import {
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
import { Client } from '../clients/client.entity.js';
import { Practice } from '../practices/practice.entity.js';
import { ModuleAssignment } from './assignment.entity.js';

/** A client's answer to a module prompt. Private unless the client shares it. */
@Entity('reflections')
@Index('reflections_assignment_id_prompt_id_key', ['assignmentId', 'promptId'], { unique: true })
export class Reflection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  practiceId: string;

  @ManyToOne(() => Practice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'practice_id', foreignKeyConstraintName: 'reflections_practice_id_fkey' })
  practice: Relation<Practice>;

  @Index('reflections_client_id_idx')
  @Column('uuid')
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'reflections_client_id_fkey' })
  client: Relation<Client>;

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
