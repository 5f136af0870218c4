import { Body, Controller, Get, Headers, HttpCode, Post, Put, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTags } from '@nestjs/swagger';
import type {
  AlertSummary,
  ClientScreeningDetail,
  ClientScreeningSummary,
  CriticalItemsSettings,
  DraftSaved,
  FhirQuestionnaire,
  FhirQuestionnaireResponse,
  InstrumentDetail,
  InstrumentSummary,
  Page,
  ScreeningDetail,
  ScreeningResultView,
  ScreeningSubmitted,
  ScreeningSummary,
} from '@attune/shared';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { BODY_LIMITS } from '../common/input-guard.js';
import { AlertsService } from './alerts.service.js';
import {
  AcknowledgeAlertDto,
  AlertListQueryDto,
  AssignScreeningDto,
  FhirImportQueryDto,
  SaveCriticalItemsDto,
  SaveDraftDto,
  SubmitScreeningDto,
} from './dto/screening.dto.js';
import { InstrumentsService } from './instruments.service.js';
import { ScreeningsService } from './screenings.service.js';
import { Audit, NoClientData } from '../common/audit-trail.js';

@ApiTags('screening')
@Controller()
export class ScreeningController {
  constructor(
    private readonly instruments: InstrumentsService,
    private readonly screenings: ScreeningsService,
    private readonly alerts: AlertsService,
  ) {}

  @Get('instruments')
  @Roles('admin', 'therapist')
  @NoClientData("the practice's instruments")
  listInstruments(@CurrentAuth() auth: AuthContext): Promise<InstrumentSummary[]> {
    return this.instruments.list(auth);
  }

  /** Imports a FHIR R4 Questionnaire (the body is the resource itself). */
  @Post('instruments/fhir')
  @Roles('admin')
  // A questionnaire nests groups and lists many options: room for large real ones (the 1 MB body
  // limit still holds); its strings and lists are bounded by the definition's own limits.
  @RouteConfig({ [BODY_LIMITS]: { maxDepth: 64, maxNodes: 50_000 } })
  @Audit('instrument.import')
  importFhir(
    @CurrentAuth() auth: AuthContext,
    @Body() body: Record<string, unknown>,
    @Query() q: FhirImportQueryDto,
  ): Promise<InstrumentDetail> {
    return this.instruments.importFhir(auth, body, q);
  }

  @Get('instruments/:id')
  @Roles('admin', 'therapist')
  @NoClientData('an instrument definition')
  getInstrument(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
  ): Promise<InstrumentDetail> {
    return this.instruments.get(auth, id);
  }

  @Get('instruments/:id/fhir')
  @Roles('admin', 'therapist')
  @Audit('instrument.export')
  exportFhir(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<FhirQuestionnaire> {
    return this.instruments.exportFhir(auth, id);
  }

  /** Which items and answers of an instrument are critical in this practice. */
  @Get('instruments/:id/critical-items')
  @Roles('admin', 'therapist')
  @NoClientData("the practice's critical-item settings")
  criticalItems(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
  ): Promise<CriticalItemsSettings> {
    return this.instruments.criticalItems(auth, id);
  }

  /** Sets an imported instrument's critical items for this practice (stale version: 409). */
  @Put('instruments/:id/critical-items')
  @Roles('admin')
  @Audit('instrument.critical-items.update')
  saveCriticalItems(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: SaveCriticalItemsDto,
  ): Promise<CriticalItemsSettings> {
    return this.instruments.saveCriticalItems(auth, id, dto);
  }

  @Post('clients/:id/screenings')
  @Roles('admin', 'therapist')
  @Audit('screening.assign')
  assign(
    @CurrentAuth() auth: AuthContext,
    @IdParam() clientId: string,
    @Body() dto: AssignScreeningDto,
  ): Promise<ScreeningSummary> {
    return this.screenings.assign(auth, clientId, dto);
  }

  @Get('clients/:id/screenings')
  @Roles('admin', 'therapist', 'client')
  @Audit('screening.list')
  listForClient(
    @CurrentAuth() auth: AuthContext,
    @IdParam() clientId: string,
  ): Promise<ScreeningSummary[] | ClientScreeningSummary[]> {
    return this.screenings.listForClient(auth, clientId);
  }

  @Get('screenings/:id')
  @Roles('admin', 'therapist', 'client')
  @Audit('screening.read')
  detail(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
  ): Promise<ScreeningDetail | ClientScreeningDetail> {
    return this.screenings.detail(auth, id);
  }

  @Put('screenings/:id/draft')
  @Roles('therapist', 'client')
  @Audit(['screening.draft.save', 'alert.raise', 'alert.escalate'])
  saveDraft(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: SaveDraftDto,
  ): Promise<DraftSaved> {
    return this.screenings.saveDraft(auth, id, dto);
  }

  @Post('screenings/:id/submit')
  @Roles('therapist', 'client')
  @HttpCode(200)
  @Audit(['screening.submit', 'alert.raise', 'alert.escalate'])
  submit(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: SubmitScreeningDto,
  ): Promise<ScreeningSubmitted> {
    return this.screenings.submit(auth, id, key, dto);
  }

  @Post('screenings/:id/cancel')
  @Roles('admin', 'therapist')
  @HttpCode(200)
  @Audit('screening.cancel')
  cancel(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<ScreeningSummary> {
    return this.screenings.cancel(auth, id);
  }

  @Get('screenings/:id/result')
  @Roles('admin', 'therapist')
  @Audit('screening.result.read')
  result(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<ScreeningResultView> {
    return this.screenings.result(auth, id);
  }

  @Get('screenings/:id/fhir')
  @Roles('admin', 'therapist')
  @Audit('screening.fhir.export')
  fhir(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
  ): Promise<FhirQuestionnaireResponse> {
    return this.screenings.fhirResponse(auth, id);
  }

  @Get('alerts')
  @Roles('admin', 'therapist')
  @Audit('alert.list')
  listAlerts(
    @CurrentAuth() auth: AuthContext,
    @Query() q: AlertListQueryDto,
  ): Promise<Page<AlertSummary>> {
    return this.alerts.list(auth, q);
  }

  @Post('alerts/:id/acknowledge')
  @Roles('admin', 'therapist')
  @HttpCode(200)
  @Audit('alert.acknowledge')
  acknowledge(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: AcknowledgeAlertDto,
  ): Promise<AlertSummary> {
    return this.alerts.acknowledge(auth, id, dto);
  }
}
