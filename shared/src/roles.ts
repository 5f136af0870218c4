export const STAFF_ROLES = ['admin', 'therapist'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'client';

export const CLIENT_STATUSES = ['active', 'inactive'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** Whether a client or member can sign in yet. */
export type AccountState = 'none' | 'invited' | 'active' | 'disabled';
