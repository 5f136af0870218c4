import {
  type AssignModulesRequest,
  type FurtherReading,
  type ModuleDraft,
  type ModuleExercise,
  type ModuleSection,
  PSYCHOED_LIMITS,
  type ReflectionPrompt,
  type SaveReflectionRequest,
  type SignTag,
  type UpdateAssignmentRequest,
  type UpdateModuleRequest,
  type UpdateReflectionRequest,
} from '@attune/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { Trim, Omittable } from '../../common/dto-helpers.js';

/**
 * The shape is checked here; the content rules (lengths, prompt ids, tags) by the shared
 * validateModuleContent, whose errors name the exact field.
 */
export class ModuleDraftDto implements ModuleDraft {
  @IsString()
  title: string;

  @IsString()
  summary: string;

  @IsArray({ message: 'signTags must be a list' })
  signTags: SignTag[];

  @IsArray({ message: 'sections must be a list' })
  sections: ModuleSection[];

  @IsObject({ message: 'exercise must be an object with title, intro and steps' })
  exercise: ModuleExercise;

  @IsArray({ message: 'reflectionPrompts must be a list' })
  reflectionPrompts: ReflectionPrompt[];

  @IsOptional()
  @IsArray({ message: 'nextSteps must be a list' })
  nextSteps?: string[];

  @IsArray({ message: 'furtherReading must be a list' })
  furtherReading: FurtherReading[];
}

export class UpdateModuleDto extends ModuleDraftDto implements UpdateModuleRequest {
  @Type(() => Number)
  @IsInt({ message: 'version must be the module version you edited' })
  @Min(1)
  version: number;
}

export class AssignModulesDto implements AssignModulesRequest {
  @IsArray({ message: 'moduleIds must be a list of module ids' })
  @ArrayMinSize(1, { message: 'moduleIds needs at least one module' })
  @ArrayMaxSize(PSYCHOED_LIMITS.assignAtOnceMax)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'moduleIds must contain module ids' })
  moduleIds: string[];

  @Omittable()
  @IsDateString({ strict: true }, { message: 'dueAt must be an ISO 8601 date-time' })
  dueAt?: string;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(PSYCHOED_LIMITS.noteMax)
  note?: string;
}

export class UpdateAssignmentDto implements UpdateAssignmentRequest {
  @Omittable()
  @IsInt({ message: 'readSection must be a section number' })
  @Min(0)
  @Max(50)
  readSection?: number;

  @Omittable()
  @IsBoolean()
  completed?: boolean;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'helpful must be a whole number from 1 to 5' })
  @Min(1, { message: 'helpful must be a whole number from 1 to 5' })
  @Max(5, { message: 'helpful must be a whole number from 1 to 5' })
  helpful?: number | null;

  @Omittable()
  @IsInt({ message: 'position must be a whole number' })
  @Min(0)
  @Max(1000)
  position?: number;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true }, { message: 'dueAt must be an ISO 8601 date-time' })
  dueAt?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Trim()
  @IsString()
  @MaxLength(PSYCHOED_LIMITS.noteMax)
  note?: string | null;

  @Omittable()
  @IsBoolean()
  withdrawn?: boolean;

  @Omittable()
  @IsInt({ message: 'version must be the assignment version you last saw' })
  @Min(1)
  version?: number;
}

export class AssignmentListQueryDto {
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string;
}

export class SaveReflectionDto implements SaveReflectionRequest {
  @IsString()
  @MaxLength(100)
  promptId: string;

  @IsString()
  @MaxLength(PSYCHOED_LIMITS.reflectionMax, {
    message: `body must be at most ${PSYCHOED_LIMITS.reflectionMax} characters`,
  })
  body: string;

  @Omittable()
  @IsBoolean()
  shared?: boolean;

  @Omittable()
  @IsInt({ message: 'version must be the reflection version you last saw' })
  @Min(1)
  version?: number;
}

export class UpdateReflectionDto implements UpdateReflectionRequest {
  @Omittable()
  @IsString()
  @MaxLength(PSYCHOED_LIMITS.reflectionMax, {
    message: `body must be at most ${PSYCHOED_LIMITS.reflectionMax} characters`,
  })
  body?: string;

  @Omittable()
  @IsBoolean()
  shared?: boolean;

  @IsInt({ message: 'version must be the reflection version you last saw' })
  @Min(1)
  version: number;
}
