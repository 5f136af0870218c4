import type { ClientSummary } from '@attune/shared';

/** "First Last", as staff see it in lists and headings. */
export function clientFullName(client: Pick<ClientSummary, 'firstName' | 'lastName'>): string {
  return `${client.firstName} ${client.lastName}`.trim();
}

/** Optional text fields: trimmed, or undefined when blank (so they are left out of the request). */
export function optionalText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
