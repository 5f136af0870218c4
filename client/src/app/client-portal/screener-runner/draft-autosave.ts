import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { Answers, DraftConflict, ScreeningStatus, ScreeningSubmitted } from '@attune/shared';
import { firstValueFrom, Subject, Subscription } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { backoffDelay, deviceStore, isRetryableStatus } from '../../core/device-store';
import { ScreeningsApi } from '../../core/screenings-api';

/** Quiet time after the last change before a draft is sent. */
export const AUTOSAVE_DEBOUNCE_MS = 400;
/** Waits between retries after a network or server failure (the last one repeats). */
export const RETRY_BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000] as const;

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'retrying' | 'failed' | 'closed';

/** How a flush ended: everything saved, answers replaced by newer ones, or not saved (yet). */
export type FlushOutcome = 'saved' | 'replaced' | 'offline' | 'failed' | 'closed';

export type SubmitOutcome =
  | { kind: 'submitted'; submitted: ScreeningSubmitted }
  | { kind: 'replaced' }
  | { kind: 'closed'; message: string }
  | { kind: 'failed'; message: string; retryable: boolean };

/** Answers replaced by the server's newer copy (after a 409), for the runner to show. */
export interface Replacement {
  answers: Answers;
  status: ScreeningStatus;
}

export interface StartResult {
  answers: Answers;
  /** Unsaved answers from this device were brought back (and are being saved). */
  restored: boolean;
  /** This device's unsaved answers were older than answers saved elsewhere and were dropped. */
  replaced: boolean;
}

/** What is kept on the device until the server has it. */
export interface LocalDraft {
  /** The draft version these answers were based on. */
  baseVersion: number;
  answers: Answers;
}

export function localDraftKey(screeningId: string): string {
  return `attune.screening-draft.${screeningId}`;
}

/** Equal answers, whatever the key order. */
export function sameAnswers(a: Answers, b: Answers): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && JSON.stringify(a[k]) === JSON.stringify(b[k]))
  );
}

function isLocalDraft(value: unknown): value is LocalDraft {
  const v = value as LocalDraft | null;
  return !!v && typeof v === 'object' && typeof v.baseVersion === 'number' && !!v.answers;
}

function isDraftConflict(value: unknown): value is DraftConflict {
  const v = value as DraftConflict | null;
  return (
    !!v &&
    typeof v === 'object' &&
    typeof v.draftVersion === 'number' &&
    !!v.answers &&
    typeof v.answers === 'object'
  );
}

/**
 * Saves a screener draft as the person answers: debounced, one request at a time, with the
 * version the server last gave (a stale one gets 409 and the server's answers win). Until the
 * server confirms, the answers are also kept in localStorage so nothing typed is lost, and
 * network failures are retried with backoff. Provide it per runner component.
 */
@Injectable()
export class DraftAutosave {
  private readonly api = inject(ScreeningsApi);

  readonly state = signal<SaveState>('idle');
  /** The draft version the next save is based on. */
  readonly version = signal(0);
  readonly savedAt = signal<string | null>(null);
  /** Why the last save did not go through (shown with the 'failed' and 'closed' states). */
  readonly message = signal('');
  /** Emits when the server's answers replaced ours (a 409); the runner shows them and a notice. */
  readonly replaced = new Subject<Replacement>();

  private id = '';
  private latest: Answers = {};
  private dirty = false;
  private inFlight: Subscription | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private waiters: ((outcome: FlushOutcome) => void)[] = [];

  constructor() {
    // Leaving the page with unsaved answers: send them now (the local copy stays until confirmed).
    inject(DestroyRef).onDestroy(() => {
      this.clearTimers();
      if (this.dirty && !this.inFlight && this.state() !== 'failed') this.save();
    });
  }

  /**
   * Starts on a freshly loaded screening and says which answers to show. A local copy based on
   * the same version holds changes the server never got: it wins (`restored`) and is saved. A
   * local copy based on an older version lost to answers saved elsewhere: it is dropped and
   * `replaced` tells the runner to say so.
   */
  start(id: string, draftVersion: number, serverAnswers: Answers): StartResult {
    this.id = id;
    this.version.set(draftVersion);
    this.latest = serverAnswers;
    this.dirty = false;
    this.state.set('idle');
    const local = this.readLocal();
    if (!local || sameAnswers(local.answers, serverAnswers)) {
      this.removeLocal();
      return { answers: serverAnswers, restored: false, replaced: false };
    }
    if (local.baseVersion === draftVersion) {
      this.latest = local.answers;
      this.dirty = true;
      this.state.set('pending');
      this.schedule();
      return { answers: local.answers, restored: true, replaced: false };
    }
    this.removeLocal();
    return { answers: serverAnswers, restored: false, replaced: true };
  }

  /** Records new answers: kept on the device at once, sent after a short pause. */
  update(answers: Answers): void {
    if (this.state() === 'closed') return;
    this.latest = answers;
    this.dirty = true;
    this.writeLocal();
    if (!this.inFlight && this.state() !== 'retrying') this.state.set('pending');
    this.schedule();
  }

