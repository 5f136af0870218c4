import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SelfBookingSettings, SelfBookingStatus } from '@attune/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessPolicy } from '../common/access/access.policy.js';
import type { AuthContext } from '../common/auth-context.js';
import { badField } from '../common/errors.js';
import { PracticesRepository } from '../practices/practices.repository.js';
import { AppointmentTypesRepository } from './appointment-types.repository.js';
import type { SelfBookingSettingsDto } from './dto/scheduling.dto.js';

/**
 * Client self-booking: the practice's switch and the types clients may book (admins), and where
 * one client stands (the client, their therapist, admins). The rules themselves live in the
 * access policy's self-service gate; booking goes through the appointments service.
 */
@Injectable()
export class SelfBookingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly practices: PracticesRepository,
    private readonly types: AppointmentTypesRepository,
    private readonly audit: AuditService,
  ) {}

  async settings(auth: AuthContext): Promise<SelfBookingSettings> {
    const practice = await this.practices.selfBooking(auth.practiceId);
    const types = await this.types.clientBookable(auth.practiceId);
    return {
      enabled: practice.enabled,
      typeIds: types.map((t) => t.id),
      noticeHours: practice.noticeHours,
    };
  }

  /** Turns self-booking on or off and sets exactly which (active) types clients may book. */
  async updateSettings(
    auth: AuthContext,
    dto: SelfBookingSettingsDto,
  ): Promise<SelfBookingSettings> {
    await this.ds.transaction(async (m) => {
      const known = new Set(await this.types.activeIds(m, auth.practiceId, dto.typeIds));
      if (dto.typeIds.some((id) => !known.has(id)))
        throw badField('typeIds', 'typeIds must be active appointment types of your practice');
      await this.practices.setSelfBooking(m, auth.practiceId, dto.enabled);
      await this.types.setClientBookable(m, auth.practiceId, dto.typeIds);
      await this.audit.byCaller(
        auth,
        'self_booking.update',
        {
          entityType: 'practice',
          entityId: auth.practiceId,
          meta: { enabled: dto.enabled, types: dto.typeIds.length },
        },
        m,
      );
    });
    return this.settings(auth);
  }

  /** Whether this client can book online now, with whom and what: paused shows an open alert. */
  async status(auth: AuthContext, clientId: string): Promise<SelfBookingStatus> {
    await this.access.requireAccess(auth, 'clients.read', clientId);
    const { state, noticeHours, therapist } = await this.access.selfServiceState(auth, clientId);
    const { timeZone } = await this.practices.selfBooking(auth.practiceId);
    const types = state === 'open' ? await this.types.clientBookable(auth.practiceId) : [];
    // "Paused" says a safety alert is open: a clinical fact, so on the trail.
    await this.audit.byCaller(auth, 'self_booking.read', {
      entityType: 'client',
      entityId: clientId,
      clientId,
    });
    return {
      clientId,
      state,
      therapist,
      types: types.map((t) => ({ id: t.id, name: t.name, durationMinutes: t.durationMinutes })),
      noticeHours,
      timeZone,
    };
  }
}
