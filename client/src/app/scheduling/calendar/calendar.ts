import { BreakpointObserver } from '@angular/cdk/layout';
import {
  CdkDrag,
  type CdkDragEnd,
  type CdkDragMove,
  type DragRef,
  type Point,
} from '@angular/cdk/drag-drop';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ActivatedRoute, Params, Router, RouterLink } from '@angular/router';
import type {
  AppointmentTypeView,
  AppointmentView,
  CalendarSession,
  CalendarView,
  TherapistRef,
} from '@attune/shared';
import { catchError, interval, map, of, switchMap } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { AuthStore } from '../../core/auth-store';
import { CalendarApi } from '../../core/calendar-api';
import { SchedulingApi } from '../../core/scheduling-api';
import { TherapistOptions } from '../../caseload/therapist-options';
import { DIALOG_OPTIONS } from '../../ui/dialog-options';
import { ErrorAlert } from '../../ui/error-alert/error-alert';
import {
  AppointmentDialog,
  AppointmentDialogAction,
  AppointmentDialogData,
} from '../appointment-dialog/appointment-dialog';
import { BookDialog, BookDialogData } from '../book-dialog/book-dialog';
import { bookingProblem } from '../booking-problem';
import { CancelDialog, CancelDialogData } from '../cancel-dialog/cancel-dialog';
import { RescheduleDialog, RescheduleDialogData } from '../reschedule-dialog/reschedule-dialog';
import { defaultType, durationLabel } from '../scheduling-labels';
import {
  addDays,
  dayBounds,
  dayHeading,
  formatDateTime,
  formatTimeRange,
  isIsoDate,
  mondayOf,
  todayIn,
  weekBounds,
  weekLabel,
  weekZoneLabel,
  zonedToUtc,
} from '../zoned-time';
import {
  buildGrid,
  clockOf,
  type FreeCell,
  type GridColumn,
  gridItems,
  type GridLayout,
  type GridMode,
  type NavKey,
  nextItem,
  type SessionBlock,
  STEP_MINUTES,
} from './grid-layout';

interface Loaded<T> {
  value: T;
  error: string;
  loading: boolean;
}

/** A session shown somewhere other than where the server has it: being moved, or being saved. */
interface Placement {
  sessionId: string;
  column: number;
  /** Wall-clock minute of the day the session starts at. */
  start: number;
}

const NAV_KEYS = new Set<string>([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
]);

/**
 * The practice calendar as a time grid: one therapist across a week, or every therapist side by
 * side on one day (one at a time on a phone). Sessions are blocks; free starts are cells to book;
 * a session moves by drag and drop or with the keyboard, under the server's booking rules.
 * View, date, therapist and type live in the URL; one request loads everything a view shows.
 */
