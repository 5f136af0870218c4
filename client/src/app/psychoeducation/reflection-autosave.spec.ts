import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ReflectionView, SaveReflectionRequest } from '@attune/shared';
import { sentBody } from '../core/testing';
import {
  localReflectionKey,
  REFLECTION_DEBOUNCE_MS,
  ReflectionAutosave,
  ReflectionContent,
} from './reflection-autosave';

const CREATE_URL = '/api/assignments/a1/reflections';
const KEY = localReflectionKey('a1', 'noticing');

function view(overrides: Partial<ReflectionView> = {}): ReflectionView {
  return {
    id: 'r1',
    assignmentId: 'a1',
    promptId: 'noticing',
    promptText: 'What did you notice?',
    body: 'First thoughts',
    shared: false,
    sharedAt: null,
    version: 1,
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

function local(): unknown {
  const raw = localStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : null;
}

function conflict(current?: ReflectionView) {
  return [
    {
      statusCode: 409,
      error: 'Conflict',
      message: 'This reflection was saved somewhere else too. Here is the latest version.',
      current,
    },
    { status: 409, statusText: 'Conflict' },
  ] as const;
}

describe('ReflectionAutosave', () => {
  let autosave: ReflectionAutosave;
  let http: HttpTestingController;
  let replaced: ReflectionContent[];

  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [ReflectionAutosave, provideHttpClient(), provideHttpClientTesting()],
    });
    autosave = TestBed.inject(ReflectionAutosave);
    http = TestBed.inject(HttpTestingController);
    replaced = [];
    autosave.replaced.subscribe((r) => replaced.push(r));
  });

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
    localStorage.clear();
  });

  it('waits for a pause in typing, then creates the reflection (private by default)', () => {
    expect(autosave.start('a1', 'noticing', null)).toEqual({
      body: '',
      shared: false,
      restored: false,
    });
    autosave.updateBody('I');
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS - 100);
    autosave.updateBody('I noticed');
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS - 1);
    http.expectNone(CREATE_URL);
    expect(autosave.state()).toBe('pending');

    vi.advanceTimersByTime(1);
    const req = http.expectOne(CREATE_URL);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ promptId: 'noticing', body: 'I noticed', shared: false });
    expect(autosave.state()).toBe('saving');
    req.flush(view({ body: 'I noticed' }));
    expect(autosave.state()).toBe('saved');
    expect(autosave.reflection()?.version).toBe(1);
  });

  it('updates an existing reflection with the version it last saw, one request at a time', () => {
    autosave.start('a1', 'noticing', view());
    autosave.updateBody('First thoughts, more');
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    const first = http.expectOne('/api/reflections/r1');
    expect(first.request.method).toBe('PATCH');
    expect(first.request.body).toEqual({ version: 1, body: 'First thoughts, more' });

    autosave.updateBody('First thoughts, more and more');
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    http.expectNone('/api/reflections/r1');
    first.flush(view({ body: 'First thoughts, more', version: 2 }));
    const second = http.expectOne('/api/reflections/r1');
    expect(second.request.body).toEqual({ version: 2, body: 'First thoughts, more and more' });
    second.flush(view({ body: 'First thoughts, more and more', version: 3 }));
    expect(autosave.state()).toBe('saved');
  });

  it('keeps a copy on the device until the server has it', () => {
    autosave.start('a1', 'noticing', view());
    autosave.updateBody('Edited');
    expect(local()).toEqual({ baseVersion: 1, body: 'Edited', shared: false });
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    http.expectOne('/api/reflections/r1').flush(view({ body: 'Edited', version: 2 }));
    expect(local()).toBeNull();
  });

  it('shares at once when the privacy toggle changes, and can unshare', () => {
    autosave.start('a1', 'noticing', view());
    autosave.setShared(true);
    const share = http.expectOne('/api/reflections/r1');
    expect(share.request.body).toEqual({ version: 1, shared: true });
    share.flush(view({ shared: true, sharedAt: '2026-11-20T11:00:00.000Z', version: 2 }));
    expect(autosave.reflection()?.shared).toBe(true);

    autosave.setShared(false);
    const unshare = http.expectOne('/api/reflections/r1');
    expect(unshare.request.body).toEqual({ version: 2, shared: false });
    unshare.flush(view({ shared: false, version: 3 }));
    expect(autosave.reflection()?.shared).toBe(false);
    expect(autosave.state()).toBe('saved');
  });

  it('sends text and privacy together when both changed before the save', () => {
    autosave.start('a1', 'noticing', null);
    autosave.updateBody('Something to share');
    autosave.setShared(true);
    const req = http.expectOne(CREATE_URL);
    expect(req.request.body).toEqual({
      promptId: 'noticing',
      body: 'Something to share',
      shared: true,
    });
    req.flush(view({ body: 'Something to share', shared: true }));
  });

  it('does not create an empty reflection just because privacy was switched', () => {
    autosave.start('a1', 'noticing', null);
    autosave.setShared(true);
    http.expectNone(CREATE_URL);
    expect(autosave.state()).toBe('idle');
    autosave.updateBody('Now some words');
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    expect(sentBody<SaveReflectionRequest>(http.expectOne(CREATE_URL)).shared).toBe(true);
  });

  it('on 409 shows the newer text and keeps theirs (on screen and on the device)', () => {
    autosave.start('a1', 'noticing', view());
    autosave.updateBody('Written on the laptop');
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    const newer = view({ body: 'Written on the phone', version: 4, shared: true });
    http.expectOne('/api/reflections/r1').flush(...conflict(newer));

    expect(replaced).toEqual([{ body: 'Written on the phone', shared: true }]);
    expect(autosave.conflict()).toEqual({ yours: 'Written on the laptop' });
    expect(autosave.reflection()?.version).toBe(4);
    expect(localStorage.getItem(`${KEY}.yours`)).toBe('Written on the laptop');
    expect(autosave.state()).toBe('saved');

    // "Use my version": their text goes back on the newer version.
    autosave.useMine();
    expect(replaced[1]).toEqual({ body: 'Written on the laptop', shared: true });
    const req = http.expectOne('/api/reflections/r1');
    expect(req.request.body).toEqual({ version: 4, body: 'Written on the laptop' });
    req.flush(view({ body: 'Written on the laptop', version: 5, shared: true }));
    expect(autosave.conflict()).toBeNull();
    expect(localStorage.getItem(`${KEY}.yours`)).toBeNull();
    expect(local()).toBeNull();
  });

  it('on 409 the person can keep the newer copy instead', () => {
    autosave.start('a1', 'noticing', view());
    autosave.updateBody('Mine');
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    http.expectOne('/api/reflections/r1').flush(...conflict(view({ body: 'Newer', version: 2 })));
    autosave.keepNewer();
    expect(autosave.conflict()).toBeNull();
    expect(localStorage.getItem(`${KEY}.yours`)).toBeNull();
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    http.expectNone('/api/reflections/r1');
  });

  it('a create that raced another device (409) also keeps their text', () => {
    autosave.start('a1', 'noticing', null);
    autosave.updateBody('From this tab');
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    http.expectOne(CREATE_URL).flush(...conflict(view({ body: 'From the other tab', version: 2 })));
    expect(autosave.conflict()).toEqual({ yours: 'From this tab' });
    expect(autosave.reflection()?.id).toBe('r1');
    expect(replaced).toEqual([{ body: 'From the other tab', shared: false }]);
  });

  it('offers, after a reload, text left on the device that a newer copy overtook', () => {
    localStorage.setItem(KEY, JSON.stringify({ baseVersion: 1, body: 'Old draft', shared: false }));
    const start = autosave.start('a1', 'noticing', view({ body: 'Newer', version: 3 }));
    expect(start).toEqual({ body: 'Newer', shared: false, restored: false });
    expect(autosave.conflict()).toEqual({ yours: 'Old draft' });
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    http.expectNone('/api/reflections/r1');
  });

  it('brings back and saves text this device never got to send', () => {
    localStorage.setItem(KEY, JSON.stringify({ baseVersion: 1, body: 'Unsent', shared: true }));
    const start = autosave.start('a1', 'noticing', view());
    expect(start).toEqual({ body: 'Unsent', shared: true, restored: true });
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    const req = http.expectOne('/api/reflections/r1');
    expect(req.request.body).toEqual({ version: 1, body: 'Unsent', shared: true });
    req.flush(view({ body: 'Unsent', shared: true, version: 2 }));
    expect(local()).toBeNull();
  });

  it('retries network failures and keeps the text meanwhile', () => {
    autosave.start('a1', 'noticing', view());
    autosave.updateBody('Offline words');
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    http.expectOne('/api/reflections/r1').error(new ProgressEvent('error'));
    expect(autosave.state()).toBe('retrying');
    expect(local()).toEqual({ baseVersion: 1, body: 'Offline words', shared: false });
    vi.advanceTimersByTime(999);
    http.expectNone('/api/reflections/r1');
    vi.advanceTimersByTime(1);
    http.expectOne('/api/reflections/r1').flush(view({ body: 'Offline words', version: 2 }));
    expect(autosave.state()).toBe('saved');
    expect(local()).toBeNull();
  });

  it('does not retry text the server refuses, and keeps it on the device', () => {
    autosave.start('a1', 'noticing', view());
    autosave.updateBody('x'.repeat(20));
    vi.advanceTimersByTime(REFLECTION_DEBOUNCE_MS);
    http
      .expectOne('/api/reflections/r1')
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'body must be at most 10000 characters' },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(autosave.state()).toBe('failed');
    expect(autosave.message()).toContain('10000');
    vi.advanceTimersByTime(60_000);
    http.expectNone('/api/reflections/r1');
    expect(local()).not.toBeNull();
  });
});
