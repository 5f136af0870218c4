import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { devMailbox, MAIL_TRANSPORT, type MailTransport, smtpTransport } from './mail-transport.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { PeriodicJobs } from './periodic-jobs.service.js';

@Global()
@Module({})
export class NotificationsModule {
  /** `transport` replaces the configured one (SMTP_URL, or the development mailbox): tests. */
  static forRoot(transport?: MailTransport): DynamicModule {
    return {
      module: NotificationsModule,
      controllers: [NotificationsController],
      providers: [
        NotificationsService,
        PeriodicJobs,
        {
          provide: MAIL_TRANSPORT,
          useFactory: (config: AppConfig): MailTransport =>
            transport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : devMailbox),
          inject: [APP_CONFIG],
        },
      ],
      exports: [NotificationsService, PeriodicJobs],
    };
  }
}
