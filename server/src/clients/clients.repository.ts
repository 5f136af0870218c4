import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountState, ClientStatus, ClientSummary } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scope } from '../common/access/access.policy.js';
import type { RowSource } from '../database/read-snapshot.js';
import { run, statement } from '../database/statements.js';
import { Client } from './client.entity.js';

export interface ClientRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  pronouns: string | null;
  email: string | null;
  time_zone: string | null;
  status: ClientStatus;
  version: number;
  created_at: Date;
  closed_at: Date | null;
  therapist_id: string | null;
  therapist_name: string | null;
  user_id: string | null;
  user_disabled_at: Date | null;
  invited: boolean;
}

/** What other features need of a client record (status, contact, login). */
export interface ClientRecord {
  id: string;
  userId: string | null;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  email: string | null;
  status: ClientStatus;
}

function accountState(r: ClientRow): AccountState {
  if (r.user_id) return r.user_disabled_at || r.status === 'inactive' ? 'disabled' : 'active';
  return r.invited ? 'invited' : 'none';
}

export function toClientSummary(r: ClientRow): ClientSummary {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    preferredName: r.preferred_name,
    pronouns: r.pronouns,
    email: r.email,
    timeZone: r.time_zone,
    status: r.status,
    account: accountState(r),
    primaryTherapist: r.therapist_id
      ? { id: r.therapist_id, displayName: r.therapist_name ?? '' }
      : null,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    version: r.version,
  };
}

// Client rows with therapist name and account state (a pending invitation counts), scoped.
const SUMMARY = `SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.pronouns, c.email, c.time_zone,
    c.status, c.version, c.created_at, c.closed_at, c.primary_therapist_id AS therapist_id, tu.display_name AS therapist_name,
    c.user_id, cu.disabled_at AS user_disabled_at,
    EXISTS (SELECT 1 FROM invitations i WHERE i.client_id = c.id AND i.accepted_at IS NULL
             AND i.revoked_at IS NULL AND i.expires_at > now()) AS invited
  FROM clients c
  LEFT JOIN memberships tm ON tm.id = c.primary_therapist_id
  LEFT JOIN users tu ON tu.id = tm.user_id
  LEFT JOIN users cu ON cu.id = c.user_id
 WHERE c.practice_id = $1 AND ($2::uuid IS NULL OR c.primary_therapist_id = $2)
   AND ($3::uuid IS NULL OR c.id = $3)`;

/** One client ($4) in a scope ($1 practice, $2 therapist or null, $3 client or null). */
export const CLIENT_SUMMARY = statement('client_summary', `${SUMMARY} AND c.id = $4`);

const scope = (s: Scope) => [s.practiceId, s.therapistId, s.clientId];

/** A client who may get the gentle weekly reminder (the caller checks their clock and their work). */
export interface ReminderRecipient {
  id: string;
  practice_id: string;
  name: string;
  email: string;
  /** The client's own zone, or the practice's. */
  time_zone: string;
  practice_name: string;
}

/** A client's record as an export starts it: the details and the practice they belong to. */
export interface ClientExportRow {
  id: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  pronouns: string | null;
  email: string | null;
  time_zone: string | null;
  status: ClientStatus;
  created_at: Date;
  closed_at: Date | null;
  therapist_name: string | null;
  practice_name: string;
  practice_zone: string;
}

