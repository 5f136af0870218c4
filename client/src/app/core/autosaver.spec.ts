import { HttpErrorResponse } from '@angular/common/http';
import {
  createEnvironmentInjector,
  EnvironmentInjector,
  runInInjectionContext,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ApiError } from '@attune/shared';
import { Subject } from 'rxjs';
import { Autosaver, AutosaverConfig, injectAutosaver, Refusal } from './autosaver';

const KEY = 'attune.test-autosave';

/** One request the autosaver made: what it carried, and a way to answer it. */
interface Sent {
  text: string;
  version: number;
  reply: Subject<number>;
}

function ok(sent: Sent | undefined, version: number): void {
  assert(sent, 'no request was sent');
  sent.reply.next(version);
  sent.reply.complete();
}

function fail(sent: Sent | undefined, status: number, body?: object): void {
  assert(sent, 'no request was sent');
  sent.reply.error(new HttpErrorResponse({ status, error: body }));
}

function device(): unknown {
  const raw = localStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : null;
}

/**
 * An owner as small as it gets: one text with a version. Its conflict policy answers with
 * whatever `refusal` holds (and records what it was asked).
 */
function owner(overrides: Partial<AutosaverConfig<number>> = {}) {
  const o = {
    text: '',
    version: 1,
    sent: [] as Sent[],
    refused: [] as ApiError[],
    retried: [] as number[],
    refusal: { kind: 'failed' } as Refusal,
  };
  const saver = new Autosaver<number>({
    debounceMs: 500,
    retryMs: [1000, 3000],
    request: () => {
      const reply = new Subject<number>();
      o.sent.push({ text: o.text, version: o.version, reply });
      return reply;
    },
    saved: (version) => (o.version = version),
    refused: (error) => {
      o.refused.push(error);
      return o.refusal;
    },
    retrying: (error) => o.retried.push(error.statusCode),
    device: { key: () => KEY, copy: () => ({ baseVersion: o.version, text: o.text }) },
    ...overrides,
  });
  return Object.assign(o, {
    saver,
    type(text: string) {
      o.text = text;
      saver.changed();
    },
  });
}

