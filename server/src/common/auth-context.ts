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

export function hasRole(auth: AuthContext, role: Role): boolean {
  return auth.roles.includes(role);
}
