import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { ReflectionView, UpdateReflectionRequest } from '@attune/shared';
import { Observable, Subject, Subscription } from 'rxjs';
import { toApiError } from '../core/api-error';
import { backoffDelay, deviceStore, isRetryableStatus } from '../core/device-store';
import { PsychoeducationApi } from '../core/psychoeducation-api';

/** Quiet time after the last keystroke before a reflection is sent. */
export const REFLECTION_DEBOUNCE_MS = 800;
/** Waits between retries after a network or server failure (the last one repeats). */
export const REFLECTION_RETRY_MS = [1000, 2000, 5000, 10000, 30000] as const;

export type ReflectionSaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'retrying' | 'failed';

/** What stays on the device until the server has it. */
export interface LocalReflection {
  /** The version this text was based on; null before the reflection existed. */
  baseVersion: number | null;
  body: string;
  shared: boolean;
}

/** A newer copy won (saved from another tab or device); what this person wrote is kept here. */
export interface ReflectionConflict {
  yours: string;
}

/** Text and privacy to show after the server's copy replaced (or restored) what was on screen. */
export interface ReflectionContent {
  body: string;
  shared: boolean;
}

export function localReflectionKey(assignmentId: string, promptId: string): string {
  return `attune.reflection.${assignmentId}.${promptId}`;
}

function isReflectionView(value: unknown): value is ReflectionView {
  const v = value as ReflectionView | null;
  return (
    !!v &&
    typeof v === 'object' &&
    typeof v.id === 'string' &&
    typeof v.version === 'number' &&
    typeof v.body === 'string'
  );
}

function isLocalReflection(value: unknown): value is LocalReflection {
  const v = value as LocalReflection | null;
  return !!v && typeof v === 'object' && typeof v.body === 'string';
}

/**
 * Saves one reflection as the client writes: debounced, one request at a time, with the version
 * the server last gave. A change of privacy goes at once. Until the server confirms, the text is
 * also kept in localStorage. When a newer copy was saved elsewhere (409) the newer text is shown
 * and theirs is kept in `conflict` (and on the device) until they choose: nothing typed is lost.
 * Provide it per reflection editor.
 */
@Injectable()
export class ReflectionAutosave {
  private readonly api = inject(PsychoeducationApi);

  readonly state = signal<ReflectionSaveState>('idle');
  /** The server's copy (null until the first save creates it). */
  readonly reflection = signal<ReflectionView | null>(null);
  readonly conflict = signal<ReflectionConflict | null>(null);
  /** Why the last save did not go through (with the 'failed' state). */
  readonly message = signal('');
  /** Emits the text and privacy to show when they change under the editor (409, "use mine"). */
  readonly replaced = new Subject<ReflectionContent>();

  private assignmentId = '';
  private promptId = '';
  private body = '';
  private shared = false;
  private dirty = false;
  private inFlight: Subscription | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;

  constructor() {
    // Leaving the page: send what is unsaved now (the local copy stays until confirmed).
    inject(DestroyRef).onDestroy(() => {
      this.clearTimers();
      if (this.dirty && !this.inFlight && this.state() !== 'failed') this.save();
    });
  }

  /**
   * Starts on the server's reflection for a prompt (or null) and says what to show. Text this
   * device never got to send, based on the same version, is brought back and saved. Text based
   * on an older version lost to a newer copy: the newer copy is shown and theirs is offered in
   * `conflict`.
   */
  start(
    assignmentId: string,
    promptId: string,
    existing: ReflectionView | null,
  ): ReflectionContent & { restored: boolean } {
    this.assignmentId = assignmentId;
    this.promptId = promptId;
    this.reflection.set(existing);
    this.body = existing?.body ?? '';
    this.shared = existing?.shared ?? false;
    this.dirty = false;
    this.conflict.set(null);
    this.state.set(existing ? 'saved' : 'idle');
    const server = { body: this.body, shared: this.shared };
    const local = this.readLocal();
    let result = { ...server, restored: false };
    if (!local || (local.body === server.body && local.shared === server.shared)) {
      this.removeLocal();
    } else if (local.baseVersion === (existing?.version ?? null)) {
      this.body = local.body;
      this.shared = local.shared;
      this.dirty = true;
      this.state.set('pending');
      this.schedule();
      result = { body: local.body, shared: local.shared, restored: true };
    } else {
      // Written on top of a copy that has since been replaced: offer it, never drop it.
      this.removeLocal();
      if (local.body.trim()) this.keepYours(local.body);
    }
    const yours = this.readYours();
    if (yours !== null && yours.trim() !== result.body.trim()) this.conflict.set({ yours });
    else if (yours !== null) this.removeYours();
    return result;
  }

  /** Records new text: kept on the device at once, sent after a short pause. */
  updateBody(body: string): void {
    if (body === this.body) return;
    this.body = body;
    this.markDirty();
    this.schedule();
  }