describe('Autosaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });

  afterEach(() => {
    vi.useRealTimers();
    localStorage.clear();
  });

  it('waits for the quiet time after the last change, then sends only the latest', () => {
    const o = owner();
    o.type('H');
    vi.advanceTimersByTime(400);
    o.type('Hello');
    vi.advanceTimersByTime(499);
    expect(o.sent).toHaveLength(0);
    expect(o.saver.state()).toBe('pending');

    vi.advanceTimersByTime(1);
    expect(o.sent.map((s) => s.text)).toEqual(['Hello']);
    expect(o.saver.state()).toBe('saving');
    ok(o.sent[0], 2);
    expect(o.saver.state()).toBe('saved');
    expect(o.version).toBe(2);
  });

  it('keeps a device copy from the first change until the server has it', () => {
    const o = owner();
    o.type('Kept here');
    expect(device()).toEqual({ baseVersion: 1, text: 'Kept here' });
    vi.advanceTimersByTime(500);
    expect(device()).toEqual({ baseVersion: 1, text: 'Kept here' });
    ok(o.sent[0], 2);
    expect(device()).toBeNull();
  });

  it('sends one request at a time: a change made meanwhile goes next, on the new version', () => {
    const o = owner();
    o.type('one');
    vi.advanceTimersByTime(500);
    o.type('one two');
    vi.advanceTimersByTime(5000);
    expect(o.sent).toHaveLength(1);

    ok(o.sent[0], 2);
    // The device copy now says which version the unsent text sits on.
    expect(device()).toEqual({ baseVersion: 2, text: 'one two' });
    expect(o.sent.map((s) => [s.text, s.version])).toEqual([
      ['one', 1],
      ['one two', 2],
    ]);
    ok(o.sent[1], 3);
    expect(o.saver.state()).toBe('saved');
    expect(device()).toBeNull();
  });

  it('retries network and server failures with the backoff steps, the last one repeating', () => {
    const o = owner();
    o.type('offline');
    vi.advanceTimersByTime(500);
    fail(o.sent[0], 0);
    expect(o.saver.state()).toBe('retrying');
    expect(device()).toEqual({ baseVersion: 1, text: 'offline' });

    vi.advanceTimersByTime(999);
    expect(o.sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(o.sent).toHaveLength(2);
    fail(o.sent[1], 503);
    vi.advanceTimersByTime(2999);
    expect(o.sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    fail(o.sent[2], 429);
    vi.advanceTimersByTime(2999);
    expect(o.sent).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(o.sent).toHaveLength(4);
    expect(o.retried).toEqual([0, 503, 429]);

    ok(o.sent[3], 2);
    expect(o.saver.state()).toBe('saved');
    expect(device()).toBeNull();
    // A success starts the backoff over.
    o.type('offline again');
    vi.advanceTimersByTime(500);
    fail(o.sent[4], 502);
    vi.advanceTimersByTime(1000);
    expect(o.sent).toHaveLength(6);
    ok(o.sent[5], 3);
  });

  it('does not retry a refusal: the policy says it failed, so it stays on the device', () => {
    const o = owner();
    o.type('too long');
    vi.advanceTimersByTime(500);
    fail(o.sent[0], 400, { statusCode: 400, message: 'text must be shorter' });
    expect(o.refused.map((e) => e.statusCode)).toEqual([400]);
    expect(o.saver.state()).toBe('failed');
    expect(o.saver.message()).toBe('text must be shorter');
    vi.advanceTimersByTime(60_000);
    expect(o.sent).toHaveLength(1);
    expect(device()).toEqual({ baseVersion: 1, text: 'too long' });

    // The next change tries again.
    o.type('short');
    expect(o.saver.state()).toBe('pending');
    vi.advanceTimersByTime(500);
    expect(o.sent[1]?.text).toBe('short');
    ok(o.sent[1], 2);
  });

  it('hands a 409 to the conflict policy, and settles as it says: replaced by the server copy', async () => {
    const o = owner();
    o.refusal = { kind: 'replaced' };
    o.type('mine');
    const flushed = o.saver.flush();
    const current = { text: 'theirs', version: 7 };
    fail(o.sent[0], 409, { statusCode: 409, message: 'Changed elsewhere.', current });

    expect(o.refused).toEqual([
      expect.objectContaining({ statusCode: 409, message: 'Changed elsewhere.', current }),
    ]);
    await expect(flushed).resolves.toBe('replaced');
    expect(o.saver.state()).toBe('saved');
    expect(o.saver.message()).toBe('');
    expect(device()).toBeNull();
    vi.advanceTimersByTime(60_000);
    expect(o.sent).toHaveLength(1);
  });

  it('on a 409 the policy may send again at once (after changing what to send)', () => {
    const o = owner({
      refused: () => {
        o.version = 0;
        return { kind: 'resend' };
      },
    });
    o.type('create me again');
    vi.advanceTimersByTime(500);
    fail(o.sent[0], 409, { statusCode: 409, message: 'Gone.' });
    expect(o.sent.map((s) => [s.text, s.version])).toEqual([
      ['create me again', 1],
      ['create me again', 0],
    ]);
    ok(o.sent[1], 1);
    expect(o.saver.state()).toBe('saved');
  });

  it('on a 409 the policy may close it: nothing more is saved and flush says so', async () => {
    const o = owner();
    o.refusal = { kind: 'closed', message: 'This was sent in already.' };
    o.type('late');
    vi.advanceTimersByTime(500);
    fail(o.sent[0], 409, { statusCode: 409, message: 'Conflict' });
    expect(o.saver.state()).toBe('closed');
    expect(o.saver.message()).toBe('This was sent in already.');
    expect(device()).toBeNull();

    o.type('later still');
    vi.advanceTimersByTime(60_000);
    expect(o.sent).toHaveLength(1);
    await expect(o.saver.flush()).resolves.toBe('closed');
  });

  it('a dropped refusal forgets the device copy', () => {
    const o = owner();
    o.refusal = { kind: 'dropped' };
    o.type('withdrawn meanwhile');
    vi.advanceTimersByTime(500);
    fail(o.sent[0], 409, { statusCode: 409, message: 'This reading was withdrawn.' });
    expect(o.saver.state()).toBe('failed');
    expect(o.saver.message()).toBe('This reading was withdrawn.');
    expect(device()).toBeNull();
  });

  it('flush sends at once and resolves "offline" when it could not get through', async () => {
    const o = owner();
    o.type('now');
    const first = o.saver.flush();
    expect(o.sent).toHaveLength(1);
    fail(o.sent[0], 0);
    await expect(first).resolves.toBe('offline');

    const second = o.saver.flush();
    expect(o.sent).toHaveLength(2);
    ok(o.sent[1], 2);
    await expect(second).resolves.toBe('saved');
    await expect(o.saver.flush()).resolves.toBe('saved');
    expect(o.sent).toHaveLength(2);
  });

  it('with no quiet time sends at once, but waits out a pending retry', () => {
    const o = owner({ debounceMs: 0 });
    o.type('a');
    expect(o.sent).toHaveLength(1);
    fail(o.sent[0], 503);
    o.type('ab');
    expect(o.sent).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(o.sent[1]?.text).toBe('ab');
    ok(o.sent[1], 2);
  });

  it('changedNow skips both the quiet time and a waiting retry', () => {
    const o = owner();
    o.type('a');
    vi.advanceTimersByTime(500);
    fail(o.sent[0], 503);
    o.text = 'shared';
    o.saver.changedNow();
    expect(o.sent[1]?.text).toBe('shared');
    ok(o.sent[1], 2);
    vi.advanceTimersByTime(60_000);
    expect(o.sent).toHaveLength(2);
  });

  it('shows the resting state when there turns out to be nothing to send', () => {
    const o = owner({ request: () => null, restingState: () => 'idle' });
    o.type('   ');
    expect(device()).not.toBeNull();
    vi.advanceTimersByTime(500);
    expect(o.saver.state()).toBe('idle');
    expect(device()).toBeNull();
  });

  it('passes each answer of a multi-request save to the owner, in order', () => {
    const first = new Subject<number>();
    const saved: number[] = [];
    const o = owner({ debounceMs: 0, request: () => first, saved: (n) => saved.push(n) });
    o.type('x');
    first.next(1);
    first.next(2);
    expect(saved).toEqual([1, 2]);
    expect(o.saver.state()).toBe('saving');
    first.complete();
    expect(o.saver.state()).toBe('saved');
  });

  it('on destroy sends what is unsaved at once, unless told to stop', () => {
    const flushing = owner();
    flushing.type('leaving');
    flushing.saver.destroy();
    expect(flushing.sent.map((s) => s.text)).toEqual(['leaving']);

    const stopping = owner({ onDestroy: 'stop' });
    stopping.type('leaving');
    stopping.saver.destroy();
    vi.advanceTimersByTime(60_000);
    expect(stopping.sent).toHaveLength(0);
  });

  it('injectAutosaver sends what is unsaved when its injector is destroyed', () => {
    const injector = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const sent: string[] = [];
    const saver = runInInjectionContext(injector, () =>
      injectAutosaver<number>({
        debounceMs: 500,
        retryMs: [1000],
        request: () => {
          sent.push('sent');
          return new Subject<number>();
        },
        saved: () => undefined,
        refused: () => ({ kind: 'failed' }),
      }),
    );
    saver.changed();
    expect(sent).toEqual([]);
    injector.destroy();
    expect(sent).toEqual(['sent']);
  });
});
