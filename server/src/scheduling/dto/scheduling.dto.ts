import {
  APPOINTMENT_KINDS,
  type AppointmentKind,
  type AvailabilityRule,
  type BookAppointmentRequest,
  type CancelAppointmentRequest,
  CHANGE_REQUEST_KINDS,
  type ChangeRequestKind,
  type CreateChangeRequest,
  type CreateAppointmentTypeRequest,
  type CreateTimeOffRequest,
  SCHEDULING_LIMITS,
  type SetAvailabilityRequest,
  type UpdateAppointmentRequest,
  type UpdateAppointmentTypeRequest,
  type UpdateSelfBookingSettingsRequest,
} from '@attune/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsTimeZone, Trim, Omittable } from '../../common/dto-helpers.js';

const ISO = { strict: true } as const;

export class AppointmentTypeDto implements CreateAppointmentTypeRequest {
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(SCHEDULING_LIMITS.typeNameMax)
  name: string;

  @IsInt({ message: 'durationMinutes must be a whole number of minutes' })
  @Min(SCHEDULING_LIMITS.durationMin)
  @Max(SCHEDULING_LIMITS.durationMax)
  durationMinutes: number;

  @IsIn(APPOINTMENT_KINDS, { message: 'kind must be intake, ongoing or other' })
  kind: AppointmentKind;

  @Omittable()
  @IsBoolean()
  isDefault?: boolean;
}

export class UpdateAppointmentTypeDto implements UpdateAppointmentTypeRequest {
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name cannot be empty' })
  @MaxLength(SCHEDULING_LIMITS.typeNameMax)
  name?: string;

  @Omittable()
  @IsInt({ message: 'durationMinutes must be a whole number of minutes' })
  @Min(SCHEDULING_LIMITS.durationMin)
  @Max(SCHEDULING_LIMITS.durationMax)
  durationMinutes?: number;

  @Omittable()
  @IsIn(APPOINTMENT_KINDS, { message: 'kind must be intake, ongoing or other' })
  kind?: AppointmentKind;

  @Omittable()
  @IsBoolean()
  isDefault?: boolean;

  @Omittable()
  @IsBoolean()
  active?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class AvailabilityRuleDto implements AvailabilityRule {
  @IsInt({ message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  @Min(1)
  @Max(7)
  weekday: number;

  @IsString()
  @MaxLength(8)
  start: string;

  @IsString()
  @MaxLength(8)
  end: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(DATE, { message: 'validFrom must be a date like 2026-03-09' })
  validFrom?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(DATE, { message: 'validUntil must be a date like 2026-03-09' })
  validUntil?: string | null;
}

export class SetAvailabilityDto implements SetAvailabilityRequest {
  @IsTimeZone()
  timeZone: string;

  @IsArray({ message: 'rules must be a list of weekly blocks' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityRuleDto)
  rules: AvailabilityRuleDto[];
}

export class TimeOffDto implements CreateTimeOffRequest {
  @IsDateString(ISO, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt: string;

  @IsDateString(ISO, { message: 'endsAt must be an ISO 8601 date-time' })
  endsAt: string;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(SCHEDULING_LIMITS.reasonMax)
  reason?: string;
}

export class SlotsQueryDto {
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId: string;

  @IsUUID('all', { message: 'typeId must be a UUID' })
  typeId: string;

  @IsDateString(ISO, { message: 'from must be an ISO 8601 date or date-time' })
  from: string;

  @IsDateString(ISO, { message: 'to must be an ISO 8601 date or date-time' })
  to: string;

  @IsOptional()
  @IsTimeZone({ message: 'tz must be an IANA time zone such as America/New_York' })
  tz?: string;
}

export class AppointmentListQueryDto {
  @IsOptional()
  @IsDateString(ISO, { message: 'from must be an ISO 8601 date or date-time' })
  from?: string;

  @IsOptional()
  @IsDateString(ISO, { message: 'to must be an ISO 8601 date or date-time' })
  to?: string;

  @IsOptional()
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'includeCancelled must be true or false' })
  includeCancelled?: 'true' | 'false';
}

export class BookAppointmentDto implements BookAppointmentRequest {
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId: string;

  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId: string;

  @IsUUID('all', { message: 'typeId must be a UUID' })
  typeId: string;

  @IsDateString(ISO, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt: string;

  @Omittable()
  @IsBoolean()
  override?: boolean;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(SCHEDULING_LIMITS.reasonMax)
  overrideReason?: string;
}

export class UpdateAppointmentDto implements UpdateAppointmentRequest {
  @IsInt({ message: 'version must be the appointment version you last saw' })
  @Min(1)
  version: number;

  @Omittable()
  @IsDateString(ISO, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt?: string;

  @Omittable()
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId?: string;

  @Omittable()
  @IsUUID('all', { message: 'typeId must be a UUID' })
  typeId?: string;

  @Omittable()
  @IsIn(['completed', 'no_show'], { message: 'status must be completed or no_show' })
  status?: 'completed' | 'no_show';

  @Omittable()
  @IsBoolean()
  override?: boolean;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(SCHEDULING_LIMITS.reasonMax)
  overrideReason?: string;
}

export class CancelAppointmentDto implements CancelAppointmentRequest {
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(SCHEDULING_LIMITS.reasonMax)
  reason: string;
}

export class CalendarFeedDto {
  @Omittable()
  @IsIn(['initials', 'none'], { message: 'showClient must be initials or none' })
  showClient?: 'initials' | 'none';
}

export class ChangeRequestDto implements CreateChangeRequest {
  @IsIn(CHANGE_REQUEST_KINDS, { message: 'kind must be reschedule or cancel' })
  kind: ChangeRequestKind;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(SCHEDULING_LIMITS.changeRequestNoteMax)
  note?: string;
}

export class SelfBookingSettingsDto implements UpdateSelfBookingSettingsRequest {
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled: boolean;

  @IsArray({ message: 'typeIds must be a list of appointment type ids' })
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'typeIds must not repeat a type' })
  @IsUUID('all', { each: true, message: 'typeIds must be appointment type ids' })
  typeIds: string[];
}
