import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Answers, DraftSaved, SaveDraftRequest } from '@attune/shared';
import { sentBody } from '../../core/testing';
import {
  AUTOSAVE_DEBOUNCE_MS,
  DraftAutosave,
  localDraftKey,
  Replacement,
  sameAnswers,
} from './draft-autosave';

const URL = '/api/screenings/s1/draft';
const A: Answers = { 'fear-of-mistakes-1': { value: 'often' } };
const AB: Answers = { ...A, 'fear-of-mistakes-2': { declined: true } };

function saved(draftVersion: number): DraftSaved {
  return { draftVersion, savedAt: '2026-11-20T10:00:00.000Z' };
}

function local(): unknown {
  const raw = localStorage.getItem(localDraftKey('s1'));
  return raw ? JSON.parse(raw) : null;
}

describe('DraftAutosave', () => {
  let autosave: DraftAutosave;
  let http: HttpTestingController;
  let replaced: Replacement[];

  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [DraftAutosave, provideHttpClient(), provideHttpClientTesting()],
    });
    autosave = TestBed.inject(DraftAutosave);
    http = TestBed.inject(HttpTestingController);
    replaced = [];
    autosave.replaced.subscribe((r) => replaced.push(r));
  });

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
    localStorage.clear();
  });

  it('waits for a pause in answering, then saves only the latest answers', () => {
    autosave.start('s1', 3, {});
    autosave.update(A);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS - 100);
    autosave.update(AB);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS - 1);
    http.expectNone(URL);
    expect(autosave.state()).toBe('pending');

    vi.advanceTimersByTime(1);
    const req = http.expectOne(URL);
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ version: 3, answers: AB });
    expect(autosave.state()).toBe('saving');
    req.flush(saved(4));
    expect(autosave.state()).toBe('saved');
    expect(autosave.version()).toBe(4);
  });

  it('sends the version the server gave last, one request at a time', () => {
    autosave.start('s1', 3, {});
    autosave.update(A);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    const first = http.expectOne(URL);
    // A change while the first save is on its way waits for it, then goes on the new version.
    autosave.update(AB);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    http.expectNone(URL);
    first.flush(saved(4));
    const second = http.expectOne(URL);
    expect(second.request.body).toEqual({ version: 4, answers: AB });
    second.flush(saved(5));
    expect(autosave.version()).toBe(5);
    expect(autosave.state()).toBe('saved');
  });

  it('keeps a copy on the device until the server confirms it', () => {
    autosave.start('s1', 3, {});
    autosave.update(A);
    expect(local()).toEqual({ baseVersion: 3, answers: A });
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    http.expectOne(URL).flush(saved(4));
    expect(local()).toBeNull();
  });

  it('brings back answers this device never got to send, and saves them', () => {
    localStorage.setItem(localDraftKey('s1'), JSON.stringify({ baseVersion: 3, answers: AB }));
    const start = autosave.start('s1', 3, A);
    expect(start).toEqual({ answers: AB, restored: true, replaced: false });
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    const req = http.expectOne(URL);
    expect(req.request.body).toEqual({ version: 3, answers: AB });
    req.flush(saved(4));
    expect(local()).toBeNull();
  });

  it('drops a local copy that answers saved elsewhere have overtaken, and says so', () => {
    localStorage.setItem(localDraftKey('s1'), JSON.stringify({ baseVersion: 2, answers: AB }));
    const start = autosave.start('s1', 5, A);
    expect(start).toEqual({ answers: A, restored: false, replaced: true });
    expect(local()).toBeNull();
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    http.expectNone(URL);
  });

  it('on 409 shows the server answers as they are (nothing merged) and continues from them', () => {
    autosave.start('s1', 3, {});
    autosave.update(AB);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    const current = { draftVersion: 7, answers: { 'closeness-1': { value: 'rarely' } } };
    http.expectOne(URL).flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'These answers were changed somewhere else.',
        current: { ...current, status: 'in_progress' },
      },
      { status: 409, statusText: 'Conflict' },
    );
    expect(replaced).toEqual([{ answers: current.answers, status: 'in_progress' }]);
    expect(autosave.version()).toBe(7);
    expect(autosave.state()).toBe('saved');
    expect(local()).toBeNull();

    autosave.update({ ...current.answers, ...A });
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    expect(sentBody<SaveDraftRequest>(http.expectOne(URL)).version).toBe(7);
  });

  it('stops saving when the screener was sent in elsewhere', () => {
    autosave.start('s1', 3, {});
    autosave.update(A);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    http
      .expectOne(URL)
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'This screener was already sent in.' },
        { status: 409, statusText: 'Conflict' },
      );
    expect(autosave.state()).toBe('closed');
    expect(autosave.message()).toBe('This screener was already sent in.');
    autosave.update(AB);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    http.expectNone(URL);
  });

  it('retries network failures with growing waits and keeps the answers meanwhile', () => {
    autosave.start('s1', 3, {});
    autosave.update(A);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    http.expectOne(URL).error(new ProgressEvent('error'));
    expect(autosave.state()).toBe('retrying');
    expect(local()).toEqual({ baseVersion: 3, answers: A });

    vi.advanceTimersByTime(999);
    http.expectNone(URL);
    vi.advanceTimersByTime(1);
    http.expectOne(URL).flush('down', { status: 503, statusText: 'Service Unavailable' });

    vi.advanceTimersByTime(1999);
    http.expectNone(URL);
    vi.advanceTimersByTime(1);
    const req = http.expectOne(URL);
    expect(req.request.body).toEqual({ version: 3, answers: A });
    req.flush(saved(4));
    expect(autosave.state()).toBe('saved');
    expect(local()).toBeNull();
  });

  it('does not retry an answer the server rejects, and keeps it on the device', () => {
    autosave.start('s1', 3, {});
    autosave.update(A);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    http.expectOne(URL).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: "Answer to 'x' is not one of its option codes",
        fields: { 'answers.x': 'bad' },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(autosave.state()).toBe('failed');
    expect(autosave.message()).toContain('not one of its option codes');
    vi.advanceTimersByTime(60_000);
    http.expectNone(URL);
    expect(local()).toEqual({ baseVersion: 3, answers: A });
  });

  it('flush sends at once (for "Take a break") and resolves when saved', async () => {
    autosave.start('s1', 3, {});
    autosave.update(A);
    const done = autosave.flush();
    const req = http.expectOne(URL);
    expect(req.request.body).toEqual({ version: 3, answers: A });
    req.flush(saved(4));
    await expect(done).resolves.toBe('saved');
    await expect(autosave.flush()).resolves.toBe('saved');
    http.expectNone(URL);
  });

  it('flush reports "offline" when the save could not get through', async () => {
    autosave.start('s1', 3, {});
    autosave.update(A);
    const done = autosave.flush();
    http.expectOne(URL).error(new ProgressEvent('error'));
    await expect(done).resolves.toBe('offline');
    expect(local()).toEqual({ baseVersion: 3, answers: A });
    vi.advanceTimersByTime(1000);
    http.expectOne(URL).flush(saved(4));
  });

  it('submits after saving, with the Idempotency-Key and the latest version', async () => {
    autosave.start('s1', 3, {});
    autosave.update(A);
    const result = autosave.submit('key-1');
    http.expectOne(URL).flush(saved(4));
    await vi.advanceTimersByTimeAsync(0);
    const req = http.expectOne('/api/screenings/s1/submit');
    expect(req.request.headers.get('Idempotency-Key')).toBe('key-1');
    expect(req.request.body).toEqual({ version: 4, answers: A });
    req.flush({ id: 's1', status: 'submitted', submittedAt: '2026-11-20T10:01:00.000Z' });
    await expect(result).resolves.toMatchObject({ kind: 'submitted' });
    expect(autosave.state()).toBe('closed');
  });

  it('compares answers regardless of key order', () => {
    expect(
      sameAnswers(
        { a: { value: 1 }, b: { declined: true } },
        { b: { declined: true }, a: { value: 1 } },
      ),
    ).toBe(true);
    expect(sameAnswers({ a: { value: 1 } }, { a: { value: 2 } })).toBe(false);
    expect(sameAnswers({ a: { value: 1 } }, {})).toBe(false);
  });
});