  /** Private (false) or shared with the therapist (true): saved at once. */
  setShared(shared: boolean): void {
    if (shared === this.shared) return;
    this.shared = shared;
    this.markDirty();
    this.clearTimers();
    if (!this.inFlight) this.save();
  }

  /** After a conflict: put their own text back and save it over the newer copy. */
  useMine(): void {
    const conflict = this.conflict();
    if (!conflict) return;
    this.conflict.set(null);
    this.removeYours();
    this.body = conflict.yours;
    this.replaced.next({ body: this.body, shared: this.shared });
    this.markDirty();
    this.clearTimers();
    if (!this.inFlight) this.save();
  }

  /** After a conflict: keep the newer copy and let their older text go. */
  keepNewer(): void {
    if (!this.conflict()) return;
    this.conflict.set(null);
    this.removeYours();
  }

  /** Sends anything unsaved now. */
  flush(): void {
    if (!this.dirty || this.inFlight) return;
    this.clearTimers();
    this.save();
  }

  private markDirty(): void {
    this.dirty = true;
    this.writeLocal();
    if (!this.inFlight && this.state() !== 'retrying') this.state.set('pending');
  }

  private schedule(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      if (!this.inFlight && !this.retryTimer) this.save();
    }, REFLECTION_DEBOUNCE_MS);
  }

  private request(): Observable<ReflectionView> | null {
    const current = this.reflection();
    if (!current) {
      // Nothing written yet: a privacy choice alone waits for the first words.
      if (!this.body.trim()) return null;
      return this.api.saveReflection(this.assignmentId, {
        promptId: this.promptId,
        body: this.body,
        shared: this.shared,
      });
    }
    const body: UpdateReflectionRequest = { version: current.version };
    if (this.body !== current.body) body.body = this.body;
    if (this.shared !== current.shared) body.shared = this.shared;
    if (body.body === undefined && body.shared === undefined) return null;
    return this.api.updateReflection(current.id, body);
  }

  private save(): void {
    this.clearTimers();
    if (this.inFlight || !this.dirty) return;
    const request = this.request();
    this.dirty = false;
    if (!request) {
      this.removeLocal();
      this.state.set(this.reflection() ? 'saved' : 'idle');
      return;
    }
    this.state.set('saving');
    this.inFlight = request.subscribe({
      next: (saved) => {
        this.inFlight = null;
        this.attempt = 0;
        this.reflection.set(saved);
        this.message.set('');
        if (this.dirty) {
          // More came in while this one was on its way: send it on the new version.
          this.writeLocal();
          this.save();
          return;
        }
        this.removeLocal();
        this.state.set('saved');
      },
      error: (err: unknown) => {
        this.inFlight = null;
        const e = toApiError(err);
        if (e.statusCode === 409) {
          this.applyConflict(e.current);
          return;
        }
        // Not saved: the text stays pending (and on the device).
        this.dirty = true;
        this.writeLocal();
        if (isRetryableStatus(e.statusCode)) {
          this.state.set('retrying');
          this.message.set('');
          const wait = backoffDelay(REFLECTION_RETRY_MS, this.attempt);
          this.attempt++;
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            this.save();
          }, wait);
        } else {
          this.state.set('failed');
          this.message.set(e.message);
        }
      },
    });
  }

  /** A newer copy was saved elsewhere: show it, and keep what they wrote to hand. */
  private applyConflict(current: unknown): void {
    this.clearTimers();
    this.attempt = 0;
    if (!isReflectionView(current)) {
      // It no longer exists on the server: create it again from what is on screen.
      this.reflection.set(null);
      this.dirty = true;
      this.save();
      return;
    }
    const yours = this.body;
    this.reflection.set(current);
    this.body = current.body;
    this.shared = current.shared;
    this.dirty = false;
    this.message.set('');
    this.removeLocal();
    if (yours.trim() && yours.trim() !== current.body.trim()) {
      // Kept on the device too, until they choose.
      this.keepYours(yours);
      this.conflict.set({ yours });
    }
    this.replaced.next({ body: current.body, shared: current.shared });
    this.state.set('saved');
  }

  private clearTimers(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.debounceTimer = null;
    this.retryTimer = null;
  }

  private get key(): string {
    return localReflectionKey(this.assignmentId, this.promptId);
  }

  private readLocal(): LocalReflection | null {
    return deviceStore.readJson(this.key, isLocalReflection);
  }

  private writeLocal(): void {
    const copy: LocalReflection = {
      baseVersion: this.reflection()?.version ?? null,
      body: this.body,
      shared: this.shared,
    };
    deviceStore.write(this.key, copy);
  }

  // Their own text after a conflict, kept until they choose (`conflict` holds it on the page).
  private keepYours(body: string): void {
    deviceStore.write(`${this.key}.yours`, body);
  }

  private readYours(): string | null {
    return deviceStore.readText(`${this.key}.yours`);
  }

  private removeYours(): void {
    deviceStore.remove(`${this.key}.yours`);
  }

  private removeLocal(): void {
    deviceStore.remove(this.key);
  }
}
