import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AppointmentTypeView,
  AppointmentView,
  AvailabilityView,
  BookAppointmentRequest,
  CalendarFeedCreated,
  CancelAppointmentRequest,
  CreateAppointmentTypeRequest,
  CreateChangeRequest,
  CreateTimeOffRequest,
  DevMailboxMessage,
  SelfBookingSettings,
  SelfBookingStatus,
  SetAvailabilityRequest,
  SlotsResponse,
  TimeOffView,
  UpdateAppointmentRequest,
  UpdateAppointmentTypeRequest,
  UpdateSelfBookingSettingsRequest,
} from '@attune/shared';
import { Observable } from 'rxjs';
import { queryParams } from './http-params';

export interface AppointmentQuery {
  from?: string;
  to?: string;
  therapistId?: string | null;
  clientId?: string | null;
  includeCancelled?: boolean;
}

export interface SlotsQuery {
  therapistId: string;
  typeId: string;
  from: string;
  to: string;
  /** Zone the returned ISO strings carry their offset in. */
  tz?: string;
}

const id = (value: string) => encodeURIComponent(value);

/** Appointment types, working hours, free slots, sessions, calendar feeds and outgoing mail. */
@Injectable({ providedIn: 'root' })
export class SchedulingApi {
  private readonly http = inject(HttpClient);

  listTypes(): Observable<AppointmentTypeView[]> {
    return this.http.get<AppointmentTypeView[]>('/api/appointment-types');
  }

  createType(body: CreateAppointmentTypeRequest): Observable<AppointmentTypeView> {
    return this.http.post<AppointmentTypeView>('/api/appointment-types', body);
  }

  updateType(typeId: string, body: UpdateAppointmentTypeRequest): Observable<AppointmentTypeView> {
    return this.http.patch<AppointmentTypeView>(`/api/appointment-types/${id(typeId)}`, body);
  }

  getAvailability(therapistId: string): Observable<AvailabilityView> {
    return this.http.get<AvailabilityView>(`/api/therapists/${id(therapistId)}/availability`);
  }

  /** Replaces every weekly rule; a bad block comes back as a 400 naming `rules[i]`. */
  setAvailability(therapistId: string, body: SetAvailabilityRequest): Observable<AvailabilityView> {
    return this.http.put<AvailabilityView>(`/api/therapists/${id(therapistId)}/availability`, body);
  }

  addTimeOff(therapistId: string, body: CreateTimeOffRequest): Observable<TimeOffView> {
    return this.http.post<TimeOffView>(`/api/therapists/${id(therapistId)}/time-off`, body);
  }

  removeTimeOff(therapistId: string, timeOffId: string): Observable<void> {
    return this.http.delete<void>(`/api/therapists/${id(therapistId)}/time-off/${id(timeOffId)}`);
  }

  createCalendarFeed(
    therapistId: string,
    showClient: 'initials' | 'none',
  ): Observable<CalendarFeedCreated> {
    return this.http.post<CalendarFeedCreated>(`/api/therapists/${id(therapistId)}/calendar-feed`, {
      showClient,
    });
  }

  revokeCalendarFeed(therapistId: string): Observable<void> {
    return this.http.delete<void>(`/api/therapists/${id(therapistId)}/calendar-feed`);
  }

  slots(query: SlotsQuery): Observable<SlotsResponse> {
    return this.http.get<SlotsResponse>('/api/slots', { params: queryParams({ ...query }) });
  }

  listAppointments(query: AppointmentQuery = {}): Observable<AppointmentView[]> {
    return this.http.get<AppointmentView[]>('/api/appointments', {
      params: queryParams({
        from: query.from,
        to: query.to,
        therapistId: query.therapistId,
        clientId: query.clientId,
        includeCancelled: query.includeCancelled ? 'true' : undefined,
      }),
    });
  }

  appointment(appointmentId: string): Observable<AppointmentView> {
    return this.http.get<AppointmentView>(`/api/appointments/${id(appointmentId)}`);
  }

  /**
   * 409 with `code` therapist_busy / client_busy / outside_hours when the time does not work.
   * Send the same `idempotencyKey` when retrying one booking: the server then answers with the
   * booking it made, not a clash with it.
   */
  book(body: BookAppointmentRequest, idempotencyKey?: string): Observable<AppointmentView> {
    return this.http.post<AppointmentView>('/api/appointments', body, {
      headers: idempotencyKey ? new HttpHeaders({ 'Idempotency-Key': idempotencyKey }) : undefined,
    });
  }

  /** A stale `version` fails with 409 and `current` (the latest AppointmentView). */
  update(appointmentId: string, body: UpdateAppointmentRequest): Observable<AppointmentView> {
    return this.http.patch<AppointmentView>(`/api/appointments/${id(appointmentId)}`, body);
  }

  cancel(appointmentId: string, body: CancelAppointmentRequest): Observable<AppointmentView> {
    return this.http.post<AppointmentView>(`/api/appointments/${id(appointmentId)}/cancel`, body);
  }

  /** A client asks to move or cancel a session too close to change online. */
  requestChange(appointmentId: string, body: CreateChangeRequest): Observable<AppointmentView> {
    return this.http.post<AppointmentView>(
      `/api/appointments/${id(appointmentId)}/change-request`,
      body,
    );
  }

  /** Staff mark a client's change request handled. */
  resolveChangeRequest(appointmentId: string): Observable<AppointmentView> {
    return this.http.delete<AppointmentView>(
      `/api/appointments/${id(appointmentId)}/change-request`,
    );
  }

  /** Whether a client can book online now (off, open, paused, no therapist), with what. */
  selfBookingStatus(clientId: string): Observable<SelfBookingStatus> {
    return this.http.get<SelfBookingStatus>(`/api/clients/${id(clientId)}/self-booking`);
  }

  selfBookingSettings(): Observable<SelfBookingSettings> {
    return this.http.get<SelfBookingSettings>('/api/practice/self-booking');
  }

  updateSelfBookingSettings(
    body: UpdateSelfBookingSettingsRequest,
  ): Observable<SelfBookingSettings> {
    return this.http.put<SelfBookingSettings>('/api/practice/self-booking', body);
  }

  /** Same-origin download link for one session's .ics (the session cookie goes along). */
  icsUrl(appointmentId: string): string {
    return `/api/appointments/${id(appointmentId)}/ics`;
  }

  mailbox(): Observable<DevMailboxMessage[]> {
    return this.http.get<DevMailboxMessage[]>('/api/mailbox');
  }
}
