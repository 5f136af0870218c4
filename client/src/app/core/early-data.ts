import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { FIRST_PAGE_DATA_ID, type FirstPageData, type MeResponse } from '@attune/shared';
import { Observable, of, ReplaySubject, share } from 'rxjs';

/** An early answer is used only this soon after start-up; later the page asks afresh. */
const FRESH_MS = 10_000;

/**
 * The JSON block the server put in a signed-in client's first page (server/src/first-page/),
 * taken out of the page so it is read once. Null when there is none or it is not what we expect.
 */
export function takeFirstPageData(document: Document): FirstPageData | null {
  const block = document.getElementById(FIRST_PAGE_DATA_ID);
  if (!block) return null;
  block.remove();
  try {
    const data = JSON.parse(block.textContent ?? '') as Partial<FirstPageData> | null;
    if (!data?.me?.user || !Array.isArray(data.me.roles)) return null;
    if (typeof data.url !== 'string' || !data.answer) return null;
    return { me: data.me, url: data.url, answer: data.answer };
  } catch {
    return null;
  }
}

/**
 * A GET started before the page that needs it exists, so that the page's code and its data load
 * side by side rather than one after the other; the page that asks first takes the answer, once.
 * On a client's home or reading the server has already put the answer (and who is signed in) in
 * the page itself: then nothing is asked for at all.
 */
@Injectable({ providedIn: 'root' })
export class EarlyData {
  private readonly http = inject(HttpClient);
  private readonly started = new Map<string, { at: number; answer: Observable<unknown> }>();
  private inlineMe: MeResponse | null = null;

  constructor() {
    const inline = takeFirstPageData(inject(DOCUMENT));
    if (!inline) return;
    this.inlineMe = inline.me;
    this.started.set(inline.url, { at: Date.now(), answer: of(inline.answer) });
  }

  /** Who the server drew the page for (once; AuthStore takes it instead of asking /api/auth/me). */
  takeMe(): MeResponse | null {
    const me = this.inlineMe;
    this.inlineMe = null;
    return me;
  }

  /** Asks for GET `url` now, for a page whose code is still loading (see first-page.ts). */
  start(url: string): void {
    // The page came with this answer already.
    if (this.started.has(url)) return;
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
