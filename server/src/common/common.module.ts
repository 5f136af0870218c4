import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { AccessPolicy } from './access/access.policy.js';
import { AccessRepository } from './access/access.repository.js';
import { Clock } from './clock.js';
import { CsrfTokens } from './csrf.js';

/** Cross-cutting providers every feature uses: config, CSRF tokens, the access policy, the clock. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.sessionSecret)
      throw new Error('The server needs a session secret (SESSION_SECRET).');
    return {
      module: CommonModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CsrfTokens, useValue: new CsrfTokens(config.sessionSecret) },
        AccessRepository,
        AccessPolicy,
        Clock,
      ],
      exports: [APP_CONFIG, CsrfTokens, AccessPolicy, Clock],
    };
  }
}
