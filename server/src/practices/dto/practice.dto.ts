import {
  type CreatePracticeRequest,
  LIMITS,
  RETENTION_YEARS,
  type UpdatePracticeRequest,
} from '@attune/shared';
import {
  IsBoolean,
  IsEmail,
  IsInt,
  Max,
  Min,
  IsNotEmpty,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsTimeZone, Trim, Omittable } from '../../common/dto-helpers.js';

export class CreatePracticeDto implements CreatePracticeRequest {
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'practiceName is required' })
  @MaxLength(LIMITS.practiceNameMax)
  practiceName: string;

  @IsTimeZone()
  timeZone: string;

  @Trim()
  @IsEmail({}, { message: 'adminEmail must be an email address' })
  @MaxLength(LIMITS.emailMax)
  adminEmail: string;

  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'adminDisplayName is required' })
  @MaxLength(LIMITS.nameMax)
  adminDisplayName: string;

  @IsString()
  @MinLength(LIMITS.passwordMin, {
    message: `adminPassword must be at least ${LIMITS.passwordMin} characters`,
  })
  @MaxLength(LIMITS.passwordMax, {
    message: `adminPassword must be at most ${LIMITS.passwordMax} characters`,
  })
  adminPassword: string;

  @Omittable()
  @IsBoolean()
  adminIsTherapist?: boolean;
}

export class UpdatePracticeDto implements UpdatePracticeRequest {
  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name cannot be empty' })
  @MaxLength(LIMITS.practiceNameMax)
  name?: string;

  @Omittable()
  @IsTimeZone()
  timeZone?: string;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(LIMITS.crisisTextMax)
  crisisText?: string;

  @Omittable()
  @IsInt({ message: 'cancellationWindowHours must be a whole number of hours' })
  @Min(0)
  @Max(168)
  cancellationWindowHours?: number;

  @Omittable()
  @IsBoolean({ message: 'requireStaffMfa must be true or false' })
  requireStaffMfa?: boolean;

  @Omittable()
  @IsInt({ message: 'retentionYears must be a whole number of years' })
  @Min(RETENTION_YEARS.min, {
    message: `retentionYears must be ${RETENTION_YEARS.min} to ${RETENTION_YEARS.max}`,
  })
  @Max(RETENTION_YEARS.max, {
    message: `retentionYears must be ${RETENTION_YEARS.min} to ${RETENTION_YEARS.max}`,
  })
  retentionYears?: number;
}
