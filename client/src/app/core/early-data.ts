import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable, ReplaySubject, share } from 'rxjs';

/** An early answer is used only this soon after start-up; later the page asks afresh. */
const FRESH_MS = 10_000;

/**
 * A GET started before the page that needs it exists, so that the page's code and its data load
 * side by side rather than one after the other; the page that asks first takes the answer, once.
 */
@Injectable({ providedIn: 'root' })
export class EarlyData {
  private readonly http = inject(HttpClient);
  private readonly started = new Map<string, { at: number; answer: Observable<unknown> }>();

  /** Asks for GET `url` now, for a page whose code is still loading (see first-page.ts). */
  start(url: string): void {
    // Kept as it came, an error too (the page shows it with its "Try again").
    const answer = this.http.get(url).pipe(
      share({
        connector: () => new ReplaySubject(1),
        resetOnError: false,
        resetOnComplete: false,
        resetOnRefCountZero: false,
      }),
    );
    // The page that takes it sees any error; nobody waiting is not an error.
    answer.subscribe({ error: () => undefined });
    this.started.set(url, { at: Date.now(), answer });
  }

  /** GET `url`: the early answer when there is a fresh one (used once), else a new request. */
  get<T>(url: string): Observable<T> {
    const early = this.started.get(url);
    this.started.delete(url);
    if (early && Date.now() - early.at < FRESH_MS) return early.answer as Observable<T>;
    return this.http.get<T>(url);
  }
}
