import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';

function flatten(errors: ValidationError[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      // whitelist errors read "property x should not exist"; keep one message per field.
      out[path] = Object.values(e.constraints)[0]!;
    }
    if (e.children?.length) Object.assign(out, flatten(e.children, path));
  }
  return out;
}

/**
 * Removes properties left undefined. DTO classes compile to class fields, so a transformed DTO
 * has every field it declares, unset ones as undefined; spread over a stored row (a partial
 * PATCH) they would overwrite values with NULL.
 */
export function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(dropUndefined);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) delete (value as Record<string, unknown>)[k];
      else dropUndefined(v);
    }
  return value;
}

class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A value our own decorators made (the caller, their IP): the base pipe leaves it as it is
    // (no validateCustomDecorators), and walking it for undefined would only cost time.
    if (metadata.type === 'custom') return value;
    return dropUndefined(await super.transform(value, metadata));
  }
}

/** Global pipe: strips nothing silently (unknown fields are 400), names each bad field. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: toValidationException,
  });
}

/** A 400 whose message and `fields` name every bad field. */
export function toValidationException(errors: ValidationError[]): BadRequestException {
  const fields = flatten(errors);
  const message = Object.entries(fields)
    .map(([f, m]) => (m.startsWith(f) ? m : `${f}: ${m}`))
    .join('; ');
  return new BadRequestException({
    message: message || 'The request is not valid.',
    code: 'validation_failed',
    fields,
  });
}
