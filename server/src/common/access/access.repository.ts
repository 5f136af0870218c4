import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessTarget } from '@attune/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { run, type Statement, statement } from '../../database/statements.js';

/**
 * Who a caller reaches, as SQL parameters: the practice always; with `therapistId` only that
 * therapist's caseload (or calendar); with `clientId` only that client. Fixed SQL reads it, so
 * every check is one prepared-friendly statement whatever the role.
 */
export interface Scope {
  practiceId: string;
  therapistId: string | null;
  clientId: string | null;
}

/** Invitations a caller reaches: all of the practice's, or the ones they sent or that name their clients. */
export interface InvitationScope {
  practiceId: string;
  invitedBy: string | null;
  caseload: string | null;
}

/** What the policy reads about an object to decide (beyond "is it in reach"). */
export interface AccessRow {
  id: string;
  /** screenings, module_assignments (the reading's, for reflections) */
  status?: string;
  /** modules */
  source?: string;
  author_user_id?: string | null;
}

// The scope of a client row `c`, used by every client-owned check below.
const CLIENT_IN_SCOPE = `c.practice_id = $2 AND ($3::uuid IS NULL OR c.primary_therapist_id = $3)
  AND ($4::uuid IS NULL OR c.id = $4)`;

type Check = {
  sql: Statement;
  params: (ids: readonly string[], scope: Scope & InvitationScope) => unknown[];
};

const scoped = (ids: readonly string[], s: Scope) => [ids, s.practiceId, s.therapistId, s.clientId];

const CHECKS: Record<Exclude<AccessTarget, 'none'>, Check> = {
  client: {
    sql: statement(
      'access_client',
      `SELECT c.id FROM clients c WHERE c.id = ANY($1::uuid[]) AND ${CLIENT_IN_SCOPE}`,
    ),
    params: scoped,
  },
  screening: {
    sql: statement(
      'access_screening',
      `SELECT s.id, s.status FROM screenings s JOIN clients c ON c.id = s.client_id
           WHERE s.id = ANY($1::uuid[]) AND ${CLIENT_IN_SCOPE}`,
    ),
    params: scoped,
  },
  alert: {
    sql: statement(
      'access_alert',
      `SELECT a.id FROM alerts a JOIN clients c ON c.id = a.client_id
           WHERE a.id = ANY($1::uuid[]) AND ${CLIENT_IN_SCOPE}`,
    ),
    params: scoped,
  },
  assignment: {
    sql: statement(
      'access_assignment',
      `SELECT a.id, a.status FROM module_assignments a JOIN clients c ON c.id = a.client_id
           WHERE a.id = ANY($1::uuid[]) AND a.practice_id = $2 AND ${CLIENT_IN_SCOPE}`,
    ),
    params: scoped,
  },
  // A reflection answers with its reading's status (a withdrawn reading hides its reflections).
  reflection: {
    sql: statement(
      'access_reflection',
      `SELECT r.id, a.status FROM reflections r
            JOIN module_assignments a ON a.id = r.assignment_id JOIN clients c ON c.id = r.client_id
           WHERE r.id = ANY($1::uuid[]) AND r.practice_id = $2 AND ${CLIENT_IN_SCOPE}`,
    ),
    params: scoped,
  },
  // A therapist's calendar is theirs, whoever's caseload the client is on.
  appointment: {
    sql: statement(
      'access_appointment',
      `SELECT a.id FROM appointments a
           WHERE a.id = ANY($1::uuid[]) AND a.practice_id = $2
             AND ($3::uuid IS NULL OR a.therapist_id = $3) AND ($4::uuid IS NULL OR a.client_id = $4)`,
    ),
    params: scoped,
  },
  therapist: {
    sql: statement(
      'access_therapist',
      `SELECT m.id FROM memberships m
           WHERE m.id = ANY($1::uuid[]) AND m.practice_id = $2 AND 'therapist' = ANY(m.roles)
             AND ($3::uuid IS NULL OR m.id = $3)`,
    ),
    params: (ids, s) => [ids, s.practiceId, s.therapistId],
  },
  member: {
    sql: statement(
      'access_member',
      `SELECT m.id FROM memberships m WHERE m.id = ANY($1::uuid[]) AND m.practice_id = $2`,
    ),
    params: (ids, s) => [ids, s.practiceId],
  },
  invitation: {
    sql: statement(
      'access_invitation',
      `SELECT i.id FROM invitations i LEFT JOIN clients c ON c.id = i.client_id
           WHERE i.id = ANY($1::uuid[]) AND i.practice_id = $2
             AND ($3::uuid IS NULL OR i.invited_by_user_id = $3 OR c.primary_therapist_id = $4)`,
    ),
    params: (ids, s) => [ids, s.practiceId, s.invitedBy, s.caseload],
  },
  // Built-ins belong to every practice; a client reaches only what was assigned to them.
  module: {
    sql: statement(
      'access_module',
      `SELECT m.id, m.source, m.author_user_id FROM modules m
           WHERE m.id = ANY($1::uuid[]) AND (m.practice_id IS NULL OR m.practice_id = $2)
             AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM module_assignments a
                   WHERE a.module_id = m.id AND a.client_id = $3 AND a.status <> 'withdrawn'))`,
    ),
    params: (ids, s) => [ids, s.practiceId, s.clientId],
  },
};

