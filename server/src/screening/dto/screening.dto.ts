import {
  type AcknowledgeAlertRequest,
  type Answers,
  type AssignScreeningRequest,
  type CriticalItemSetting,
  SCREENING_LIMITS,
  type SaveCriticalItemsRequest,
  type SaveDraftRequest,
  type SubmitScreeningRequest,
} from '@attune/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MaxKeys, Omittable, Trim } from '../../common/dto-helpers.js';
import { PageQueryDto } from '../../common/pagination.js';

export class AssignScreeningDto implements AssignScreeningRequest {
  @IsUUID('all', { message: 'instrumentId must be a UUID' })
  instrumentId: string;

  @Omittable()
  @IsDateString({ strict: true }, { message: 'dueAt must be an ISO 8601 date-time' })
  dueAt?: string;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(SCREENING_LIMITS.noteMax)
  note?: string;
}

export class SaveDraftDto implements SaveDraftRequest {
  @Type(() => Number)
  @IsInt({ message: 'version must be the draft version you last saw' })
  @Min(0)
  version: number;

  // Checked item by item against the instrument by the engine (400 naming answers.<linkId>).
  @IsObject({ message: 'answers must be an object keyed by item linkId' })
  @MaxKeys(SCREENING_LIMITS.answersMax)
  answers: Answers;
}

export class SubmitScreeningDto extends SaveDraftDto implements SubmitScreeningRequest {}

export class AcknowledgeAlertDto implements AcknowledgeAlertRequest {
  @Trim()
  @IsString()
  @MinLength(SCREENING_LIMITS.acknowledgementMin, {
    message: 'note should say briefly what you did (a few words)',
  })
  @MaxLength(SCREENING_LIMITS.acknowledgementMax)
  note: string;
}

export class AlertListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'all'], { message: 'status must be open, acknowledged or all' })
  status?: 'open' | 'acknowledged' | 'all';

  /** Only this client's alerts (the client's page). */
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string;
}

export class CriticalItemSettingDto implements CriticalItemSetting {
  @IsString({ message: 'linkId must be the linkId of a question' })
  @IsNotEmpty({ message: 'linkId must be the linkId of a question' })
  @MaxLength(255)
  linkId: string;

  @IsArray({ message: 'answerCodes must list the critical answer codes' })
  @ArrayMinSize(1, { message: 'answerCodes must list at least one answer' })
  @ArrayMaxSize(200)
  @IsString({ each: true, message: 'answerCodes must be answer codes' })
  @MaxLength(255, { each: true })
  answerCodes: string[];

  @IsIn(['urgent', 'check-in'], { message: 'level must be urgent or check-in' })
  level: 'urgent' | 'check-in';

  @Trim()
  @IsString()
  @MinLength(3, { message: 'message should tell the clinician what to do (a few words)' })
  @MaxLength(SCREENING_LIMITS.criticalMessageMax)
  message: string;
}

export class SaveCriticalItemsDto implements SaveCriticalItemsRequest {
  @Type(() => Number)
  @IsInt({ message: 'version must be the settings version you last saw' })
  @Min(0)
  version: number;

  @IsArray({ message: 'items must be a list (empty for none)' })
  @ArrayMaxSize(SCREENING_LIMITS.criticalItemsMax)
  @ValidateNested({ each: true })
  @Type(() => CriticalItemSettingDto)
  items: CriticalItemSettingDto[];
}

export class FhirImportQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0.01)
  @Max(1)
  minAnsweredShare?: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  key?: string;
}
