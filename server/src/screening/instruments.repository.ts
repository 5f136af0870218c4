import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CriticalItem, InstrumentDefinition } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { RowSource } from '../database/read-snapshot.js';
import { Instrument } from './instrument.entity.js';

// Only the latest version of each built-in is offered: older ones stay for the screenings that used them.
const LATEST_BUILTIN = `(i.practice_id IS NULL AND i.version = (SELECT max(b.version) FROM instruments b
  WHERE b.practice_id IS NULL AND b.key = i.key))`;

/** The instruments table and the practices' critical-item settings (instrument_critical_items). */
@Injectable()
export class InstrumentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Stores a built-in version once (a stored version is never changed); returns what is stored. */
  async seedBuiltin(def: InstrumentDefinition): Promise<InstrumentDefinition | null> {
    await this.ds.query(
      `INSERT INTO instruments (practice_id, key, version, title, validated, source, definition)
       VALUES (NULL, $1, $2, $3, $4, 'builtin', $5)
       ON CONFLICT (key, version) WHERE practice_id IS NULL DO NOTHING`,
      [def.key, def.version, def.title, def.validated, JSON.stringify(def)],
    );
    const [stored] = await this.ds.query<{ definition: InstrumentDefinition }[]>(
      `SELECT definition FROM instruments WHERE practice_id IS NULL AND key = $1 AND version = $2`,
      [def.key, def.version],
    );
    return stored?.definition ?? null;
  }

  /** The practice's catalogue: the latest of each built-in and its own imports. One query. */
  catalogue(practiceId: string): Promise<Instrument[]> {
    return this.ds
      .createQueryBuilder(Instrument, 'i')
      .where(`(i.practice_id = :p OR ${LATEST_BUILTIN})`, { p: practiceId })
      .orderBy('i.source')
      .addOrderBy('i.title')
      .addOrderBy('i.version', 'DESC')
      .getMany();
  }

  /** An instrument the practice can use (its own or a built-in), or null. */
  find(
    practiceId: string,
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<Instrument | null> {
    return m
      .createQueryBuilder(Instrument, 'i')
      .where('i.id = :id', { id })
      .andWhere('(i.practice_id IS NULL OR i.practice_id = :p)', { p: practiceId })
      .getOne();
  }

  latestBuiltin(key: string, m: EntityManager): Promise<Instrument | null> {
    return m
      .createQueryBuilder(Instrument, 'i')
      .where('i.practice_id IS NULL AND i.key = :key', { key })
      .orderBy('i.version', 'DESC')
      .getOne();
  }

  /** The practice's critical items for an instrument, with who set them last; null if none. */
  async criticalItems(
    instrumentId: string,
    practiceId: string,
    m: EntityManager = this.ds.manager,
  ): Promise<{
    items: CriticalItem[];
    version: number;
    updated_at: Date;
    updated_by: string | null;
  } | null> {
    const [row] = await m.query<
      { items: CriticalItem[]; version: number; updated_at: Date; updated_by: string | null }[]
    >(
      `SELECT s.items, s.version, s.updated_at, u.display_name AS updated_by
         FROM instrument_critical_items s LEFT JOIN users u ON u.id = s.updated_by_user_id
        WHERE s.instrument_id = $1 AND s.practice_id = $2`,
      [instrumentId, practiceId],
    );
    return row ?? null;
  }

  /**
   * The instruments a client's screenings use, each with the practice's critical items in
   * force (as `effective` gives them): one query, bounded by the catalogue, not by the client.
   */
  async usedByClient(
    src: RowSource,
    clientId: string,
    practiceId: string,
  ): Promise<Map<string, InstrumentDefinition>> {
    const rows = await src.query<{
      id: string;
      definition: InstrumentDefinition;
      items: CriticalItem[] | null;
    }>(
      `SELECT i.id, i.definition, CASE WHEN i.source = 'fhir' THEN ci.items END AS items
         FROM instruments i
         LEFT JOIN instrument_critical_items ci ON ci.instrument_id = i.id AND ci.practice_id = $2
        WHERE i.id IN (SELECT s.instrument_id FROM screenings s WHERE s.client_id = $1)`,
      [clientId, practiceId],
    );
    return new Map(
      rows.map((r) => [r.id, r.items ? { ...r.definition, criticalItems: r.items } : r.definition]),
    );
  }

  /** Serialises imports of one key in a practice; returns the next version number. */
  async nextVersion(m: EntityManager, practiceId: string, key: string): Promise<number> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1 || $2))', [practiceId, key]);
    const [{ next }] = await m.query<[{ next: number }]>(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM instruments WHERE practice_id = $1 AND key = $2`,
      [practiceId, key],
    );
    return next;
  }

  insert(
    m: EntityManager,
    i: Pick<
      Instrument,
      | 'practiceId'
      | 'key'
      | 'version'
      | 'title'
      | 'validated'
      | 'source'
      | 'definition'
      | 'createdByUserId'
    >,
  ): Promise<Instrument> {
    return m.save(m.create(Instrument, i));
  }

  /** Serialises changes to one instrument's critical items. */
  async lockCriticalItems(m: EntityManager, instrumentId: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`critical:${instrumentId}`]);
  }

  async saveCriticalItems(
    m: EntityManager,
    s: {
      practiceId: string;
      instrumentId: string;
      items: CriticalItem[];
      version: number;
      userId: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO instrument_critical_items (practice_id, instrument_id, items, version, updated_by_user_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (instrument_id) DO UPDATE SET items = $3, version = $4, updated_by_user_id = $5, updated_at = now()`,
      [s.practiceId, s.instrumentId, JSON.stringify(s.items), s.version, s.userId],
    );
  }
}
