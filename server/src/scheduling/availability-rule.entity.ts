import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PracticeOwned } from '../practices/practice-owned.entity.js';
import { Membership } from '../members/membership.entity.js';

/** A weekly block of working hours in the therapist's own time zone (weekday 1 = Monday). */
@Entity('availability_rules')
@Check('availability_rules_weekday_check', `weekday BETWEEN 1 AND 7`)
@Check('availability_rules_time_check', `end_time > start_time`)
@Check(
  'availability_rules_dates_check',
  `valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from`,
)
@ForeignKey(() => Membership, ['therapistId', 'practiceId'], ['id', 'practiceId'], {
  name: 'availability_rules_therapist_fk',
  onDelete: 'CASCADE',
})
export class AvailabilityRuleEntity extends PracticeOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('availability_rules_therapist_id_idx')
  @Column('uuid')
  therapistId: string;

  @Column('text')
  timeZone: string;

  @Column('smallint')
  weekday: number;

  @Column('time')
  startTime: string;

  @Column('time')
  endTime: string;

  @Column('date', { nullable: true })
  validFrom: string | null;

  @Column('date', { nullable: true })
  validUntil: string | null;
}
