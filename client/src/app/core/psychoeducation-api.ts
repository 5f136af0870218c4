import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AssignModulesRequest,
  AssignmentReading,
  AssignmentSummary,
  CreateModuleRequest,
  ModuleDetail,
  ModuleSummary,
  RecommendationsResponse,
  ReflectionView,
  SaveReflectionRequest,
  UpdateAssignmentRequest,
  UpdateModuleRequest,
  UpdateReflectionRequest,
} from '@attune/shared';
import { Observable } from 'rxjs';
import { EarlyData } from './early-data';
import { queryParams } from './http-params';

const enc = encodeURIComponent;

/** The reader's one request; first-page.ts starts it early under this same address. */
export const readingUrl = (assignmentId: string) => `/api/assignments/${enc(assignmentId)}/reading`;

/** The psychoeducation library, assignments, reading progress and reflections. */
@Injectable({ providedIn: 'root' })
export class PsychoeducationApi {
  private readonly http = inject(HttpClient);
  private readonly early = inject(EarlyData);

  /** Staff: built-in and practice modules. A client: the modules assigned to them. */
  listModules(): Observable<ModuleSummary[]> {
    return this.http.get<ModuleSummary[]>('/api/modules');
  }

  getModule(id: string): Observable<ModuleDetail> {
    return this.http.get<ModuleDetail>(`/api/modules/${enc(id)}`);
  }

  /** Therapists only. Content errors answer 400 with `fields` naming e.g. `sections[2].heading`. */
  createModule(body: CreateModuleRequest): Observable<ModuleDetail> {
    return this.http.post<ModuleDetail>('/api/modules', body);
  }

  /** The author only. A stale `version` fails with 409 and `current` (a ModuleDetail). */
  updateModule(id: string, body: UpdateModuleRequest): Observable<ModuleDetail> {
    return this.http.patch<ModuleDetail>(`/api/modules/${enc(id)}`, body);
  }

  /** Modules ranked from the client's latest result; already assigned ones are left out. */
  recommendations(clientId: string): Observable<RecommendationsResponse> {
    return this.http.get<RecommendationsResponse>(`/api/clients/${enc(clientId)}/recommendations`);
  }

  /** Idempotent per module. Answers with the client's whole reading list. */
  assign(clientId: string, body: AssignModulesRequest): Observable<AssignmentSummary[]> {
    return this.http.post<AssignmentSummary[]>(`/api/clients/${enc(clientId)}/assignments`, body);
  }

  /** A client's own list (leave `clientId` out), or staff: one client's list. By position. */
  listAssignments(clientId?: string): Observable<AssignmentSummary[]> {
    return this.http.get<AssignmentSummary[]>('/api/assignments', {
      params: queryParams({ clientId }),
    });
  }

  /** Client: readSection, completed, helpful. Staff: version + position, dueAt, note, withdrawn. */
  updateAssignment(id: string, body: UpdateAssignmentRequest): Observable<AssignmentSummary> {
    return this.http.patch<AssignmentSummary>(`/api/assignments/${enc(id)}`, body);
  }

  /** The client's reader: the reading, its module and the client's reflections, in one answer. */
  getReading(assignmentId: string): Observable<AssignmentReading> {
    return this.early.get<AssignmentReading>(readingUrl(assignmentId));
  }

  /** A client gets all their own; staff get only the shared ones. */
  listReflections(assignmentId: string): Observable<ReflectionView[]> {
    return this.http.get<ReflectionView[]>(`/api/assignments/${enc(assignmentId)}/reflections`);
  }

  /** Creates the reflection for a prompt (an existing one needs `version`, else 409). */
  saveReflection(assignmentId: string, body: SaveReflectionRequest): Observable<ReflectionView> {
    return this.http.post<ReflectionView>(
      `/api/assignments/${enc(assignmentId)}/reflections`,
      body,
    );
  }

  /** A stale `version` fails with 409 and `current` (the latest ReflectionView). */
  updateReflection(id: string, body: UpdateReflectionRequest): Observable<ReflectionView> {
    return this.http.patch<ReflectionView>(`/api/reflections/${enc(id)}`, body);
  }
}
