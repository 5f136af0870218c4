import { Injectable } from '@nestjs/common';

/**
 * The time, from one place, so that "today" and "this week" can be tested on any date (a DST
 * change, a late evening) without touching the process clock.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
