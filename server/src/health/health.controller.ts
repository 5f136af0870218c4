import { Controller, Get, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@attune/shared';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../common/decorators.js';

export const APP_VERSION = '0.1.0';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Liveness plus a database round trip; 503 when Postgres does not answer. */
  @Get()
  @Public()
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    try {
      await this.ds.query('SELECT 1');
      return { status: 'ok', database: 'ok', version: APP_VERSION };
    } catch {
      void reply.status(503);
      return { status: 'degraded', database: 'down', version: APP_VERSION };
    }
  }
}
