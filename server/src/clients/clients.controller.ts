import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ClientSummary, Page } from '@attune/shared';
import type { AuthContext } from '../common/auth-context.js';
import { CurrentAuth, Roles } from '../common/decorators.js';
import { IdParam } from '../common/id-param.js';
import { ClientsService } from './clients.service.js';
import {
  ClientListQueryDto,
  CreateClientDto,
  DeactivateClientDto,
  UpdateClientDto,
} from './dto/client.dto.js';
import { Audit } from '../common/audit-trail.js';

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @Roles('admin', 'therapist')
  @Audit('client.list')
  list(
    @CurrentAuth() auth: AuthContext,
    @Query() q: ClientListQueryDto,
  ): Promise<Page<ClientSummary>> {
    return this.clients.list(auth, q);
  }

  @Post()
  @Roles('admin', 'therapist')
  @Audit('client.create')
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateClientDto): Promise<ClientSummary> {
    return this.clients.create(auth, dto);
  }

  @Get(':id')
  @Roles('admin', 'therapist', 'client')
  @Audit('client.read')
  get(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<ClientSummary> {
    return this.clients.get(auth, id);
  }

  @Patch(':id')
  @Roles('admin', 'therapist')
  @Audit('client.update')
  update(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: UpdateClientDto,
  ): Promise<ClientSummary> {
    return this.clients.update(auth, id, dto);
  }

  /** Closes a client's record (admins): sign-in off, sessions ended, upcoming sessions cancelled. */
  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('admin')
  @Audit(['client.deactivate', 'appointment.cancel'])
  deactivate(
    @CurrentAuth() auth: AuthContext,
    @IdParam() id: string,
    @Body() dto: DeactivateClientDto,
  ): Promise<ClientSummary> {
    return this.clients.deactivate(auth, id, dto);
  }

  /** Reopens a closed record (admins). */
  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles('admin')
  @Audit('client.reactivate')
  reactivate(@CurrentAuth() auth: AuthContext, @IdParam() id: string): Promise<ClientSummary> {
    return this.clients.reactivate(auth, id);
  }
}
