import type {
  FurtherReading,
  ModuleContent,
  ModuleExercise,
  ModuleSection,
  ReflectionPrompt,
  SignTag,
} from './psychoeducation/module-content.js';

export const ASSIGNMENT_STATUSES = ['assigned', 'completed', 'withdrawn'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const PSYCHOED_LIMITS = {
  noteMax: 1000,
  reflectionMax: 10000,
  assignAtOnceMax: 20,
} as const;

export interface ModuleSummary {
  id: string;
  slug: string;
  version: number;
  title: string;
  summary: string;
  readingMinutes: number;
  signTags: SignTag[];
  /** 'builtin' ships with Attune; 'practice' was written in this practice. */
  source: 'builtin' | 'practice';
  authorName: string | null;
  updatedAt: string;
}

export interface ModuleDetail extends ModuleSummary {
  content: ModuleContent;
  /** The caller wrote it and may edit it. */
  canEdit: boolean;
}

/** What a therapist writes; slug, version and reading time are set by the server. */
export interface ModuleDraft {
  title: string;
  summary: string;
  signTags: SignTag[];
  sections: ModuleSection[];
  exercise: ModuleExercise;
  reflectionPrompts: ReflectionPrompt[];
  /** 0-3 concrete, optional next steps shown at the end; left out means none. */
  nextSteps?: string[];
  furtherReading: FurtherReading[];
}

export type CreateModuleRequest = ModuleDraft;

export interface UpdateModuleRequest extends ModuleDraft {
  /** The version the edit was based on; a stale one gets 409. */
  version: number;
}

export interface Recommendation {
  module: ModuleSummary;
  /** The highest matching domain score (0-4), or null for general background reading. */
  score: number | null;
  domainKey: string | null;
  /** Plain reason, e.g. "Fear of mistakes scored 2.7 of 4". */
  reason: string;
}

export interface RecommendationsResponse {
  /** The screening the ranking comes from, or null when the client has no submitted result yet. */
  basedOn: {
    screeningId: string;
    instrumentTitle: string;
    submittedAt: string;
    /** False for the built-in screener: its scores are labelled "not validated, not a diagnosis". */
    validated: boolean;
  } | null;
  items: Recommendation[];
}

export interface AssignModulesRequest {
  moduleIds: string[];
  dueAt?: string;
  note?: string;
}

export interface AssignmentSummary {
  id: string;
  clientId: string;
  module: ModuleSummary;
  status: AssignmentStatus;
  dueAt: string | null;
  note: string | null;
  position: number;
  /** Indexes of the sections read so far (the client may read in any order). */
  sectionsRead: number[];
  lastSection: number | null;
  sectionCount: number;
  completedAt: string | null;
  helpful: number | null;
  /** Reflections the client has shared (staff) or written (client). */
  reflectionCount: number;
  assignedAt: string;
  version: number;
}

/**
 * `GET /api/assignments/:id/reading`: what the client's reader needs, in one answer (the reading
 * with its progress, the module, the client's reflections on it).
 */
export interface AssignmentReading {
  assignment: AssignmentSummary;
  module: ModuleDetail;
  /**
   * Each part's body (module.content.sections[i].body) as cleaned HTML, in order, rendered by
   * the server so the reader shows it without parsing Markdown on the phone.
   */
  sectionHtml: string[];
  reflections: ReflectionView[];
}

/** Client fields: readSection, completed, helpful. Staff fields: position, dueAt, note, withdrawn (+version). */
export interface UpdateAssignmentRequest {
  readSection?: number;
  completed?: boolean;
  helpful?: number | null;
  position?: number;
  dueAt?: string | null;
  note?: string | null;
  withdrawn?: boolean;
  version?: number;
}

export interface ReflectionView {
  id: string;
  assignmentId: string;
  promptId: string;
  promptText: string;
  body: string;
  shared: boolean;
  sharedAt: string | null;
  version: number;
  updatedAt: string;
}

export interface SaveReflectionRequest {
  promptId: string;
  body: string;
  shared?: boolean;
  /** Omit to create; send the version you last saw to update (stale → 409 with `current`). */
  version?: number;
}

export interface UpdateReflectionRequest {
  body?: string;
  shared?: boolean;
  version: number;
}
