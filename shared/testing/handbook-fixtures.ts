/// <reference types="node" />
/**
 * Real published FHIR Questionnaires for tests, read from the handbook folder beside the
 * repository (`../shared/fixtures/fhir/`): third-party instruments are never copied into the
 * repository. CI has the same folder beside its clone.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file lives in `<root>/shared/testing/`. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HANDBOOK_FHIR_DIR = join(REPO_ROOT, '..', 'shared', 'fixtures', 'fhir');

export const PHQ9_FILE = 'phq9-lhcforms-44249-1.R4.json';
export const GAD7_FILE = 'gad7-nlm-69737-5.R4.json';

/** The file's bytes as published (to post unchanged). */
export function handbookFixtureText(file: string): string {
  return readFileSync(join(HANDBOOK_FHIR_DIR, file), 'utf8');
}

export function handbookFixture(file: string): Record<string, unknown> {
  return JSON.parse(handbookFixtureText(file)) as Record<string, unknown>;
}

/** PHQ-9 items 1-9 (scored 0-3) in order; item 10 (/69722-7, difficulty) is not scored. */
export const PHQ9_SCORED_ITEMS = [
  '/44250-9',
  '/44255-8',
  '/44259-0',
  '/44254-1',
  '/44251-7',
  '/44258-2',
  '/44252-5',
  '/44253-3',
  '/44260-8',
];
export const PHQ9_ITEM_9 = '/44260-8';
export const PHQ9_DIFFICULTY = '/69722-7';
export const PHQ9_TOTAL = '/44261-6';
/** GAD-7 items 1-7 (scored 0-3) in order; /70274-6 is the published total. */
export const GAD7_SCORED_ITEMS = [
  '/69725-0',
  '/68509-9',
  '/69733-4',
  '/69734-2',
  '/69735-9',
  '/69689-8',
  '/69736-7',
];
export const GAD7_TOTAL = '/70274-6';
/**
 * Answers giving each listed item the option whose published ordinalValue is `points[i]`
 * (the LOINC answer codes differ between items: GAD-7 item 2 uses LA18938-3 for 2 points).
 */
export function pointsToAnswers(
  questionnaire: Record<string, unknown>,
  items: readonly string[],
  points: readonly number[],
): Record<string, { value: string }> {
  type Option = {
    valueCoding: { code: string };
    extension?: { url: string; valueDecimal?: number }[];
  };
  type Item = { linkId: string; answerOption?: Option[]; item?: Item[] };
  const all: Item[] = [];
  const walk = (list: Item[] | undefined) =>
    list?.forEach((i) => {
      all.push(i);
      walk(i.item);
    });
  walk(questionnaire['item'] as Item[]);
  return Object.fromEntries(
    points.map((p, i) => {
      const item = all.find((x) => x.linkId === items[i]);
      const option = item?.answerOption?.find((o) =>
        o.extension?.some((e) => e.url.endsWith('/ordinalValue') && e.valueDecimal === p),
      );
      if (!option) throw new Error(`no option worth ${p} on ${items[i]}`);
      return [items[i]!, { value: option.valueCoding.code }];
    }),
  );
}