/** What decides a client's self-service (booking, moving, cancelling, asking for a change). */
export interface SelfServiceRow {
  enabled: boolean;
  notice_hours: number;
  therapist_id: string | null;
  therapist_name: string | null;
  /** The client's therapist still works here (signed-in and still a therapist). */
  therapist_active: boolean;
  /** A safety alert on any of the client's screenings is open. */
  paused: boolean;
  /** Whether the asked-for type is active and clients may book it (null: not of the practice). */
  type_bookable: boolean | null;
  /** The asked-for session's start, when it is the client's own (else null). */
  session_starts_at: Date | null;
}

// One statement for the whole self-service gate: the practice's switch and window, the client's
// therapist, any open alert, the type and the session asked about.
const SELF_SERVICE = `SELECT p.self_booking_enabled AS enabled, p.cancellation_window_hours AS notice_hours,
    c.primary_therapist_id AS therapist_id, tu.display_name AS therapist_name,
    coalesce(tu.disabled_at IS NULL AND 'therapist' = ANY(tm.roles), false) AS therapist_active,
    EXISTS (SELECT 1 FROM alerts al WHERE al.client_id = c.id AND al.practice_id = c.practice_id
             AND al.acknowledged_at IS NULL) AS paused,
    (SELECT t.active AND t.client_bookable FROM appointment_types t
      WHERE t.id = $3::uuid AND t.practice_id = c.practice_id) AS type_bookable,
    (SELECT a.starts_at FROM appointments a
      WHERE a.id = $4::uuid AND a.client_id = c.id AND a.practice_id = c.practice_id) AS session_starts_at
  FROM clients c JOIN practices p ON p.id = c.practice_id
  LEFT JOIN memberships tm ON tm.id = c.primary_therapist_id
  LEFT JOIN users tu ON tu.id = tm.user_id
 WHERE c.id = $1 AND c.practice_id = $2`;

/**
 * The policy's only SQL: which of some ids a scope reaches, one statement per check. Like
 * immich's AccessRepository it reads the ownership columns of every feature's tables, and
 * nothing else.
 */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async reachable(
    target: Exclude<AccessTarget, 'none'>,
    ids: readonly string[],
    scope: Scope & InvitationScope,
    manager?: EntityManager,
  ): Promise<Map<string, AccessRow>> {
    const check = CHECKS[target];
    const rows = await run<AccessRow>(this.ds, check.sql, check.params(ids, scope), manager);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The facts the self-service gate decides on, for one client of a practice (null: none). */
  async selfService(
    practiceId: string,
    clientId: string,
    ask: { typeId: string | null; appointmentId: string | null },
    manager: EntityManager = this.ds.manager,
  ): Promise<SelfServiceRow | null> {
    const [row] = await manager.query<SelfServiceRow[]>(SELF_SERVICE, [
      clientId,
      practiceId,
      ask.typeId,
      ask.appointmentId,
    ]);
    return row ?? null;
  }
}
