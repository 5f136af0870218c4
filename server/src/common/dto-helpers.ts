import { isValidTimeZone } from '@attune/shared';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/** Trims strings; leaves everything else for the validators to reject. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and turns an empty string into null (for clearable optional fields). */
export const TrimToNull = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const t = value.trim();
    return t === '' ? null : t;
  });

export function IsTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an IANA time zone such as America/New_York`,
        ...options,
      },
      validator: { validate: (v: unknown) => typeof v === 'string' && isValidTimeZone(v) },
    });
}

/**
 * May be left out, but not sent as null (@IsOptional lets null through to every validator's
 * skip): for fields whose column holds no NULL, so `{ "name": null }` is a 400, not a 500.
 */
export const Omittable = () => ValidateIf((_o: object, v: unknown) => v !== undefined);

/** An object with at most `max` keys (an answers map, say): counted before anything reads them. */
export function MaxKeys(max: number, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'maxKeys',
      target: object.constructor,
      propertyName,
      constraints: [max],
      options: { message: `${propertyName} may hold at most ${max} entries`, ...options },
      validator: {
        validate: (v: unknown) =>
          typeof v !== 'object' || v === null || Object.keys(v).length <= max,
      },
    });
}
