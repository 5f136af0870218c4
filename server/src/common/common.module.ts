import { type DynamicModule, Global, Module } from '@nestjs/common';
import { SessionsService } from '../auth/sessions.service.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { AccessService } from './access.service.js';

/** Cross-cutting providers every feature uses: config, the access helper, session lookup. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, AccessService, SessionsService],
      exports: [APP_CONFIG, AccessService, SessionsService],
    };
  }
}
