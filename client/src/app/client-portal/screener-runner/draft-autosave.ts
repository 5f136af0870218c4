import { inject, Injectable, Signal, signal } from '@angular/core';
import type {
  Answers,
  ApiError,
  DraftConflict,
  DraftSaved,
  ScreeningStatus,
  ScreeningSubmitted,
} from '@attune/shared';
import { firstValueFrom, Subject } from 'rxjs';
import { toApiError } from '../../core/api-error';
import { AutosaveState, FlushOutcome, injectAutosaver, Refusal } from '../../core/autosaver';
import { deviceStore, isRetryableStatus } from '../../core/device-store';
import { ScreeningsApi } from '../../core/screenings-api';

/** Quiet time after the last change before a draft is sent. */
export const AUTOSAVE_DEBOUNCE_MS = 400;
/** Waits between retries after a network or server failure (the last one repeats). */
export const RETRY_BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000] as const;

export type SaveState = AutosaveState;
export type { FlushOutcome };

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

  private readonly saver = injectAutosaver<DraftSaved>({
    debounceMs: AUTOSAVE_DEBOUNCE_MS,
    retryMs: RETRY_BACKOFF_MS,
    request: () => this.api.saveDraft(this.id, { version: this.version(), answers: this.latest }),
    saved: (saved) => {
      this.version.set(saved.draftVersion);
      this.savedAt.set(saved.savedAt);
    },
    refused: (error) => this.refused(error),
    device: {
      key: () => localDraftKey(this.id),
      copy: (): LocalDraft => ({ baseVersion: this.version(), answers: this.latest }),
    },
  });

  readonly state: Signal<SaveState> = this.saver.state;
  /** The draft version the next save is based on. */
  readonly version = signal(0);
  readonly savedAt = signal<string | null>(null);
  /** Why the last save did not go through (shown with the 'failed' and 'closed' states). */
  readonly message: Signal<string> = this.saver.message;
  /** Emits when the server's answers replaced ours (a 409); the runner shows them and a notice. */
  readonly replaced = new Subject<Replacement>();

  private id = '';
  private latest: Answers = {};

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
    this.saver.reset();
    const local = deviceStore.readJson(localDraftKey(id), isLocalDraft);
    if (!local || sameAnswers(local.answers, serverAnswers)) {
      this.saver.clearDevice();
      return { answers: serverAnswers, restored: false, replaced: false };
    }
    if (local.baseVersion === draftVersion) {
      this.latest = local.answers;
      this.saver.changed();
      return { answers: local.answers, restored: true, replaced: false };
    }
    this.saver.clearDevice();
    return { answers: serverAnswers, restored: false, replaced: true };
  }

  /** Records new answers: kept on the device at once, sent after a short pause. */
  update(answers: Answers): void {
    if (this.state() === 'closed') return;
    this.latest = answers;
    this.saver.changed();
  }

  /** Sends anything unsaved now and resolves when the server has it (or it cannot). */
  flush(): Promise<FlushOutcome> {
    return this.saver.flush();
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
      this.saver.close(this.message());
      return { kind: 'submitted', submitted };
    } catch (err: unknown) {
      const e = toApiError(err);
      if (e.statusCode === 409) {
        this.saver.refuse(e);
        return isDraftConflict(e.current)
          ? { kind: 'replaced' }
          : { kind: 'closed', message: e.message };
      }
      return { kind: 'failed', message: e.message, retryable: isRetryableStatus(e.statusCode) };
    }
  }

  /**
   * The screener's conflict policy. A 409 with the server's draft: its answers replace ours,
   * nothing is merged (and if it was sent in or withdrawn meanwhile, saving stops). A 409
   * without one: it was sent in elsewhere. Anything else is kept on the device, not retried.
   */
  private refused(e: ApiError): Refusal {
    if (e.statusCode !== 409) return { kind: 'failed' };
    if (!isDraftConflict(e.current)) return { kind: 'closed', message: e.message };
    const current = e.current;
    this.version.set(current.draftVersion);
    this.latest = current.answers;
    this.replaced.next({ answers: current.answers, status: current.status });
    if (current.status === 'submitted') {
      return {
        kind: 'closed',
        message: 'This screener was already sent in. Your therapist will go through it with you.',
      };
    }
    if (current.status === 'cancelled') {
      return {
        kind: 'closed',
        message: 'This screener was withdrawn by your therapist, so it can no longer be changed.',
      };
    }
    return { kind: 'replaced' };
  }
}
