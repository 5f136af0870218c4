import {
  type AcceptInvitationRequest,
  type InvitationKind,
  LIMITS,
  STAFF_ROLES,
  type StaffRole,
} from '@attune/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Trim, Omittable } from '../../common/dto-helpers.js';
import { PageQueryDto } from '../../common/pagination.js';

/**
 * One body for both kinds (member or client); fields that do not belong to the kind are rejected
 * by the service with a message naming them.
 */
export class CreateInvitationDto {
  @IsIn(['member', 'client'], { message: 'kind must be member or client' })
  kind: InvitationKind;

  @ValidateIf((o: CreateInvitationDto) => o.kind === 'member')
  @Trim()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(LIMITS.emailMax)
  email?: string;

  @ValidateIf((o: CreateInvitationDto) => o.kind === 'member')
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'displayName is required' })
  @MaxLength(LIMITS.nameMax)
  displayName?: string;

  @ValidateIf((o: CreateInvitationDto) => o.kind === 'member')
  @IsArray({ message: 'roles must be a list of admin and/or therapist' })
  @ArrayMinSize(1, { message: 'roles needs at least one role' })
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true, message: 'roles may contain only admin and therapist' })
  roles?: StaffRole[];

  @ValidateIf((o: CreateInvitationDto) => o.kind === 'client')
  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string;
}

export class AcceptInvitationDto implements AcceptInvitationRequest {
  @IsString()
  @MinLength(LIMITS.passwordMin, {
    message: `password must be at least ${LIMITS.passwordMin} characters`,
  })
  @MaxLength(LIMITS.passwordMax, {
    message: `password must be at most ${LIMITS.passwordMax} characters`,
  })
  password: string;

  @Omittable()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'displayName cannot be empty' })
  @MaxLength(LIMITS.nameMax)
  displayName?: string;
}

export class InvitationListQueryDto extends PageQueryDto {}
