import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ReminderPreference } from '@attune/shared';
import { Observable } from 'rxjs';

/** The client's own choice of the gentle weekly reminder email. */
@Injectable({ providedIn: 'root' })
export class RemindersApi {
  private readonly http = inject(HttpClient);

  preference(): Observable<ReminderPreference> {
    return this.http.get<ReminderPreference>('/api/reminders/preference');
  }

  setPreference(gentleReminders: boolean): Observable<ReminderPreference> {
    return this.http.put<ReminderPreference>('/api/reminders/preference', { gentleReminders });
  }
}
