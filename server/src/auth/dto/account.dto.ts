import {
  ACCOUNT_SECURITY,
  type ChangePasswordRequest,
  type CompletePasswordResetRequest,
  LIMITS,
  type MfaCodeRequest,
  type PasswordResetRequest,
} from '@attune/shared';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/dto-helpers.js';

/** The rules of a new password, for the field `field` (messages name it). */
function NewPassword(field: string): PropertyDecorator {
  const rules = [
    IsString({ message: `${field} must be text` }),
    MinLength(LIMITS.passwordMin, {
      message: `${field} must be at least ${LIMITS.passwordMin} characters`,
    }),
    MaxLength(LIMITS.passwordMax, {
      message: `${field} must be at most ${LIMITS.passwordMax} characters`,
    }),
  ];
  return (target, key) => rules.forEach((rule) => rule(target, key));
}

export class PasswordResetRequestDto implements PasswordResetRequest {
  @Trim()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(LIMITS.emailMax)
  email: string;
}

export class CompletePasswordResetDto implements CompletePasswordResetRequest {
  @NewPassword('password')
  password: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString({ message: 'currentPassword must be text' })
  @IsNotEmpty({ message: 'currentPassword is required' })
  @MaxLength(LIMITS.passwordMax)
  currentPassword: string;

  @NewPassword('newPassword')
  newPassword: string;
}

export class MfaCodeDto implements MfaCodeRequest {
  @IsString({ message: 'code must be text' })
  @IsNotEmpty({ message: 'code is required' })
  @MaxLength(ACCOUNT_SECURITY.codeMax, {
    message: `code must be at most ${ACCOUNT_SECURITY.codeMax} characters`,
  })
  code: string;
}
