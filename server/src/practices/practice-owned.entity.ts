import { Column, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Practice } from './practice.entity.js';

/**
 * Every tenant row names its practice. The naming strategy gives the foreign key a readable
 * name per table (e.g. screenings_practice_id_fkey).
 */
export abstract class PracticeOwned {
  @Column('uuid')
  practiceId: string;

  @ManyToOne(() => Practice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'practice_id' })
  practice: Relation<Practice>;
}
