import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppointmentTypeView } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';

interface TypeRow {
  id: string;
  name: string;
  duration_minutes: number;
  kind: AppointmentTypeView['kind'];
  is_default: boolean;
  active: boolean;
}

const toType = (r: TypeRow): AppointmentTypeView => ({
  id: r.id,
  name: r.name,
  durationMinutes: r.duration_minutes,
  kind: r.kind,
  isDefault: r.is_default,
  active: r.active,
});

const COLUMNS = 'id, name, duration_minutes, kind, is_default, active';

/** The appointment_types table. */
@Injectable()
export class AppointmentTypesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A new practice's sensible starting types; admins rename or add their own. */
  async insertDefaults(m: EntityManager, practiceId: string): Promise<void> {
    await m.query(
      `INSERT INTO appointment_types (practice_id, name, duration_minutes, kind, is_default)
       VALUES ($1, 'Intake session', 60, 'intake', true), ($1, 'Ongoing session', 50, 'ongoing', true)`,
      [practiceId],
    );
  }

  async list(practiceId: string): Promise<AppointmentTypeView[]> {
    const rows = await this.ds.query<TypeRow[]>(
      `SELECT ${COLUMNS} FROM appointment_types WHERE practice_id = $1 ORDER BY active DESC, kind, name`,
      [practiceId],
    );
    return rows.map(toType);
  }

  async find(
    practiceId: string,
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<AppointmentTypeView | null> {
    const [row] = await m.query<TypeRow[]>(
      `SELECT ${COLUMNS} FROM appointment_types WHERE id = $1 AND practice_id = $2`,
      [id, practiceId],
    );
    return row ? toType(row) : null;
  }

  /** The active types clients may book themselves, shortest first. */
  async clientBookable(
    practiceId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<AppointmentTypeView[]> {
    const rows = await m.query<TypeRow[]>(
      `SELECT ${COLUMNS} FROM appointment_types
        WHERE practice_id = $1 AND active AND client_bookable ORDER BY duration_minutes, name`,
      [practiceId],
    );
    return rows.map(toType);
  }

  /** Which of `ids` are active types of the practice. */
  async activeIds(m: EntityManager, practiceId: string, ids: readonly string[]): Promise<string[]> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT id FROM appointment_types WHERE practice_id = $1 AND active AND id = ANY($2::uuid[])`,
      [practiceId, ids],
    );
    return rows.map((r) => r.id);
  }

  /** Exactly these of the practice's types may be booked by clients; the rest may not. */
  async setClientBookable(
    m: EntityManager,
    practiceId: string,
    ids: readonly string[],
  ): Promise<void> {
    await m.query(
      `UPDATE appointment_types SET client_bookable = (id = ANY($2::uuid[])) WHERE practice_id = $1`,
      [practiceId, ids],
    );
  }

  /** One default per kind: clears the others of the kind (except `keep`). */
  async clearDefault(
    m: EntityManager,
    practiceId: string,
    kind: string,
    keep: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE appointment_types SET is_default = false
        WHERE practice_id = $1 AND kind = $2 AND ($3::uuid IS NULL OR id <> $3)`,
      [practiceId, kind, keep],
    );
  }

  async insert(
    m: EntityManager,
    practiceId: string,
    t: { name: string; durationMinutes: number; kind: string; isDefault: boolean },
  ): Promise<AppointmentTypeView> {
    const [row] = await m.query<[TypeRow]>(
      `INSERT INTO appointment_types (practice_id, name, duration_minutes, kind, is_default)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [practiceId, t.name, t.durationMinutes, t.kind, t.isDefault],
    );
    return toType(row);
  }

  async update(m: EntityManager, t: AppointmentTypeView): Promise<AppointmentTypeView> {
    const [[row]] = await m.query<[[TypeRow], number]>(
      `UPDATE appointment_types SET name = $2, duration_minutes = $3, kind = $4, is_default = $5, active = $6
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [t.id, t.name, t.durationMinutes, t.kind, t.isDefault && t.active, t.active],
    );
    return toType(row);
  }
}
