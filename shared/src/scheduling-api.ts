export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'completed', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_KINDS = ['intake', 'ongoing', 'other'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export const SCHEDULING_LIMITS = {
  durationMin: 5,
  durationMax: 480,
  slotStepMinutes: 15,
  slotRangeMaxDays: 62,
  reasonMax: 500,
  typeNameMax: 80,
  cancellationWindowMaxHours: 168,
  /** `Idempotency-Key` header of POST /api/appointments. */
  idempotencyKeyMax: 200,
  /** A client's note with a change request. */
  changeRequestNoteMax: 1000,
} as const;

export interface AppointmentTypeView {
  id: string;
  name: string;
  durationMinutes: number;
  kind: AppointmentKind;
  /** The type preselected for its kind (one intake default, one ongoing default). */
  isDefault: boolean;
  active: boolean;
}

export interface CreateAppointmentTypeRequest {
  name: string;
  durationMinutes: number;
  kind: AppointmentKind;
  isDefault?: boolean;
}

export interface UpdateAppointmentTypeRequest {
  name?: string;
  durationMinutes?: number;
  kind?: AppointmentKind;
  isDefault?: boolean;
  active?: boolean;
}

/** One weekly block of working hours, in the therapist's time zone. weekday: 1 = Monday … 7 = Sunday. */
export interface AvailabilityRule {
  weekday: number;
  /** "HH:mm", 24-hour. */
  start: string;
  end: string;
  /** Optional date bounds ("YYYY-MM-DD", inclusive) for changes that start or end on a date. */
  validFrom?: string | null;
  validUntil?: string | null;
}

export interface TimeOffView {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string | null;
}

export interface AvailabilityView {
  therapistId: string;
  timeZone: string;
  rules: AvailabilityRule[];
  timeOff: TimeOffView[];
}

export interface SetAvailabilityRequest {
  timeZone: string;
  rules: AvailabilityRule[];
}

export interface CreateTimeOffRequest {
  startsAt: string;
  endsAt: string;
  reason?: string;
}

export interface SlotsResponse {
  therapistId: string;
  typeId: string;
  timeZone: string;
  durationMinutes: number;
  /** Free start times (ISO 8601 with the requested zone's offset). */
  slots: string[];
}

export interface AppointmentView {
  id: string;
  therapist: { id: string; displayName: string };
  client: { id: string; displayName: string };
  type: { id: string; name: string; durationMinutes: number };
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  cancelReason: string | null;
  cancelledAt: string | null;
  lateCancel: boolean;
  /** Set when an admin booked outside working hours on purpose. */
  overrideReason: string | null;
  /** The client booked it themselves (self-booking). */
  bookedByClient: boolean;
  /** A change the client asked for, until staff move, cancel or mark it handled. */
  changeRequest: AppointmentChangeRequest | null;
  version: number;
}

export const CHANGE_REQUEST_KINDS = ['reschedule', 'cancel'] as const;
export type ChangeRequestKind = (typeof CHANGE_REQUEST_KINDS)[number];

/** A client's request to move or cancel a session they cannot change online (too close to it). */
export interface AppointmentChangeRequest {
  kind: ChangeRequestKind;
  note: string | null;
  requestedAt: string;
}

/** `POST /api/appointments/:id/change-request` (the client's own session). */
export interface CreateChangeRequest {
  kind: ChangeRequestKind;
  note?: string;
}

/**
 * The practice's self-booking settings (`GET/PUT /api/practice/self-booking`, admins). Off by
 * default. The notice window is the practice's cancellation window: clients book, move and
 * cancel online only up to that many hours before a session; closer to it they send a request.
 */
export interface SelfBookingSettings {
  enabled: boolean;
  /** The appointment types clients may book themselves. */
  typeIds: string[];
  /** The practice's cancellation window, in hours (set with the practice's settings). */
  noticeHours: number;
}

export interface UpdateSelfBookingSettingsRequest {
  enabled: boolean;
  typeIds: string[];
}

/**
 * Whether one client can book online (`GET /api/clients/:id/self-booking`: the client, their
 * therapist, admins). `off`: the practice does not offer it; `paused`: a safety alert on one of
 * their screenings is open (it resumes once acknowledged); `no_therapist`: nobody to book with.
 */
export type SelfBookingState = 'off' | 'open' | 'paused' | 'no_therapist';

export interface SelfBookingStatus {
  clientId: string;
  state: SelfBookingState;
  therapist: { id: string; displayName: string } | null;
  /** What the client may book (empty unless `open`). */
  types: { id: string; name: string; durationMinutes: number }[];
  noticeHours: number;
  /** The practice's time zone: free times are shown in it. */
  timeZone: string;
}

export interface BookAppointmentRequest {
  therapistId: string;
  clientId: string;
  typeId: string;
  startsAt: string;
  /** Book outside working hours or during time off anyway (admin only), with a reason. */
  override?: boolean;
  overrideReason?: string;
}

export interface UpdateAppointmentRequest {
  version: number;
  startsAt?: string;
  therapistId?: string;
  typeId?: string;
  status?: 'completed' | 'no_show';
  override?: boolean;
  overrideReason?: string;
}

export interface CancelAppointmentRequest {
  reason: string;
}

export interface CalendarFeedCreated {
  /** Subscribe to this URL; it holds the only copy of the secret. */
  url: string;
  showClient: 'initials' | 'none';
  createdAt: string;
}

export interface DevMailboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  createdAt: string;
  sentAt: string | null;
  status: 'pending' | 'sent' | 'skipped' | 'failed';
}
