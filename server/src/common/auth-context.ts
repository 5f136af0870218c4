import type { Role } from '@attune/shared';

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
