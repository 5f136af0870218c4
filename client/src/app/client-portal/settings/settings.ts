import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ReminderPreference } from '../reminder-preference/reminder-preference';

/** The client's settings. */
@Component({
  selector: 'app-client-settings',
  imports: [ReminderPreference],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>Settings</h1>
      <app-reminder-preference />
    </div>
  `,
})
export class Settings {}
