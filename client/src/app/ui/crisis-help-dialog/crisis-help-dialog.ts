import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { CRISIS_RESOURCES } from '@attune/shared';

export interface CrisisHelpData {
  practiceName: string;
  /** The practice's own after-hours text; may be empty. */
  crisisText: string;
}

/** Crisis resources: 988 (call, text, chat), 911, and the practice's own words. */
@Component({
  selector: 'app-crisis-help-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './crisis-help-dialog.html',
  styleUrl: './crisis-help-dialog.scss',
})
export class CrisisHelpDialog {
  protected readonly data = inject<CrisisHelpData>(MAT_DIALOG_DATA);
  protected readonly lifeline = CRISIS_RESOURCES.lifeline;
  protected readonly emergency = CRISIS_RESOURCES.emergency;
}