/** The clients table: records, summaries, counts. */
@Injectable()
export class ClientsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * A page of the scope's clients by name, optionally searched and filtered: one query whose
   * order matches clients_practice_id_last_name_idx, so a page costs the same at any size.
   */
  async page(
    s: Scope,
    q: {
      like: string | null;
      status: ClientStatus | null;
      /** Only closed records older than the practice's retention period. */
      pastRetention: boolean;
      after: (string | number)[] | null;
    },
    limit: number,
  ): Promise<{ rows: ClientSummary[]; keys: [string, string, string][] }> {
    const rows = await this.ds.query<ClientRow[]>(
      `${SUMMARY}
         AND ($4::text IS NULL OR c.first_name ILIKE $4 OR c.last_name ILIKE $4
              OR c.preferred_name ILIKE $4 OR c.email ILIKE $4)
         AND ($5::text IS NULL OR c.status = $5)
         AND ($6::text IS NULL OR (c.last_name, c.first_name, c.id) > ($6, $7, $8::uuid))
         AND (NOT $10 OR (c.status = 'inactive' AND c.closed_at < now() - make_interval(
               years => (SELECT p.retention_years FROM practices p WHERE p.id = $1))))
       ORDER BY c.last_name, c.first_name, c.id
       LIMIT $9`,
      [
        ...scope(s),
        q.like,
        q.status,
        q.after?.[0] ?? null,
        q.after?.[1] ?? null,
        q.after?.[2] ?? null,
        limit,
        q.pastRetention,
      ],
    );
    return {
      rows: rows.map(toClientSummary),
      keys: rows.map((r) => [r.last_name, r.first_name, r.id]),
    };
  }

  async summary(s: Scope, id: string, m?: EntityManager): Promise<ClientSummary | null> {
    const [row] = await run<ClientRow>(this.ds, CLIENT_SUMMARY, [...scope(s), id], m);
    return row ? toClientSummary(row) : null;
  }

  async record(id: string, m: EntityManager = this.ds.manager): Promise<ClientRecord | null> {
    const [row] = await m.query<ClientRecord[]>(
      `SELECT id, user_id AS "userId", first_name AS "firstName", last_name AS "lastName",
              preferred_name AS "preferredName", email, status
         FROM clients WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The head of a client's export (access already checked), read in the export's snapshot. */
  async exportHead(src: RowSource, id: string): Promise<ClientExportRow | null> {
    const [row] = await src.query<ClientExportRow>(
      `SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.pronouns, c.email, c.time_zone,
              c.status, c.created_at, c.closed_at, tu.display_name AS therapist_name,
              p.name AS practice_name, p.time_zone AS practice_zone
         FROM clients c
         JOIN practices p ON p.id = c.practice_id
         LEFT JOIN memberships tm ON tm.id = c.primary_therapist_id
         LEFT JOIN users tu ON tu.id = tm.user_id
        WHERE c.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Holds the client's row until the transaction ends (serialises work on one client). */
  async lock(id: string, m: EntityManager): Promise<void> {
    await m.query('SELECT 1 FROM clients WHERE id = $1 FOR UPDATE', [id]);
  }

  async insert(
    m: EntityManager,
    c: Pick<
      Client,
      | 'practiceId'
      | 'firstName'
      | 'lastName'
      | 'preferredName'
      | 'pronouns'
      | 'email'
      | 'timeZone'
      | 'primaryTherapistId'
    >,
  ): Promise<string> {
    const saved = await m.save(m.create(Client, c));
    return saved.id;
  }

  /** Applies a change if the version still matches; false when someone else changed it first. */
  async update(
    m: EntityManager,
    id: string,
    version: number,
    changes: Record<string, unknown>,
  ): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(Client)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return !!result.affected;
  }

  /**
   * Closes (inactive, with the time) or reopens a record; false when it already was. Only the
   * record's state changes: nothing clinical is touched.
   */
  async setOpen(m: EntityManager, id: string, open: boolean): Promise<boolean> {
    const [, changed] = await m.query<[unknown[], number]>(
      `UPDATE clients SET status = CASE WHEN $2 THEN 'active' ELSE 'inactive' END,
              closed_at = CASE WHEN $2 THEN NULL ELSE now() END,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND status = CASE WHEN $2 THEN 'inactive' ELSE 'active' END RETURNING id`,
      [id, open],
    );
    return !!changed;
  }

  /** Links a new login to an active client without one (invitation accepted). */
  async linkUser(
    m: EntityManager,
    clientId: string,
    practiceId: string,
    userId: string,
  ): Promise<boolean> {
    const [, linked] = await m.query<[unknown[], number]>(
      `UPDATE clients SET user_id = $1, version = version + 1, updated_at = now()
        WHERE id = $2 AND practice_id = $3 AND user_id IS NULL AND status = 'active' RETURNING id`,
      [userId, clientId, practiceId],
    );
    return !!linked;
  }

  /** Whether the client wants the gentle weekly reminder. */
  async gentleReminders(id: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    const [row] = await m.query<{ enabled: boolean }[]>(
      'SELECT gentle_reminders AS enabled FROM clients WHERE id = $1',
      [id],
    );
    return row?.enabled ?? false;
  }

  /** A preference, not a change to the record: the version staff edit against stays as it is. */
  async setGentleReminders(m: EntityManager, id: string, on: boolean): Promise<void> {
    await m.query('UPDATE clients SET gentle_reminders = $2 WHERE id = $1', [id, on]);
  }

  /**
   * A page (by id) of active clients with a working login and an email who have not turned the
   * gentle reminder off, with the zone their week is counted in. One query.
   */
  reminderRecipients(after: string | null, limit: number): Promise<ReminderRecipient[]> {
    return this.ds.query<ReminderRecipient[]>(
      `SELECT c.id, c.practice_id, coalesce(c.preferred_name, c.first_name) AS name, c.email,
              coalesce(c.time_zone, p.time_zone) AS time_zone, p.name AS practice_name
         FROM clients c JOIN practices p ON p.id = c.practice_id JOIN users u ON u.id = c.user_id
        WHERE c.gentle_reminders AND c.status = 'active' AND c.email IS NOT NULL
          AND u.disabled_at IS NULL AND ($1::uuid IS NULL OR c.id > $1)
        ORDER BY c.id LIMIT $2`,
      [after, limit],
    );
  }

  /** Active clients of the scope, and those without a therapist. */
  async counts(s: Scope): Promise<{ active: number; unassigned: number }> {
    const [row] = await this.ds.query<[{ active: number; unassigned: number }]>(
      `SELECT count(*) FILTER (WHERE c.status = 'active')::int AS active,
              count(*) FILTER (WHERE c.status = 'active' AND c.primary_therapist_id IS NULL)::int AS unassigned
         FROM clients c
        WHERE c.practice_id = $1 AND ($2::uuid IS NULL OR c.primary_therapist_id = $2)
          AND ($3::uuid IS NULL OR c.id = $3)`,
      scope(s),
    );
    return row;
  }
}
