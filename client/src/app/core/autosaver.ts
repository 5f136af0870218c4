import { DestroyRef, inject, signal } from '@angular/core';
import type { ApiError } from '@attune/shared';
import type { Observable } from 'rxjs';
import { toApiError } from './api-error';
import { backoffDelay, deviceStore, isRetryableStatus } from './device-store';

export type AutosaveState =
  'idle' | 'pending' | 'saving' | 'saved' | 'retrying' | 'failed' | 'closed';

/** How a flush ended: everything saved, replaced by the server's copy, or not saved (yet). */
export type FlushOutcome = 'saved' | 'replaced' | 'offline' | 'failed' | 'closed';

/**
 * What a refused save (a status not worth retrying: 4xx) comes to. The owner's conflict policy
 * decides; the autosaver then settles its own state to match.
 */
export type Refusal =
  /** The owner took the server's newer copy: nothing of ours is left to send. */
  | { kind: 'replaced' }
  /** Send again at once: the owner changed what to send (e.g. create a deleted copy again). */
  | { kind: 'resend' }
  /** Nothing more can be saved (sent in or withdrawn elsewhere). */
  | { kind: 'closed'; message: string }
  /** Not taken: say why and keep it on the device, but do not retry on our own. */
  | { kind: 'failed' }
  /** Not taken and not worth keeping: forget it. */
  | { kind: 'dropped' };

export interface AutosaverConfig<R> {
  /** Quiet time after the last change before sending; 0 sends at once (unless a retry waits). */
  debounceMs: number;
  /** Waits between retries after a network or server failure; the last one repeats. */
  retryMs: readonly number[];
  /**
   * The request for everything unsaved, or null when nothing needs sending. It may make several
   * HTTP calls in order; each value it emits is passed to `saved`.
   */
  request(): Observable<R> | null;
  /** The server took (part of) the request. */
  saved(result: R): void;
  /** The conflict policy: what a refusal means for this kind of work. */
  refused(error: ApiError): Refusal;
  /** A failure that will be retried (for a quiet word on screen). */
  retrying?(error: ApiError): void;
  /** Where unsaved work waits on the device until the server has it. */
  device?: { key(): string; copy(): unknown };
  /** The state to show when a save finds nothing to send (default 'saved'). */
  restingState?(): 'idle' | 'saved';
  /** On destroy: send what is unsaved ('flush', the default) or send nothing more ('stop'). */
  onDestroy?: 'flush' | 'stop';
}

/**
 * Saves work as a person makes it: debounced, one request at a time, retried with backoff on
 * network and server failures, kept on the device until the server has it, and handed to the
 * owner's conflict policy when the server refuses it. The owner holds the data and builds the
 * requests; this holds the timers, the single flight and the state shown on screen.
 */
export class Autosaver<R> {
  private readonly stateSignal = signal<AutosaveState>('idle');
  private readonly messageSignal = signal('');
  readonly state = this.stateSignal.asReadonly();
  /** Why the last save did not go through (with the 'failed' and 'closed' states). */
  readonly message = this.messageSignal.asReadonly();

  private dirty = false;
  private sending = false;
  private stopped = false;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private waiters: ((outcome: FlushOutcome) => void)[] = [];

  constructor(private readonly config: AutosaverConfig<R>) {}

  /** Starts over on freshly loaded work: nothing unsaved, showing `state`. */
  reset(state: 'idle' | 'saved' = 'idle'): void {
    this.dirty = false;
    this.stateSignal.set(state);
  }

  /** Records a change: kept on the device at once, sent after the quiet time. */
  changed(): void {
    if (!this.markDirty()) return;
    if (this.config.debounceMs > 0) this.schedule();
    else if (!this.sending && !this.retryTimer) this.save();
  }

  /** Records a change that goes at once (no quiet time, no waiting for a retry). */
  changedNow(): void {
    if (!this.markDirty()) return;
    this.clearTimers();
    if (!this.sending) this.save();
  }

  /** Sends anything unsaved now and resolves when the server has it (or it cannot). */
  flush(): Promise<FlushOutcome> {
    if (this.stateSignal() === 'closed') return Promise.resolve('closed');
    if (!this.dirty && !this.sending) return Promise.resolve('saved');
    const done = new Promise<FlushOutcome>((resolve) => this.waiters.push(resolve));
    if (!this.sending) this.save();
    return done;
  }

