import type { Assurance, Role } from '@attune/shared';

/** How far a session has proved who it is (see RequireAssurance). */
export interface SessionAssurance {
  level: Assurance;
  /** When the session last entered a code (at sign-in or a step-up). */
  steppedUpAt: Date | null;
  /** The user has a confirmed second step. */
  mfaEnabled: boolean;
  /**
   * What the session must do before it reaches anything: enter its code (the password was right,
   * the code is to come), or set up a second step (the practice requires one of its staff).
   */
  pending: null | 'mfa' | 'mfa_setup';
}

/** Who is calling, resolved from the session cookie by the global guard. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  email: string;
  displayName: string;
  practiceId: string;
  roles: Role[];
  memberId: string | null;
  clientId: string | null;
  ip: string | null;
  /** Always set for a real session; absent only in hand-made contexts (unit tests): no second step. */
  assurance?: SessionAssurance;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
    xsrfToken?: string;
  }
}

/** The cookie that carries the session token. */
export const SESSION_COOKIE = 'attune_session';

/**
 * Turns a session cookie into the caller. The auth feature provides it (SessionsService); the
 * guard in the base layer only knows this contract.
 */
export abstract class SessionResolver {
  abstract resolve(token: string | undefined, ip: string | null): Promise<AuthContext | null>;
}
