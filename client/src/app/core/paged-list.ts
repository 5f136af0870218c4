import { DestroyRef, inject, signal } from '@angular/core';
import type { ApiError, Page } from '@attune/shared';
import { Observable, Subscription } from 'rxjs';
import { toApiError } from './api-error';

/** Signal state for a cursor-paginated list with "Load more". */
export class PagedList<T> {
  readonly items = signal<T[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  /** True once the first page has arrived (so empty states do not flash). */
  readonly loaded = signal(false);
  readonly error = signal<ApiError | null>(null);
  private subscription?: Subscription;

  constructor(private readonly fetchPage: (cursor: string | null) => Observable<Page<T>>) {}

  /** Starts again from the first page. */
  reload(): void {
    this.fetch(null);
  }

  loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor && !this.loading()) this.fetch(cursor);
  }

  /** Replaces one item in place (after an edit), matched by `same`. */
  replace(item: T, same: (a: T, b: T) => boolean): void {
    this.items.update((items) => items.map((x) => (same(x, item) ? item : x)));
  }

  destroy(): void {
    this.subscription?.unsubscribe();
  }

  private fetch(cursor: string | null): void {
    this.subscription?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.subscription = this.fetchPage(cursor).subscribe({
      next: (page) => {
        this.items.update((items) => (cursor ? [...items, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
        this.loaded.set(true);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err));
        this.loading.set(false);
      },
    });
  }
}

/** Creates a PagedList tied to the current component's lifetime. Call in an injection context. */
export function pagedList<T>(
  fetchPage: (cursor: string | null) => Observable<Page<T>>,
): PagedList<T> {
  const list = new PagedList(fetchPage);
  inject(DestroyRef).onDestroy(() => list.destroy());
  return list;
}
