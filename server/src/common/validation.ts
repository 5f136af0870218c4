import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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

/** Global pipe: strips nothing silently (unknown fields are 400), names each bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
  return new BadRequestException({ message: message || 'The request is not valid.', fields });
}
