import type { CriticalItem } from '@attune/shared';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { PracticeOwned } from '../practices/practice-owned.entity.js';
import { Instrument } from './instrument.entity.js';

/**
 * A practice's own critical items for one imported instrument. Stored beside the instrument,
 * not in it: definitions are immutable once used, and a safety setting must reach screenings
 * already in progress, so it is applied whenever answers are scored.
 */
@Entity('instrument_critical_items')
@Index('instrument_critical_items_instrument_id_key', ['instrumentId'], { unique: true })
export class CriticalItemsSetting extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  instrumentId: string;

  @ManyToOne(() => Instrument, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'instrument_id',
    foreignKeyConstraintName: 'instrument_critical_items_instrument_id_fkey',
  })
  instrument: Relation<Instrument>;

  @Column('jsonb')
  items: CriticalItem[];

  @Column('integer', { default: 1 })
  version: number;

  @Column('uuid')
  updatedByUserId: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
