import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import type { AvailabilityRule } from '@attune/shared';
import { WEEKDAY_NAMES } from '../zoned-time';

export type RangeGroup = FormGroup<{
  weekday: FormControl<number>;
  start: FormControl<string>;
  end: FormControl<string>;
  validFrom: FormControl<string>;
  validUntil: FormControl<string>;
}>;

export type RangeField = 'weekday' | 'start' | 'end' | 'validFrom' | 'validUntil';
const RANGE_FIELDS: readonly string[] = ['weekday', 'start', 'end', 'validFrom', 'validUntil'];

/** Midnight as an end time: the time input shows 12:00 AM, the API says "24:00". */
const MIDNIGHT = '00:00';

function rangeOrder(group: AbstractControl): ValidationErrors | null {
  const { start, end, validFrom, validUntil } = (group as RangeGroup).getRawValue();
  if (start && end && end !== MIDNIGHT && end <= start) return { order: true };
  if (validFrom && validUntil && validUntil < validFrom) return { dates: true };
  return null;
}

/** One block of working hours on a weekday, as a form group. */
export function rangeGroup(rule: Partial<AvailabilityRule> & { weekday: number }): RangeGroup {
  return new FormGroup(
    {
      weekday: new FormControl(rule.weekday, { nonNullable: true }),
      start: new FormControl(rule.start ?? '09:00', {
        nonNullable: true,
        validators: Validators.required,
      }),
      end: new FormControl(rule.end === '24:00' ? MIDNIGHT : (rule.end ?? '17:00'), {
        nonNullable: true,
        validators: Validators.required,
      }),
      validFrom: new FormControl(rule.validFrom ?? '', { nonNullable: true }),
      validUntil: new FormControl(rule.validUntil ?? '', { nonNullable: true }),
    },
    { validators: rangeOrder },
  );
}

/** The request's rules, in form-array order, so `rules[i]` in an error is `ranges.at(i)`. */
export function rulesFromRanges(ranges: FormArray<RangeGroup>): AvailabilityRule[] {
  return ranges.controls.map((g) => {
    const v = g.getRawValue();
    return {
      weekday: v.weekday,
      start: v.start,
      end: v.end === MIDNIGHT ? '24:00' : v.end,
      validFrom: v.validFrom || null,
      validUntil: v.validUntil || null,
    };
  });
}

/** `rules[2]`, `rules[2].end` or `rules.2.end` → which range, and which of its fields (if any). */
export function parseRuleField(
  field: string,
): { index: number; control: RangeField | null } | null {
  const match = /^rules(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?$/.exec(field);
  if (!match) return null;
  const index = Number(match[1] ?? match[2]);
  const name = match[3];
  if (name && !RANGE_FIELDS.includes(name)) return { index, control: null };
  return { index, control: (name as RangeField | undefined) ?? null };
}

/** The server's wording ("rules[1] overlaps rules[0] on the same day") in the editor's words. */
export function friendlyRuleMessage(message: string): string {
  if (/overlaps/i.test(message)) return 'These hours overlap another range on the same day.';
  if (/after its start/i.test(message)) return 'The end must be after the start.';
  if (/must be HH:mm/i.test(message)) return 'Enter a time like 09:00.';
  if (/validUntil must not be before validFrom/i.test(message)) {
    return 'The "until" date must not be before the "from" date.';
  }
  const text = message.replace(/rules(\[\d+\]|\.\d+)(\.\w+)?\s*(:\s*)?/g, '').trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Check these hours.';
}

/**
 * Puts each `rules[i]…` field error on the matching range (the whole range, or its field) as a
 * `server` error. Returns a sentence per problem naming the day, and the fields it could not place.
 */
export function applyRuleErrors(
  ranges: FormArray<RangeGroup>,
  fields: Record<string, string>,
): { messages: string[]; unmatched: string[] } {
  const messages: string[] = [];
  const unmatched: string[] = [];
  for (const [field, message] of Object.entries(fields)) {
    const target = parseRuleField(field);
    const group = target ? ranges.at(target.index) : undefined;
    if (!target || !group) {
      if (field.startsWith('rules')) unmatched.push(field);
      continue;
    }
    const text = friendlyRuleMessage(message);
    const control: AbstractControl = target.control ? group.controls[target.control] : group;
    control.setErrors({ ...(control.errors ?? {}), server: text });
    control.markAsTouched();
    group.markAsTouched();
    messages.push(`${WEEKDAY_NAMES[group.controls.weekday.value - 1] ?? 'One day'}: ${text}`);
  }
  return { messages, unmatched };
}

/** The message shown under a range for errors on the range as a whole. */
export function rangeMessage(group: RangeGroup): string {
  if (group.hasError('server')) return String(group.getError('server'));
  if (group.hasError('order')) return 'The end must be after the start.';
  if (group.hasError('dates')) return 'The "until" date must not be before the "from" date.';
  return '';
}