  /** Applies the conflict policy to a refusal (also for requests the owner sends itself). */
  refuse(error: ApiError): void {
    // The policy runs first: it shows the server's copy before the state says 'saved'.
    const refusal = this.config.refused(error);
    switch (refusal.kind) {
      case 'replaced':
        this.clearTimers();
        this.attempt = 0;
        this.dirty = false;
        this.clearDevice();
        this.messageSignal.set('');
        this.stateSignal.set('saved');
        this.resolveWaiters('replaced');
        return;
      case 'resend':
        this.clearTimers();
        this.attempt = 0;
        this.dirty = true;
        this.save();
        return;
      case 'closed':
        this.attempt = 0;
        this.close(refusal.message);
        return;
      case 'failed':
      case 'dropped':
        // Kept (on the device too) until the next change or flush, or forgotten.
        this.dirty = refusal.kind === 'failed';
        if (this.dirty) this.writeDevice();
        else this.clearDevice();
        this.stateSignal.set('failed');
        this.messageSignal.set(error.message);
        this.resolveWaiters('failed');
        return;
    }
  }

  /** Nothing more can be saved (sent in, withdrawn): forget what is unsaved and say why. */
  close(message: string): void {
    this.clearTimers();
    this.dirty = false;
    this.clearDevice();
    this.stateSignal.set('closed');
    this.messageSignal.set(message);
    this.resolveWaiters('closed');
  }

  /** Forgets the device copy (it matched the server, or lost to a newer copy). */
  clearDevice(): void {
    const device = this.config.device;
    if (device) deviceStore.remove(device.key());
  }

  /** The owner is going away: send what is unsaved (the device copy stays until confirmed). */
  destroy(): void {
    this.clearTimers();
    if (this.config.onDestroy === 'stop') {
      this.stopped = true;
      return;
    }
    if (this.dirty && !this.sending && this.stateSignal() !== 'failed') this.save();
  }

  /** Marks work unsaved; false once closed (nothing more is taken). */
  private markDirty(): boolean {
    const state = this.stateSignal();
    if (state === 'closed') return false;
    this.dirty = true;
    this.writeDevice();
    if (!this.sending && state !== 'retrying') this.stateSignal.set('pending');
    return true;
  }

  private schedule(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      if (!this.sending && !this.retryTimer) this.save();
    }, this.config.debounceMs);
  }

  private save(): void {
    this.clearTimers();
    if (this.sending || this.stopped) return;
    if (!this.dirty) {
      this.resolveWaiters('saved');
      return;
    }
    this.dirty = false;
    const request = this.config.request();
    if (!request) {
      this.clearDevice();
      this.stateSignal.set(this.config.restingState?.() ?? 'saved');
      this.resolveWaiters('saved');
      return;
    }
    this.stateSignal.set('saving');
    this.sending = true;
    request.subscribe({
      next: (result) => {
        this.attempt = 0;
        this.config.saved(result);
      },
      error: (err: unknown) => {
        this.sending = false;
        const error = toApiError(err);
        if (isRetryableStatus(error.statusCode)) this.retry(error);
        else this.refuse(error);
      },
      complete: () => {
        this.sending = false;
        this.messageSignal.set('');
        if (this.dirty) {
          // More came in while this one was on its way: send it on the new version.
          this.writeDevice();
          this.save();
          return;
        }
        this.clearDevice();
        this.stateSignal.set('saved');
        this.resolveWaiters('saved');
      },
    });
  }

  /** Not saved, worth trying again: it stays pending (and on the device). */
  private retry(error: ApiError): void {
    this.dirty = true;
    this.writeDevice();
    this.stateSignal.set('retrying');
    this.messageSignal.set('');
    this.config.retrying?.(error);
    const wait = backoffDelay(this.config.retryMs, this.attempt);
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.save();
    }, wait);
    this.resolveWaiters('offline');
  }

  private writeDevice(): void {
    const device = this.config.device;
    if (device) deviceStore.write(device.key(), device.copy());
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
}

/** An autosaver for the component or service being created, stopped when it is destroyed. */
export function injectAutosaver<R>(config: AutosaverConfig<R>): Autosaver<R> {
  const saver = new Autosaver(config);
  inject(DestroyRef).onDestroy(() => saver.destroy());
  return saver;
}
