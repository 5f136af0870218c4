import { LIMITS, type LoginRequest } from '@attune/shared';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(LIMITS.emailMax)
  email: string;

  @IsString()
  @MinLength(1, { message: 'password is required' })
  @MaxLength(LIMITS.passwordMax)
  password: string;
}
