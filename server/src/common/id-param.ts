import { Param, ParseUUIDPipe } from '@nestjs/common';
import { badField } from './errors.js';

/** A uuid route parameter; anything else is a 400 that names it. */
export const IdParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({ exceptionFactory: () => badField(name, `${name} must be a UUID`) }),
  );