@Component({
  selector: 'app-calendar',
  imports: [
    CdkDrag,
    ErrorAlert,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './calendar.html',
  styleUrl: './calendar.scss',
})
export class Calendar {
  private readonly api = inject(CalendarApi);
  private readonly scheduling = inject(SchedulingApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private readonly gridEl = viewChild<ElementRef<HTMLElement>>('gridEl');

  /** Query params: `view` (day or week), `date` (any day in it; `week` is the older name). */
  readonly view = input<string>();
  readonly date = input<string>();
  readonly week = input<string>();
  readonly therapist = input<string>();
  readonly type = input<string>();
  readonly cancelled = input<string>();

  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 599.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  protected readonly zone = computed(() => this.auth.practice()?.timeZone ?? 'UTC');
  protected readonly therapists = signal<TherapistRef[]>([]);
  protected readonly types = signal<AppointmentTypeView[]>([]);
  protected readonly activeTypes = computed(() => this.types().filter((t) => t.active));

  /** The chosen therapist, if they are one of the practice's. */
  private readonly chosenTherapist = computed(() => {
    const id = this.therapist();
    return id && this.therapists().some((t) => t.id === id) ? id : '';
  });
  /** Week view shows one therapist; so does a phone. Day view may show them all. */
  protected readonly mode = computed<GridMode>(() => {
    if (this.narrow()) return 'day';
    const view = this.view();
    if (view === 'day' || view === 'week') return view;
    return this.chosenTherapist() ? 'week' : 'day';
  });
  protected readonly oneTherapist = computed(() => this.mode() === 'week' || this.narrow());
  protected readonly therapistId = computed(
    () => this.chosenTherapist() || (this.oneTherapist() ? (this.therapists()[0]?.id ?? '') : ''),
  );
  protected readonly therapistName = computed(
    () => this.therapists().find((t) => t.id === this.therapistId())?.displayName ?? '',
  );
  protected readonly typeId = computed(() => {
    const id = this.type();
    const active = this.activeTypes();
    return active.some((t) => t.id === id) ? id! : (defaultType(active)?.id ?? '');
  });
  protected readonly showCancelled = computed(() => this.cancelled() === 'true');

  private readonly anchor = computed(() => {
    const d = this.date() ?? this.week();
    return isIsoDate(d) ? d : todayIn(this.zone());
  });
  /** The Monday (week view) or the day (day view) shown. */
  protected readonly shown = computed(() =>
    this.mode() === 'week' ? mondayOf(this.anchor()) : this.anchor(),
  );
  protected readonly isCurrent = computed(() => {
    const today = todayIn(this.zone());
    return this.mode() === 'week' ? mondayOf(today) === this.shown() : today === this.shown();
  });
  protected readonly heading = computed(() =>
    this.mode() === 'week'
      ? weekLabel(this.shown())
      : `${dayHeading(this.shown())}, ${this.shown().slice(0, 4)}`,
  );
  /** What left and right arrows do while moving a session (nothing with one column). */
  protected readonly acrossHint = computed(() => {
    if (this.mode() === 'week') return ' (left and right change the day)';
    return this.oneTherapist() ? '' : ' (left and right change the therapist)';
  });
  protected readonly zoneLabel = computed(() => weekZoneLabel(mondayOf(this.shown()), this.zone()));

  private readonly refresh = signal(0);
  protected readonly data = signal<Loaded<CalendarView | null>>({
    value: null,
    error: '',
    loading: true,
  });
  protected readonly setupError = signal('');
  protected readonly status = signal('');
  /** A refused move, in words (the block is back where it was). */
  protected readonly moveError = signal('');
  /** What the keyboard move is doing, for screen readers. */
  protected readonly announcement = signal('');
  protected readonly now = signal(new Date());

  /** The session the keyboard is moving, and where it is now. */
  protected readonly moving = signal<Placement | null>(null);
  /** A move sent to the server and not answered yet: drawn where it is going. */
  private readonly saving = signal<Placement | null>(null);
  /** While a block is dragged: where it would land, in words. */
  protected readonly dragHint = signal<{ sessionId: string; text: string } | null>(null);

  protected readonly hourPx = computed(() => (this.narrow() ? 72 : 64));
  private readonly pxPerMinute = computed(() => this.hourPx() / 60);

  /** The grid as the server has it (for column positions of a placement). */
  private readonly baseLayout = computed<GridLayout | null>(() => {
    const view = this.data().value;
    if (!view) return null;
    return buildGrid({
      view,
      mode: this.mode(),
      date: this.shown(),
      zone: this.zone(),
      now: this.now(),
    });
  });

  /** The grid as drawn: a session being moved or saved shows where it is going. */
  protected readonly layout = computed<GridLayout | null>(() => {
    const base = this.baseLayout();
    const view = this.data().value;
    const place = this.moving() ?? this.saving();
    if (!base || !view || !place) return base;
    const target = base.columns[place.column];
    const session = view.sessions.find((s) => s.id === place.sessionId);
    if (!target || !session) return base;
    return buildGrid({
      view: {
        ...view,
        sessions: view.sessions.map((s) =>
          s === session ? this.placed(s, target, place.start) : s,
        ),
      },
      mode: this.mode(),
      date: this.shown(),
      zone: this.zone(),
      now: this.now(),
    });
  });

  private readonly items = computed(() => {
    const layout = this.layout();
    return layout ? gridItems(layout) : [];
  });
  private readonly focusKey = signal<string | null>(null);
  /** The one grid item in the tab order (roving tabindex): the last focused, or a sensible first. */
  protected readonly activeKey = computed(() => {
    const items = this.items();
    const key = this.focusKey();
    if (key && items.some((i) => i.key === key)) return key;
    const layout = this.layout();
    const todayColumn = layout?.columns.findIndex((c) => c.isToday) ?? -1;
    return (items.find((i) => i.column === todayColumn) ?? items[0])?.key ?? null;
  });

  constructor() {
    inject(TherapistOptions)
      .load()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => this.therapists.set(list),
        error: (err: unknown) => this.setupError.set(toApiError(err).message),
      });
    this.scheduling
      .listTypes()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => this.types.set(list),
        error: (err: unknown) => this.setupError.set(toApiError(err).message),
      });
    // "Now" moves down the grid; free times in the past drop out on the next load.
    interval(60_000)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.now.set(new Date()));

    const query = computed(() => {
      const zone = this.zone();
      const { from, to } =
        this.mode() === 'week' ? weekBounds(this.shown(), zone) : dayBounds(this.shown(), zone);
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        therapistId: this.therapistId() || null,
        typeId: this.typeId() || null,
        includeCancelled: this.showCancelled(),
        // Waits for the therapist list when the view needs one therapist.
        ready: !this.oneTherapist() || !!this.therapistId(),
        refresh: this.refresh(),
      };
    });
    toObservable(query)
      .pipe(
        switchMap((q) => {
          if (!q.ready) return of(null);
          this.data.update((s) => ({ ...s, loading: true, error: '' }));
          return this.api.view(q).pipe(
            map((value) => ({ value, error: '', loading: false })),
            catchError((err: unknown) =>
              of({ value: null, error: toApiError(err).message, loading: false }),
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        if (!state) return;
        // Fresh data replaces any move in flight (a saved one now comes from the server).
        this.moving.set(null);
        this.saving.set(null);
        this.data.set(state);
      });
  }

  /** The session as it would be at `start` minutes on `column`'s day (and therapist). */
  private placed(s: CalendarSession, column: GridColumn, start: number): CalendarSession {
    const startsAt = zonedToUtc(column.date, clockOf(start), this.zone());
    const length = new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime();
    return {
      ...s,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + length).toISOString(),
      therapist: { id: column.therapistId, displayName: column.therapistName },
    };
  }

  // ---- navigation and filters (all in the URL) ----

  private go(params: Params): void {
    this.status.set('');
    this.moveError.set('');
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
    });
  }

  protected shift(steps: number): void {
    this.go({ date: addDays(this.shown(), steps * (this.mode() === 'week' ? 7 : 1)), week: null });
  }

  protected goToday(): void {
    this.go({ date: null, week: null });
  }

  protected chooseMode(mode: GridMode): void {
    // Week view needs one therapist: keep the one on screen.
    this.go({
      view: mode,
      therapist: mode === 'week' ? this.therapistId() || null : (this.therapist() ?? null),
    });
  }

  protected chooseTherapist(id: string): void {
    // Keep the view on screen: a day stays a day (of that therapist), a week a week.
    this.go({ therapist: id || null, view: this.narrow() ? null : this.mode() });
  }

  protected chooseType(id: string): void {
    this.go({ type: id || null });
  }

  protected toggleCancelled(show: boolean): void {
    this.go({ cancelled: show ? 'true' : null });
  }

  protected openDay(column: GridColumn): void {
    this.go({ view: 'day', date: column.date, week: null });
  }

  private reload(): void {
    this.refresh.update((n) => n + 1);
  }

  // ---- geometry ----

  protected top(minute: number): number {
    return (minute - (this.layout()?.start ?? 0)) * this.pxPerMinute();
  }

  protected height(start: number, end: number): number {
    return Math.max(end - start, 1) * this.pxPerMinute();
  }

  protected gridHeight(layout: GridLayout): number {
    return (layout.end - layout.start) * this.pxPerMinute();
  }

  // ---- keyboard: roving focus through the grid, and moving a session ----

  protected focused(key: string): void {
    this.focusKey.set(key);
  }

  /**
   * Where an arrow key sent focus before the grid has drawn and moved it there: a second key
   * pressed in between (a fast typist, a slow phone) goes on from here, not from the old item.
   */
  private pendingFocus: string | null = null;

  private focusItem(key: string): void {
    this.focusKey.set(key);
    this.pendingFocus = key;
    afterNextRender(
      () => {
        if (this.pendingFocus !== key) return;
        this.pendingFocus = null;
        this.gridEl()
          ?.nativeElement.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)
          ?.focus();
      },
      { injector: this.injector },
    );
  }

  protected onGridKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    const own = target?.closest<HTMLElement>('[data-key]')?.dataset['key'];
    if (!own) return;
    const key = this.pendingFocus ?? own;
    const moving = this.moving();
    if (moving) {
      this.moveKey(event, moving);
      return;
    }
    if (NAV_KEYS.has(event.key)) {
      event.preventDefault();
      const next = nextItem(this.items(), key, event.key as NavKey);
      if (next !== key) this.focusItem(next);
      return;
    }
    if ((event.key === 'm' || event.key === 'M') && key.startsWith('s:')) {
      const block = this.blockOf(key);
      if (block?.block.movable && !this.saving()) {
        event.preventDefault();
        this.startMove(block.block, block.column);
      }
    }
  }

  private blockOf(key: string): { block: SessionBlock; column: number } | null {
    const columns = this.layout()?.columns ?? [];
    for (const [column, c] of columns.entries()) {
      const block = c.sessions.find((s) => s.key === key);
      if (block) return { block, column };
    }
    return null;
  }

  /** Picks a session up for the keyboard: arrows move it, Enter saves, Escape puts it back. */
  protected startMove(block: SessionBlock, column: number): void {
    this.moveError.set('');
    this.moving.set({ sessionId: block.session.id, column, start: block.start });
    const across = this.mode() === 'week' ? 'day' : this.oneTherapist() ? '' : 'therapist';
    this.announcement.set(
      `Moving ${block.session.client.shortName}'s session, now ${this.describe(column, block.start, block.session)}. ` +
        `Up and down arrows move it by ${STEP_MINUTES} minutes` +
        (across ? `, left and right to another ${across}. ` : '. ') +
        'Enter saves the new time, Escape cancels.',
    );
    this.focusItem(block.key);
  }

  private moveKey(event: KeyboardEvent, place: Placement): void {
    const view = this.data().value;
    const session = view?.sessions.find((s) => s.id === place.sessionId);
    const columns = this.baseLayout()?.columns ?? [];
    if (!session) return;
    const length =
      (new Date(session.endsAt).getTime() - new Date(session.startsAt).getTime()) / 60_000;
    let { column, start } = place;
    switch (event.key) {
      case 'ArrowUp':
        start = Math.max(0, start - STEP_MINUTES);
        break;
      case 'ArrowDown':
        start = Math.min(24 * 60 - length, start + STEP_MINUTES);
        break;
      case 'ArrowLeft':
        column = Math.max(0, column - 1);
        break;
      case 'ArrowRight':
        column = Math.min(columns.length - 1, column + 1);
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.moving.set(null);
        this.commit(session, place);
        return;
      case 'Escape':
        event.preventDefault();
        this.moving.set(null);
        this.announcement.set(
          `Move cancelled. ${session.client.shortName}'s session stays at ${this.whenText(session)}.`,
        );
        this.focusItem(`s:${session.id}`);
        return;
      case 'Tab':
        // Leaving the grid puts the session back.
        this.moving.set(null);
        this.announcement.set('Move cancelled.');
        return;
      default:
        return;
    }
    event.preventDefault();
    this.moving.set({ ...place, column, start });
    this.announcement.set(this.describe(column, start, session));
    this.focusItem(`s:${session.id}`);
  }

  /** "Tuesday, March 10, 10:15 – 11:05 AM" (+ " with Maya Chen" beside other therapists). */
  private describe(column: number, start: number, session: CalendarSession): string {
    const c = this.baseLayout()?.columns[column];
    if (!c) return '';
    const at = this.placed(session, c, start);
    const who = this.mode() === 'day' && !this.oneTherapist() ? ` with ${c.therapistName}` : '';
    return `${dayHeading(c.date)}, ${formatTimeRange(at.startsAt, at.endsAt, this.zone())}${who}`;
  }

  private whenText(s: CalendarSession): string {
    return `${formatDateTime(s.startsAt, this.zone())}`;
  }

  // ---- drag and drop (CDK), snapped to 15 minutes and to columns ----

  private drag: { column: number; start: number; length: number; columnWidth: number } | null =
    null;
  private justDragged = false;

  protected dragStarted(block: SessionBlock, column: number, element: HTMLElement): void {
    this.moveError.set('');
    const columnEl = element.closest<HTMLElement>('.column');
    this.drag = {
      column,
      start: block.start,
      length: block.end - block.start,
      columnWidth: columnEl?.getBoundingClientRect().width ?? 1,
    };
  }

  /** Where the block may be while dragged: whole columns across, whole 15 minutes down. */
  protected readonly constrain = (
    point: Point,
    _ref: DragRef,
    rect: DOMRect,
    pickup: Point,
  ): Point => {
    const drag = this.drag;
    const layout = this.baseLayout();
    if (!drag || !layout) return { x: rect.left, y: rect.top };
    const step = STEP_MINUTES * this.pxPerMinute();
    const minSteps = Math.ceil((layout.start - drag.start) / STEP_MINUTES);
    const maxSteps = Math.floor((layout.end - drag.length - drag.start) / STEP_MINUTES);
    const steps = Math.min(
      maxSteps,
      Math.max(minSteps, Math.round((point.y - pickup.y - rect.top) / step)),
    );
    const columns = Math.min(
      layout.columns.length - 1 - drag.column,
      Math.max(-drag.column, Math.round((point.x - pickup.x - rect.left) / drag.columnWidth)),
    );
    return { x: rect.left + columns * drag.columnWidth, y: rect.top + steps * step };
  };

  private dropPlace(offset: Point): Placement | null {
    const drag = this.drag;
    if (!drag) return null;
    return {
      sessionId: '',
      column: drag.column + Math.round(offset.x / drag.columnWidth),
      start: drag.start + Math.round(offset.y / this.pxPerMinute() / STEP_MINUTES) * STEP_MINUTES,
    };
  }

  protected dragMoved(event: CdkDragMove<SessionBlock>): void {
    const place = this.dropPlace(event.source.getFreeDragPosition());
    const s = event.source.data.session;
    this.dragHint.set(
      place ? { sessionId: s.id, text: this.describe(place.column, place.start, s) } : null,
    );
  }

  protected dragEnded(event: CdkDragEnd<SessionBlock>): void {
    const place = this.dropPlace(event.source.getFreeDragPosition());
    const session = event.source.data.session;
    event.source.reset();
    this.drag = null;
    this.dragHint.set(null);
    this.justDragged = true;
    setTimeout(() => (this.justDragged = false), 300);
    if (place) this.commit(session, { ...place, sessionId: session.id });
  }

  /** Saves a move under the server's rules; a refusal puts the block back and says why. */
  private commit(session: CalendarSession, place: Placement): void {
    const column = this.baseLayout()?.columns[place.column];
    if (!column) return;
    const target = this.placed(session, column, place.start);
    const key = `s:${session.id}`;
    if (target.startsAt === session.startsAt && target.therapist.id === session.therapist.id) {
      this.announcement.set('The session stays where it was.');
      this.focusItem(key);
      return;
    }
    const zone = this.zone();
    this.saving.set(place);
    this.announcement.set(`Saving the new time for ${session.client.shortName}'s session…`);
    this.scheduling
      .update(session.id, {
        version: session.version,
        startsAt: target.startsAt,
        ...(target.therapist.id !== session.therapist.id
          ? { therapistId: target.therapist.id }
          : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (moved) => {
          // The block stays at its new place until the reload brings the saved session.
          const message =
            `Moved ${session.client.shortName}'s session to ${formatDateTime(moved.startsAt, zone)}` +
            (moved.therapist.id !== session.therapist.id
              ? ` with ${moved.therapist.displayName}.`
              : '.');
          this.status.set(message);
          this.announcement.set(message);
          this.focusItem(key);
          this.reload();
        },
        error: (err: unknown) => {
          this.saving.set(null);
          const problem = bookingProblem(toApiError(err));
          const message = `${session.client.shortName}'s session was not moved: ${problem.message}`;
          this.moveError.set(message);
          this.announcement.set(`${message} It stays at ${this.whenText(session)}.`);
          this.focusItem(key);
          if (problem.kind === 'stale') this.reload();
        },
      });
  }

  // ---- dialogs ----

  protected bookFree(column: GridColumn, cell: FreeCell): void {
    this.book(column.therapistId, column.date, clockOf(cell.start));
  }

  protected book(therapistId: string | null, date: string | null, time: string | null): void {
    const zone = this.zone();
    const today = todayIn(zone);
    const data: BookDialogData = {
      therapists: this.therapists(),
      therapistId: therapistId ?? (this.therapistId() || null),
      types: this.activeTypes(),
      typeId: this.typeId() || null,
      date: date ?? (this.shown() > today ? this.shown() : today),
      time: time ?? '09:00',
      zone,
    };
    this.dialog
      .open<BookDialog, BookDialogData, AppointmentView>(BookDialog, {
        ...DIALOG_OPTIONS,
        width: '600px',
        data,
      })
      .afterClosed()
      .subscribe((booked) => {
        if (!booked) return;
        this.status.set(
          `Booked ${booked.client.displayName} with ${booked.therapist.displayName} on ${formatDateTime(booked.startsAt, zone)}.`,
        );
        this.focusKey.set(`s:${booked.id}`);
        this.reload();
      });
  }

  protected openSession(block: SessionBlock, column: number): void {
    if (this.justDragged || this.moving()) return;
    const appointment = block.session;
    this.dialog
      .open<AppointmentDialog, AppointmentDialogData, AppointmentDialogAction>(AppointmentDialog, {
        ...DIALOG_OPTIONS,
        width: '520px',
        data: { appointment, zone: this.zone(), canMoveOnGrid: block.movable },
      })
      .afterClosed()
      .subscribe((action) => {
        if (action === 'move') this.startMove(block, column);
        else if (action === 'reschedule') this.reschedule(appointment);
        else if (action === 'cancel') this.cancel(appointment);
        else this.focusItem(block.key);
      });
  }

  private reschedule(appointment: AppointmentView): void {
    const zone = this.zone();
    this.dialog
      .open<RescheduleDialog, RescheduleDialogData, AppointmentView>(RescheduleDialog, {
        ...DIALOG_OPTIONS,
        width: '600px',
        data: { appointment, zone },
      })
      .afterClosed()
      .subscribe((moved) => {
        if (!moved) return;
        this.status.set(
          `Moved ${moved.client.displayName}'s session to ${formatDateTime(moved.startsAt, zone)}.`,
        );
        this.reload();
      });
  }

  private cancel(appointment: AppointmentView): void {
    const zone = this.zone();
    this.dialog
      .open<CancelDialog, CancelDialogData, AppointmentView>(CancelDialog, {
        ...DIALOG_OPTIONS,
        width: '520px',
        data: {
          appointment,
          zone,
          windowHours: this.auth.practice()?.cancellationWindowHours ?? 24,
        },
      })
      .afterClosed()
      .subscribe((cancelled) => {
        if (!cancelled) return;
        this.status.set(
          `Cancelled ${cancelled.client.displayName}'s session on ${formatDateTime(cancelled.startsAt, zone)}` +
            (cancelled.lateCancel ? ' (a late cancellation).' : '.'),
        );
        this.reload();
      });
  }

  protected readonly durationLabel = durationLabel;
}
