import { inject, Injectable, Signal, signal } from '@angular/core';
import type { ApiError, ReflectionView, UpdateReflectionRequest } from '@attune/shared';
import { Observable, Subject } from 'rxjs';
import { injectAutosaver, Refusal } from '../core/autosaver';
import { deviceStore } from '../core/device-store';
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

  private readonly saver = injectAutosaver<ReflectionView>({
    debounceMs: REFLECTION_DEBOUNCE_MS,
    retryMs: REFLECTION_RETRY_MS,
    request: () => this.request(),
    saved: (saved) => this.reflection.set(saved),
    refused: (error) => this.refused(error),
    device: {
      key: () => this.key,
      copy: (): LocalReflection => ({
        baseVersion: this.reflection()?.version ?? null,
        body: this.body,
        shared: this.shared,
      }),
    },
    restingState: () => (this.reflection() ? 'saved' : 'idle'),
  });

  // A reflection is never closed: its states are the autosaver's but 'closed'.
  readonly state = this.saver.state as Signal<ReflectionSaveState>;
  /** The server's copy (null until the first save creates it). */
  readonly reflection = signal<ReflectionView | null>(null);
  readonly conflict = signal<ReflectionConflict | null>(null);
  /** Why the last save did not go through (with the 'failed' state). */
  readonly message: Signal<string> = this.saver.message;
  /** Emits the text and privacy to show when they change under the editor (409, "use mine"). */
  readonly replaced = new Subject<ReflectionContent>();

  private assignmentId = '';
  private promptId = '';
  private body = '';
  private shared = false;

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
    this.conflict.set(null);
    this.saver.reset(existing ? 'saved' : 'idle');
    const server = { body: this.body, shared: this.shared };
    const local = deviceStore.readJson(this.key, isLocalReflection);
    let result = { ...server, restored: false };
    if (!local || (local.body === server.body && local.shared === server.shared)) {
      this.saver.clearDevice();
    } else if (local.baseVersion === (existing?.version ?? null)) {
      this.body = local.body;
      this.shared = local.shared;
      this.saver.changed();
      result = { body: local.body, shared: local.shared, restored: true };
    } else {
      // Written on top of a copy that has since been replaced: offer it, never drop it.
      this.saver.clearDevice();
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
    this.saver.changed();
  }

  /** Private (false) or shared with the therapist (true): saved at once. */
  setShared(shared: boolean): void {
    if (shared === this.shared) return;
    this.shared = shared;
    this.saver.changedNow();
  }

  /** After a conflict: put their own text back and save it over the newer copy. */
  useMine(): void {
    const conflict = this.conflict();
    if (!conflict) return;
    this.conflict.set(null);
    this.removeYours();
    this.body = conflict.yours;
    this.replaced.next({ body: this.body, shared: this.shared });
    this.saver.changedNow();
  }

  /** After a conflict: keep the newer copy and let their older text go. */
  keepNewer(): void {
    if (!this.conflict()) return;
    this.conflict.set(null);
    this.removeYours();
  }

  /** Sends anything unsaved now. */
  flush(): void {
    void this.saver.flush();
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

  /**
   * A reflection's conflict policy. A 409 with a newer copy: show it, and keep what they wrote
   * to hand (on the device too) until they choose. A 409 without one: it no longer exists on
   * the server, so create it again from what is on screen. Anything else is kept, not retried.
   */
  private refused(e: ApiError): Refusal {
    if (e.statusCode !== 409) return { kind: 'failed' };
    const current = e.current;
    if (!isReflectionView(current)) {
      this.reflection.set(null);
      return { kind: 'resend' };
    }
    const yours = this.body;
    this.reflection.set(current);
    this.body = current.body;
    this.shared = current.shared;
    if (yours.trim() && yours.trim() !== current.body.trim()) {
      this.keepYours(yours);
      this.conflict.set({ yours });
    }
    this.replaced.next({ body: current.body, shared: current.shared });
    return { kind: 'replaced' };
  }

  private get key(): string {
    return localReflectionKey(this.assignmentId, this.promptId);
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
}
