import type { TestRequest } from '@angular/common/http/testing';
import type { MeResponse, Role } from '@attune/shared';

/** The body a test request carried, read as the shared request type the API sends. */
export function sentBody<T>(req: TestRequest): T {
  return req.request.body as T;
}

/** A MeResponse for tests. */
export function meFixture(roles: Role[], overrides: Partial<MeResponse> = {}): MeResponse {
  const isClient = roles.includes('client');
  return {
    user: { id: 'user-1', email: 'sam@example.com', displayName: 'Sam Rivera' },
    practice: {
      id: 'practice-1',
      name: 'Willow Counselling',
      timeZone: 'America/Chicago',
      crisisText: 'After hours, call our on-call line at 555-0100.',
    },
    roles,
    clientId: isClient ? 'client-1' : null,
    memberId: isClient ? null : 'member-1',
    ...overrides,
  };
}
