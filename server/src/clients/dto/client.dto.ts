import {
  CLIENT_STATUSES,
  type ClientStatus,
  type CreateClientRequest,
  type DeactivateClientRequest,
  LIMITS,
  type UpdateClientRequest,
} from '@attune/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsTimeZone, Trim, TrimToNull, Omittable } from '../../common/dto-helpers.js';
import { PageQueryDto } from '../../common/pagination.js';

export class CreateClientDto implements CreateClientRequest {
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'firstName is required' })
  @MaxLength(LIMITS.nameMax)
  firstName: string;

  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'lastName is required' })
  @MaxLength(LIMITS.nameMax)
  lastName: string;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(LIMITS.nameMax)
  preferredName?: string;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(LIMITS.pronounsMax)
  pronouns?: string;

  @Omittable()
  @Trim()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(LIMITS.emailMax)
  email?: string;

  @Omittable()
  @IsTimeZone()
  timeZone?: string;

  @Omittable()
  @IsUUID('all', { message: 'primaryTherapistId must be a UUID' })
  primaryTherapistId?: string;
}

export class UpdateClientDto implements UpdateClientRequest {
  @Type(() => Number)
  @IsInt({ message: 'version must be the whole-number version you last saw' })
  @Min(1)
  version: number;

  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'firstName cannot be empty' })
  @MaxLength(LIMITS.nameMax)
  firstName?: string;

  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'lastName cannot be empty' })
  @MaxLength(LIMITS.nameMax)
  lastName?: string;

  @IsOptional()
  @TrimToNull()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(LIMITS.nameMax)
  preferredName?: string | null;

  @IsOptional()
  @TrimToNull()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(LIMITS.pronounsMax)
  pronouns?: string | null;

  @IsOptional()
  @TrimToNull()
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(LIMITS.emailMax)
  email?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsTimeZone()
  timeZone?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'primaryTherapistId must be a UUID' })
  primaryTherapistId?: string | null;
}

export class DeactivateClientDto implements DeactivateClientRequest {
  @IsArray({ message: 'cancelSessionIds must be a list of session ids (empty when none)' })
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'cancelSessionIds must hold session ids' })
  cancelSessionIds: string[];
}

export class ClientListQueryDto extends PageQueryDto {
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(LIMITS.nameMax)
  q?: string;

  @IsOptional()
  @IsIn(CLIENT_STATUSES, { message: 'status must be active or inactive' })
  status?: ClientStatus;

  /** Only closed records older than the practice's retention period. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'pastRetention must be true or false' })
  pastRetention?: 'true' | 'false';
}
