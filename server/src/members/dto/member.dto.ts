import { STAFF_ROLES, type StaffRole, type UpdateMemberRequest } from '@attune/shared';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';

export class UpdateMemberDto implements UpdateMemberRequest {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'roles needs at least one role' })
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true, message: 'roles may contain only admin and therapist' })
  roles?: StaffRole[];

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
