import { DOCUMENT } from '@angular/common';
import { DestroyRef, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { CanDeactivateFn } from '@angular/router';
import { map } from 'rxjs';
import { ConfirmDialog, ConfirmDialogData } from '../ui/confirm-dialog/confirm-dialog';
import { DIALOG_OPTIONS } from '../ui/dialog-options';
import { AuthStore } from './auth-store';

/** A page with edits that are only kept once the person presses Save. */
export interface HasUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

/**
 * Asks before leaving a page with unsaved edits (in-app navigation). Once the session has ended
 * there is nothing to stay for (the edits could not be saved), so sign-in is never held up.
 */
export const unsavedChangesGuard: CanDeactivateFn<HasUnsavedChanges> = (component) => {
  if (!component?.hasUnsavedChanges() || !inject(AuthStore).isSignedIn()) return true;
  return inject(MatDialog)
    .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
      ...DIALOG_OPTIONS,
      // "Stay" first: a stray Enter must not throw the edits away.
      autoFocus: '[data-dialog-cancel]',
      data: {
        title: 'Leave without saving?',
        message:
          'Your changes on this page are not saved yet. If you leave now, they will be lost.',
        confirmLabel: 'Leave without saving',
        cancelLabel: 'Stay on this page',
      },
    })
    .afterClosed()
    .pipe(map((leave) => leave === true));
};

/**
 * Has the browser warn before the tab is closed or reloaded while `hasChanges()` holds. Call in a
 * component's constructor; the listener goes with the component.
 */
export function warnBeforeUnload(hasChanges: () => boolean): void {
  const win = inject(DOCUMENT).defaultView;
  if (!win) return;
  const listener = (event: BeforeUnloadEvent) => {
    if (!hasChanges()) return;
    event.preventDefault();
    // Older browsers only warn when returnValue is set.
    event.returnValue = '';
  };
  win.addEventListener('beforeunload', listener);
  inject(DestroyRef).onDestroy(() => win.removeEventListener('beforeunload', listener));
}
