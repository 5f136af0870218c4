import { STAFF_ROLES, type StaffRole, type UpdateMemberRequest } from '@attune/shared';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn } from 'class-validator';
import { Omittable } from '../../common/dto-helpers.js';

export class UpdateMemberDto implements UpdateMemberRequest {
  @Omittable()
  @IsArray()
  @ArrayMinSize(1, { message: 'roles needs at least one role' })
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true, message: 'roles may contain only admin and therapist' })
  roles?: StaffRole[];

  @Omittable()
  @IsBoolean()
  active?: boolean;
}
