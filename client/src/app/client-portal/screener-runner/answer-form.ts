import type {
  Answer,
  Answers,
  ClientInstrumentView,
  ItemDefinition,
  SafetySignal,
  SectionDefinition,
} from '@attune/shared';
import { safetySignals, unansweredSafetyItems, visibleItemIds } from '@attune/shared';

/** A form control's value: an option code (choice, yes/no), a number or free text. */
export type FormAnswer = string | number | null;

/** Yes/no questions as radio options, with the same way out as every other question. */
export const BOOLEAN_OPTIONS = [
  { code: 'yes', display: 'Yes' },
  { code: 'no', display: 'No' },
  { code: 'decline', display: 'Prefer not to answer' },
] as const;

export function isAnswerable(item: ItemDefinition): boolean {
  return item.type !== 'display';
}

/** The control value that shows a saved answer. */
export function toFormValue(item: ItemDefinition, answer: Answer | undefined): FormAnswer {
  if (!answer) return null;
  const declined = 'declined' in answer;
  switch (item.type) {
    case 'choice':
      if (declined) return item.options?.find((o) => o.declines)?.code ?? null;
      return typeof answer.value === 'string' ? answer.value : null;
    case 'boolean':
      if (declined) return 'decline';
      return answer.value === true ? 'yes' : answer.value === false ? 'no' : null;
    case 'integer':
      return !declined && typeof answer.value === 'number' ? answer.value : null;
    case 'text':
      return !declined && typeof answer.value === 'string' ? answer.value : null;
    default:
      return null;
  }
}

/** The answer a control value stands for; null when there is none (or it is not valid yet). */
export function toAnswer(item: ItemDefinition, value: FormAnswer): Answer | null {
  if (value === null || value === '') return null;
  switch (item.type) {
    case 'choice': {
      const option = item.options?.find((o) => o.code === value);
      if (!option) return null;
      return option.declines ? { declined: true } : { value: option.code };
    }
    case 'boolean':
      if (value === 'decline') return { declined: true };
      return value === 'yes' ? { value: true } : value === 'no' ? { value: false } : null;
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isInteger(n)) return null;
      if ((item.min !== undefined && n < item.min) || (item.max !== undefined && n > item.max)) {
        return null;
      }
      return { value: n };
    }
    case 'text':
      return typeof value === 'string' && value.trim() ? { value } : null;
    default:
      return null;
  }
}

/** Answers from the form's values, leaving out questions without an answer. */
export function answersFromForm(
  items: readonly ItemDefinition[],
  values: Record<string, FormAnswer>,
): Answers {
  const answers: Answers = {};
  for (const item of items) {
    if (!isAnswerable(item)) continue;
    const answer = toAnswer(item, values[item.linkId] ?? null);
    if (answer) answers[item.linkId] = answer;
  }
  return answers;
}

/** linkIds shown for these answers (enableWhen); every item if the answers cannot be read. */
export function safeEnabledIds(def: ClientInstrumentView, answers: Answers): Set<string> {
  try {
    return new Set(visibleItemIds(def, answers));
  } catch {
    return new Set(def.sections.flatMap((s) => s.items.map((i) => i.linkId)));
  }
}

/**
 * Critical answers and declines among these answers, worked out as the server will: a
 * critical answer brings up crisis help at once, a "right now" yes puts 988 first.
 */
export function safetyState(def: ClientInstrumentView, answers: Answers): SafetySignal[] {
  try {
    return safetySignals(def, answers);
  } catch {
    return [];
  }
}

/** Shown safety questions with no answer at all (the runner asks about them once more). */
export function blankSafetyItems(def: ClientInstrumentView, answers: Answers): string[] {
  try {
    return unansweredSafetyItems(def, answers);
  } catch {
    return [];
  }
}

/**
 * The questions that count as "answered or not" in a part: free-text notes are optional extras,
 * so they only count in a part that has nothing else to answer.
 */
export function countedItems(section: SectionDefinition, enabled: Set<string>): ItemDefinition[] {
  const shown = section.items.filter((i) => isAnswerable(i) && enabled.has(i.linkId));
  const nonText = shown.filter((i) => i.type !== 'text');
  return nonText.length > 0 ? nonText : shown;
}

/** A key for one submit attempt (reused if that attempt is retried). */
export { newIdempotencyKey } from '../../core/idempotency-key';
