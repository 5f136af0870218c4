import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BriefsModule } from './briefs/briefs.module.js';
import { ClientsModule } from './clients/clients.module.js';
import { AuditInterceptor } from './common/audit-trail.js';
import { AuthGuard } from './common/auth.guard.js';
import { CommonModule } from './common/common.module.js';
import type { AppConfig } from './config.js';
import { appDataSourceOptions } from './database/data-source.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { FirstPageModule } from './first-page/first-page.module.js';
import { ENTITIES } from './entities.js';
import { HealthModule } from './health/health.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { MembersModule } from './members/members.module.js';
import { PracticesModule } from './practices/practices.module.js';
import type { MailTransport } from './notifications/mail-transport.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { SchedulingModule } from './scheduling/scheduling.module.js';
import { PsychoeducationModule } from './psychoeducation/psychoeducation.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { RepositoriesModule } from './repositories.module.js';
import { ScreeningModule } from './screening/screening.module.js';

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    databaseUrl: string,
    opts: { mailTransport?: MailTransport } = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(appDataSourceOptions(databaseUrl, config.db, ENTITIES)),
        CommonModule.forRoot(config),
        RepositoriesModule,
        AuditModule,
        AuthModule,
        PracticesModule,
        MembersModule,
        ClientsModule,
        InvitationsModule,
        ScreeningModule,
        NotificationsModule.forRoot(opts.mailTransport),
        PsychoeducationModule,
        SchedulingModule,
        DashboardModule,
        FirstPageModule,
        BriefsModule,
        RemindersModule,
        ExportsModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        // Outside production a route that records what it does not declare fails loudly. The
        // check tracks each request with AsyncLocalStorage, which on Node 20 makes every promise
        // of every request dearer (and an interceptor runs the handler through rxjs): production
        // leaves it off unless AUDIT_ROUTE_CHECK asks for it. Services write the audit rows
        // either way; the check only verifies them against the declarations.
        ...(config.auditRouteCheck
          ? [
              {
                provide: APP_INTERCEPTOR,
                useFactory: (reflector: Reflector) =>
                  new AuditInterceptor(reflector, !config.production),
                inject: [Reflector],
              },
            ]
          : []),
      ],
    };
  }
}
