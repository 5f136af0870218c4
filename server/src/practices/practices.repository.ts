import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PracticeSummary } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Practice } from './practice.entity.js';

export function toPracticeSummary(p: Practice): PracticeSummary {
  return {
    id: p.id,
    name: p.name,
    timeZone: p.timeZone,
    crisisText: p.crisisText,
    cancellationWindowHours: p.cancellationWindowHours,
    requireStaffMfa: p.requireStaffMfa,
    retentionYears: p.retentionYears,
  };
}

/** The practices table. */
@Injectable()
export class PracticesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  find(id: string, m: EntityManager = this.ds.manager): Promise<Practice> {
    return m.findOneByOrFail(Practice, { id });
  }

  async summary(id: string): Promise<PracticeSummary> {
    return toPracticeSummary(await this.find(id));
  }

  insert(
    m: EntityManager,
    p: Pick<Practice, 'name' | 'timeZone' | 'crisisText'>,
  ): Promise<Practice> {
    return m.save(m.create(Practice, p));
  }

  save(m: EntityManager, p: Practice): Promise<Practice> {
    return m.save(p);
  }

  /** Whether clients may book themselves, and the notice window (the cancellation window). */
  async selfBooking(
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<{ enabled: boolean; noticeHours: number; timeZone: string }> {
    const [row] = await m.query<
      [{ self_booking_enabled: boolean; cancellation_window_hours: number; time_zone: string }]
    >(
      'SELECT self_booking_enabled, cancellation_window_hours, time_zone FROM practices WHERE id = $1',
      [id],
    );
    return {
      enabled: row.self_booking_enabled,
      noticeHours: row.cancellation_window_hours,
      timeZone: row.time_zone,
    };
  }

  async setSelfBooking(m: EntityManager, id: string, enabled: boolean): Promise<void> {
    await m.query(
      'UPDATE practices SET self_booking_enabled = $2, updated_at = now() WHERE id = $1',
      [id, enabled],
    );
  }

  /** The practice's name, zone and crisis text, for mail, calendars and the client's screener. */
  async profile(
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<{ name: string; timeZone: string; crisisText: string }> {
    const [row] = await m.query<[{ name: string; time_zone: string; crisis_text: string }]>(
      'SELECT name, time_zone, crisis_text FROM practices WHERE id = $1',
      [id],
    );
    return { name: row.name, timeZone: row.time_zone, crisisText: row.crisis_text };
  }
}
