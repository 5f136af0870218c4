import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AssignmentSummary } from '@attune/shared';
import { ReadingProgress } from './reading-progress';

const URL = '/api/assignments/a1';

function assignment(overrides: Partial<AssignmentSummary> = {}): AssignmentSummary {
  return {
    id: 'a1',
    clientId: 'client-1',
    module: {
      id: 'm1',
      slug: 'the-inner-critic',
      version: 1,
      title: 'The inner critic',
      summary: 'Where the harsh voice comes from.',
      readingMinutes: 5,
      signTags: ['self-criticism'],
      source: 'builtin',
      authorName: null,
      updatedAt: '2026-11-01T10:00:00.000Z',
    },
    status: 'assigned',
    dueAt: null,
    note: null,
    position: 0,
    sectionsRead: [],
    lastSection: null,
    sectionCount: 5,
    completedAt: null,
    helpful: null,
    reflectionCount: 0,
    assignedAt: '2026-11-01T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

describe('ReadingProgress', () => {
  let progress: ReadingProgress;
  let http: HttpTestingController;

  beforeEach(() => {
    vi.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [ReadingProgress, provideHttpClient(), provideHttpClientTesting()],
    });
    progress = TestBed.inject(ReadingProgress);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
  });

  it('resumes at the part they left off at, without re-sending it', () => {
    expect(progress.start(assignment({ sectionsRead: [0, 1, 2], lastSection: 2 }))).toBe(2);
    expect(progress.current()).toBe(2);
    expect(progress.readCount()).toBe(3);
    http.expectNone(URL);
  });

  it('starts a new reading at the first part and records it', () => {
    expect(progress.start(assignment())).toBe(0);
    const req = http.expectOne(URL);
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ readSection: 0 });
    req.flush(assignment({ sectionsRead: [0], lastSection: 0 }));
    expect(progress.readCount()).toBe(1);
  });

  it('ignores a lastSection outside the module (it changed since) and starts at the top', () => {
    expect(progress.start(assignment({ sectionsRead: [0], lastSection: 9 }))).toBe(0);
    http.expectOne(URL).flush(assignment({ sectionsRead: [0], lastSection: 0 }));
  });

  it('records every part opened, in order, one request at a time (any order is fine)', () => {
    progress.start(assignment({ sectionsRead: [0], lastSection: 0 }));
    http.expectNone(URL);
    progress.open(3);
    progress.previous();
    expect(progress.current()).toBe(2);
    // Shown as read at once, before the server answers.
    expect([...progress.read()].sort()).toEqual([0, 2, 3]);

    const first = http.expectOne(URL);
    expect(first.request.body).toEqual({ readSection: 3 });
    first.flush(assignment({ sectionsRead: [0, 3], lastSection: 3 }));
    const second = http.expectOne(URL);
    expect(second.request.body).toEqual({ readSection: 2 });
    second.flush(assignment({ sectionsRead: [0, 2, 3], lastSection: 2 }));
    expect(progress.assignment()?.lastSection).toBe(2);
    expect(progress.readCount()).toBe(3);
  });

  it('goes back to a part already read and makes it the place to resume', () => {
    progress.start(assignment({ sectionsRead: [0, 1], lastSection: 1 }));
    progress.previous();
    const req = http.expectOne(URL);
    expect(req.request.body).toEqual({ readSection: 0 });
    req.flush(assignment({ sectionsRead: [0, 1], lastSection: 0 }));
  });

  it('stays within the module', () => {
    progress.start(assignment({ sectionsRead: [4], lastSection: 4, sectionCount: 5 }));
    progress.next();
    expect(progress.current()).toBe(4);
    http.expectNone(URL);
  });

  it('retries quietly when the network drops, keeping the part marked as read', () => {
    progress.start(assignment({ sectionsRead: [0], lastSection: 0 }));
    progress.next();
    http.expectOne(URL).error(new ProgressEvent('error'));
    expect(progress.problem()).toMatch(/keep trying/);
    expect(progress.read().has(1)).toBe(true);
    vi.advanceTimersByTime(2000);
    const retry = http.expectOne(URL);
    expect(retry.request.body).toEqual({ readSection: 1 });
    retry.flush(assignment({ sectionsRead: [0, 1], lastSection: 1 }));
    expect(progress.problem()).toBe('');
  });

  it('marks the reading done and opens it again', async () => {
    progress.start(assignment({ sectionsRead: [0], lastSection: 0 }));
    const done = progress.setCompleted(true);
    const req = http.expectOne(URL);
    expect(req.request.body).toEqual({ completed: true });
    req.flush(assignment({ status: 'completed', completedAt: '2026-11-21T10:00:00.000Z' }));
    expect((await done)?.status).toBe('completed');
    expect(progress.assignment()?.status).toBe('completed');

    const reopen = progress.setCompleted(false);
    http.expectOne(URL).flush(assignment({ status: 'assigned' }));
    expect((await reopen)?.status).toBe('assigned');
  });

  it('saves and clears the optional helpful answer', async () => {
    progress.start(assignment({ sectionsRead: [0], lastSection: 0 }));
    const rated = progress.setHelpful(4);
    const req = http.expectOne(URL);
    expect(req.request.body).toEqual({ helpful: 4 });
    req.flush(assignment({ helpful: 4 }));
    expect((await rated)?.helpful).toBe(4);
    const cleared = progress.setHelpful(null);
    const clear = http.expectOne(URL);
    expect(clear.request.body).toEqual({ helpful: null });
    clear.flush(assignment({ helpful: null }));
    expect((await cleared)?.helpful).toBeNull();
    expect(progress.assignment()?.helpful).toBeNull();
  });
});
