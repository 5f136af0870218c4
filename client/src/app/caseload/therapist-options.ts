import { inject, Injectable } from '@angular/core';
import type { TherapistRef } from '@attune/shared';
import { map, Observable } from 'rxjs';
import { MembersApi } from '../core/members-api';
import { LIMITS } from '@attune/shared';

/** Active members with the therapist role, for "primary therapist" pickers (admin only). */
@Injectable({ providedIn: 'root' })
export class TherapistOptions {
  private readonly members = inject(MembersApi);

  load(): Observable<TherapistRef[]> {
    return this.members.list(null, LIMITS.pageSizeMax).pipe(
      map((page) =>
        page.items
          .filter((m) => m.roles.includes('therapist') && m.account !== 'disabled')
          .map((m) => ({ id: m.id, displayName: m.displayName }))
          .sort((a, b) => a.displayName.localeCompare(b.displayName)),
      ),
    );
  }
}