  /** Sends anything unsaved now and resolves when the server has it (or it cannot). */
  flush(): Promise<FlushOutcome> {
    if (this.state() === 'closed') return Promise.resolve('closed');
    if (!this.dirty && !this.inFlight) return Promise.resolve('saved');
    const done = new Promise<FlushOutcome>((resolve) => this.waiters.push(resolve));
    if (!this.inFlight) this.save();
    return done;
  }

  /**
   * Sends the answers in (after saving any draft). Pass the same key when retrying one attempt,
   * so a retry after a lost response gets the first answer instead of a second submission.
   */
  async submit(idempotencyKey: string): Promise<SubmitOutcome> {
    const flushed = await this.flush();
    if (flushed === 'replaced') return { kind: 'replaced' };
    if (flushed === 'closed') return { kind: 'closed', message: this.message() };
    if (flushed !== 'saved') {
      return {
        kind: 'failed',
        message:
          this.message() || "We couldn't reach Attune. Your answers are kept on this device.",
        retryable: flushed === 'offline',
      };
    }
    try {
      const submitted = await firstValueFrom(
        this.api.submit(this.id, { version: this.version(), answers: this.latest }, idempotencyKey),
      );
      this.removeLocal();
      this.state.set('closed');
      return { kind: 'submitted', submitted };
    } catch (err: unknown) {
      const e = toApiError(err);
      if (e.statusCode === 409 && isDraftConflict(e.current)) {
        this.applyConflict(e.current);
        return { kind: 'replaced' };
      }
      if (e.statusCode === 409) {
        this.close(e.message);
        return { kind: 'closed', message: e.message };
      }
      return { kind: 'failed', message: e.message, retryable: isRetryableStatus(e.statusCode) };
    }
  }

  private schedule(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      if (!this.inFlight && !this.retryTimer) this.save();
    }, AUTOSAVE_DEBOUNCE_MS);
  }

  private save(): void {
    this.clearTimers();
    if (this.inFlight) return;
    if (!this.dirty) {
      this.resolveWaiters('saved');
      return;
    }
    const sending = this.latest;
    this.dirty = false;
    this.state.set('saving');
    this.inFlight = this.api
      .saveDraft(this.id, { version: this.version(), answers: sending })
      .subscribe({
        next: (saved) => {
          this.inFlight = null;
          this.attempt = 0;
          this.version.set(saved.draftVersion);
          this.savedAt.set(saved.savedAt);
          this.message.set('');
          if (this.dirty) {
            // More answers came in while this one was on its way: send them on the new version.
            this.writeLocal();
            this.save();
            return;
          }
          this.removeLocal();
          this.state.set('saved');
          this.resolveWaiters('saved');
        },
        error: (err: unknown) => {
          this.inFlight = null;
          const e = toApiError(err);
          if (e.statusCode === 409 && isDraftConflict(e.current)) {
            this.applyConflict(e.current);
            return;
          }
          if (e.statusCode === 409) {
            this.close(e.message);
            return;
          }
          // Not saved: the answers stay pending (and on the device).
          this.dirty = true;
          this.writeLocal();
          if (isRetryableStatus(e.statusCode)) {
            this.state.set('retrying');
            this.message.set('');
            const wait = backoffDelay(RETRY_BACKOFF_MS, this.attempt);
            this.attempt++;
            this.retryTimer = setTimeout(() => {
              this.retryTimer = null;
              this.save();
            }, wait);
            this.resolveWaiters('offline');
          } else {
            this.state.set('failed');
            this.message.set(e.message);
            this.resolveWaiters('failed');
          }
        },
      });
  }

  /** The server had newer answers: they replace ours, nothing is merged. */
  private applyConflict(current: DraftConflict): void {
    this.clearTimers();
    this.version.set(current.draftVersion);
    this.latest = current.answers;
    this.dirty = false;
    this.attempt = 0;
    this.removeLocal();
    this.replaced.next({ answers: current.answers, status: current.status });
    if (current.status === 'submitted' || current.status === 'cancelled') {
      this.close(
        current.status === 'submitted'
          ? 'This screener was already sent in. Your therapist will go through it with you.'
          : 'This screener was withdrawn by your therapist, so it can no longer be changed.',
      );
      return;
    }
    this.state.set('saved');
    this.message.set('');
    this.resolveWaiters('replaced');
  }

  /** Submitted or withdrawn elsewhere: nothing more can be saved. */
  private close(message: string): void {
    this.clearTimers();
    this.dirty = false;
    this.removeLocal();
    this.state.set('closed');
    this.message.set(message);
    this.resolveWaiters('closed');
  }

  private resolveWaiters(outcome: FlushOutcome): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve(outcome));
  }

  private clearTimers(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.debounceTimer = null;
    this.retryTimer = null;
  }

  private readLocal(): LocalDraft | null {
    return deviceStore.readJson(localDraftKey(this.id), isLocalDraft);
  }

  private writeLocal(): void {
    const copy: LocalDraft = { baseVersion: this.version(), answers: this.latest };
    deviceStore.write(localDraftKey(this.id), copy);
  }

  private removeLocal(): void {
    deviceStore.remove(localDraftKey(this.id));
  }
}
