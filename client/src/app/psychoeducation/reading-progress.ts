import { computed, inject, Injectable, signal } from '@angular/core';
import type { AssignmentSummary, UpdateAssignmentRequest } from '@attune/shared';
import { concatMap, firstValueFrom, from, Observable } from 'rxjs';
import { toApiError } from '../core/api-error';
import { injectAutosaver } from '../core/autosaver';
import { PsychoeducationApi } from '../core/psychoeducation-api';

/** Waits before sending progress again after a network or server failure (the last repeats). */
export const PROGRESS_RETRY_MS = [2000, 5000, 15000, 30000] as const;

/**
 * A client's place in one reading: which part is open, which parts they have looked at, and
 * whether they feel done. Every part they open is recorded (PATCH readSection), one request at a
 * time and in the order they were opened, so the server's `lastSection` is where they left off.
 * Parts can be read in any order. Provide it per reader component.
 *
 * Its conflict policy is "furthest wins": the server only ever adds to what was read, and the
 * screen keeps every part read here that the server has not heard about yet, so two devices
 * merge. A refusal (the reading was withdrawn meanwhile) drops what is queued.
 */
@Injectable()
export class ReadingProgress {
  private readonly api = inject(PsychoeducationApi);

  readonly assignment = signal<AssignmentSummary | null>(null);
  /** The part on screen (0-based). */
  readonly current = signal(0);
  /** Parts looked at, including ones the server has not confirmed yet. */
  readonly read = signal<ReadonlySet<number>>(new Set());
  readonly readCount = computed(() => this.read().size);
  /** A quiet word when progress could not be saved (it is retried). */
  readonly problem = signal('');

  /** Parts opened that the server has not confirmed yet, in the order they were opened. */
  private queue: number[] = [];

  private readonly saver = injectAutosaver<AssignmentSummary>({
    // Each part is recorded as it opens; there is no typing to wait out.
    debounceMs: 0,
    retryMs: PROGRESS_RETRY_MS,
    request: () => this.request(),
    saved: (updated) => {
      this.queue.shift();
      this.problem.set('');
      this.merge(updated);
    },
    refused: (error) => {
      // Refused (e.g. withdrawn meanwhile): nothing to retry.
      this.queue = [];
      this.problem.set(error.message);
      return { kind: 'dropped' };
    },
    retrying: () => this.problem.set("We couldn't save your place just now. We'll keep trying."),
    // Nothing typed is at stake: leaving the reader stops sending.
    onDestroy: 'stop',
  });

  /**
   * Starts on a freshly loaded assignment and opens the part they left off at (`lastSection`),
   * or the first part. Returns the part opened.
   */
  start(assignment: AssignmentSummary): number {
    this.assignment.set(assignment);
    this.read.set(new Set(assignment.sectionsRead));
    this.queue = [];
    const last = assignment.lastSection;
    const index = last !== null && last >= 0 && last < assignment.sectionCount ? last : 0;
    this.open(index);
    return index;
  }

  /** Shows a part and records that it was read. */
  open(index: number): void {
    const a = this.assignment();
    if (!a || index < 0 || index >= a.sectionCount) return;
    this.current.set(index);
    // Already read and already where they left off: nothing new to tell the server.
    const lastKnown = this.queue.length ? this.queue[this.queue.length - 1] : a.lastSection;
    if (lastKnown === index && this.read().has(index)) return;
    this.read.update((set) => new Set(set).add(index));
    if (this.queue[this.queue.length - 1] !== index) this.queue.push(index);
    this.saver.changed();
  }

  next(): void {
    this.open(this.current() + 1);
  }

  previous(): void {
    this.open(this.current() - 1);
  }

  /** "I'm done with this for now" (true) or opening it again (false). */
  setCompleted(completed: boolean): Promise<AssignmentSummary | null> {
    return this.change({ completed });
  }

  /** The optional 1-5 answer to "Was this helpful?"; null clears it. */
  setHelpful(helpful: number | null): Promise<AssignmentSummary | null> {
    return this.change({ helpful });
  }

  /** Sends a change at once; resolves with the updated assignment, or null (with `problem`). */
  private async change(body: UpdateAssignmentRequest): Promise<AssignmentSummary | null> {
    const a = this.assignment();
    if (!a) return null;
    try {
      const updated = await firstValueFrom(this.api.updateAssignment(a.id, body));
      this.merge(updated);
      this.problem.set('');
      return updated;
    } catch (err: unknown) {
      this.problem.set(toApiError(err).message);
      return null;
    }
  }

  /** Every queued part, one PATCH after another, in the order they were opened. */
  private request(): Observable<AssignmentSummary> | null {
    const a = this.assignment();
    if (!a || !this.queue.length) return null;
    return from([...this.queue]).pipe(
      concatMap((readSection) => this.api.updateAssignment(a.id, { readSection })),
    );
  }

  /** Takes the server's copy, keeping parts read here that it has not heard about yet. */
  private merge(updated: AssignmentSummary): void {
    this.assignment.set(updated);
    this.read.update((set) => new Set([...updated.sectionsRead, ...set]));
  }
}
