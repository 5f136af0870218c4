import { CALENDAR_LIMITS } from '@attune/shared';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

const ISO = { strict: true } as const;

export class CalendarQueryDto {
  @IsDateString(ISO, { message: 'from must be an ISO 8601 date or date-time' })
  from: string;

  @IsDateString(ISO, { message: 'to must be an ISO 8601 date or date-time' })
  to: string;

  /** One therapist's column (a week view); all of the practice's therapists without it. */
  @IsOptional()
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId?: string;

  /** The type free times are for (the default ongoing type without it). */
  @IsOptional()
  @IsUUID('all', { message: 'typeId must be a UUID' })
  typeId?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'includeCancelled must be true or false' })
  includeCancelled?: 'true' | 'false';
}

export class UtilisationQueryDto {
  /** Any date in the first week ("YYYY-MM-DD"); weeks start on Monday in the practice's zone. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date like 2026-03-09' })
  from: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({
    message: `weeks must be a whole number from 1 to ${CALENDAR_LIMITS.utilisationWeeksMax}`,
  })
  @Min(1, {
    message: `weeks must be a whole number from 1 to ${CALENDAR_LIMITS.utilisationWeeksMax}`,
  })
  @Max(CALENDAR_LIMITS.utilisationWeeksMax, {
    message: `weeks must be a whole number from 1 to ${CALENDAR_LIMITS.utilisationWeeksMax}`,
  })
  weeks?: number;

  @IsOptional()
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId?: string;
}
