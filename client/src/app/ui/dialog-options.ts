import type { MatDialogConfig } from '@angular/material/dialog';

/**
 * Options every dialog opens with. Focus moves in as soon as the dialog opens, not after its
 * animation, so fast typists (and browser tests) never have focus pulled away mid-input.
 * (Kept per call rather than in MAT_DIALOG_DEFAULT_OPTIONS so the dialog code stays lazy-loaded.)
 */
export const DIALOG_OPTIONS = {
  delayFocusTrap: false,
  maxWidth: 'calc(100vw - 32px)',
} as const satisfies MatDialogConfig;
