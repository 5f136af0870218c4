import { Controller, Get, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@attune/shared';
import type { FastifyReply } from 'fastify';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { NoSession, Public } from '../common/decorators.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { NoClientData } from '../common/audit-trail.js';

export const APP_VERSION = '0.1.0';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Liveness plus a database round trip within HEALTH_DB_TIMEOUT_MS; 503 when Postgres is down,
   * frozen or refusing the app's role. Never reads the session, so a cookie changes nothing.
   */
  @Get()
  @Public()
  @NoSession()
  @NoClientData('a health check')
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    if (await this.databaseAnswers()) return { status: 'ok', database: 'ok', version: APP_VERSION };
    void reply.status(503).header('retry-after', '5');
    return { status: 'degraded', database: 'down', version: APP_VERSION };
  }

  /** Its own short-lived connection: a stuck pool must not hide a dead database, or hang here. */
  private async databaseAnswers(): Promise<boolean> {
    const ms = this.config.healthTimeoutMs;
    const url = (this.ds.options as { url?: string }).url;
    const client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: ms,
      query_timeout: ms,
      statement_timeout: ms,
    });
    client.on('error', () => undefined);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const probe = (async () => {
      await client.connect();
      const { rows } = await client.query<{ ok: number }>('SELECT 1 AS ok');
      return rows[0]?.ok === 1;
    })().catch(() => false);
    const ok = await Promise.race([probe, deadline]);
    clearTimeout(timer);
    if (ok) void client.end().catch(() => undefined);
    // A frozen server would never answer the goodbye: drop the socket instead.
    else
      (
        client as unknown as { connection?: { stream?: { destroy(): void } } }
      ).connection?.stream?.destroy();
    return ok;
  }
}
