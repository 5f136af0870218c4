import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FIRST_PAGE_DATA_ID, type FirstPageData } from '@attune/shared';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from './core/auth-store';
import { EarlyData } from './core/early-data';
import { meFixture } from './core/testing';
import { startFirstPage } from './first-page';

const ID = '0b6f3c1e-8a44-4c2b-9d7e-2f1a5c3b4d6e';
const READING = `/api/assignments/${ID}/reading`;

describe('a first page asks for its data while its code loads', () => {
  let http: HttpTestingController;
  let early: EarlyData;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    early = TestBed.inject(EarlyData);
  });

  afterEach(() => {
    vi.restoreAllMocks();
    http.verify();
  });

  async function open(path: string, me: ReturnType<typeof meFixture> | null): Promise<void> {
    const started = startFirstPage(path, TestBed.inject(AuthStore), early);
    const req = http.expectOne('/api/auth/me');
    if (me) req.flush(me);
    else req.flush({ statusCode: 401 }, { status: 401, statusText: 'Unauthorized' });
    await started;
  }

  it('starts a signed-in client’s reading once, and the reader takes that answer', async () => {
    await open(`/client/reading/${ID}`, meFixture(['client']));
    http.expectOne(READING).flush({ assignment: { id: ID } });
    // The reader asks after its code has loaded: no second request.
    expect(await firstValueFrom(early.get<{ assignment: { id: string } }>(READING))).toEqual({
      assignment: { id: ID },
    });
    // Opening it again later asks afresh.
    const again = firstValueFrom(early.get(READING));
    http.expectOne(READING).flush({ assignment: { id: ID, again: true } });
    expect(await again).toEqual({ assignment: { id: ID, again: true } });
  });

  it('starts the client’s home data, and passes an error on to the page', async () => {
    await open('/client', meFixture(['client']));
    http
      .expectOne('/api/dashboard')
      .flush({ statusCode: 500 }, { status: 500, statusText: 'Server Error' });
    await expect(firstValueFrom(early.get('/api/dashboard'))).rejects.toMatchObject({
      status: 500,
    });
  });

  it('asks for nothing when nobody is signed in', async () => {
    await open('/client', null);
    http.expectNone('/api/dashboard');
  });

  it('asks for nothing for staff', async () => {
    await open(`/client/reading/${ID}`, meFixture(['therapist']));
    http.expectNone(READING);
  });

  it('leaves other pages alone', async () => {
    await startFirstPage('/client/sessions', TestBed.inject(AuthStore), early);
    await startFirstPage('/login', TestBed.inject(AuthStore), early);
    http.expectNone('/api/auth/me');
  });

  it('does not hand on an answer that has waited too long', async () => {
    await open(`/client/reading/${ID}`, meFixture(['client']));
    http.expectOne(READING).flush({ old: true });
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 11_000);
    const fresh = firstValueFrom(early.get(READING));
    http.expectOne(READING).flush({ old: false });
    expect(await fresh).toEqual({ old: false });
  });
});

describe('a first page the server drew comes with its data', () => {
  let http: HttpTestingController;

  /** The JSON block as the server writes it (`<` escaped), put in this test's document. */
  function inline(data: unknown, text = JSON.stringify(data).replace(/</g, '\\u003c')): void {
    const block = document.createElement('script');
    block.type = 'application/json';
    block.id = FIRST_PAGE_DATA_ID;
    block.textContent = text;
    document.body.appendChild(block);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    document.getElementById(FIRST_PAGE_DATA_ID)?.remove();
    http.verify();
  });

  it('takes who is signed in and the reading from the page, and asks for neither', async () => {
    const me = meFixture(['client'], {
      user: { id: 'u', email: 'r@example.com', displayName: 'Ro</script><!-- \u2028' },
    });
    const data: FirstPageData = { me, url: READING, answer: { assignment: { id: ID } } };
    inline(data);
    const early = TestBed.inject(EarlyData);
    const auth = TestBed.inject(AuthStore);
    await startFirstPage(`/client/reading/${ID}`, auth, early);
    http.expectNone('/api/auth/me');
    http.expectNone(READING);
    expect(auth.me()).toEqual(me);
    expect(auth.displayName()).toBe('Ro</script><!-- \u2028');
    expect(await firstValueFrom(early.get(READING))).toEqual({ assignment: { id: ID } });
    // Read once: the block is gone, and a later visit to the page asks afresh.
    expect(document.getElementById(FIRST_PAGE_DATA_ID)).toBeNull();
    const again = firstValueFrom(early.get(READING));
    http.expectOne(READING).flush({ again: true });
    expect(await again).toEqual({ again: true });
  });

  it('asks /api/auth/me after a reload of the user, not the page again', async () => {
    inline({ me: meFixture(['client']), url: '/api/dashboard', answer: { role: 'client' } });
    const auth = TestBed.inject(AuthStore);
    expect((await auth.ensureLoaded())?.user.displayName).toBe('Sam Rivera');
    const reloaded = auth.reload();
    http.expectOne('/api/auth/me').flush(meFixture(['client'], { clientId: 'client-2' }));
    expect((await reloaded)?.clientId).toBe('client-2');
  });

  it('ignores a block it cannot read, and asks as before', async () => {
    inline(null, '{"me": not json');
    const auth = TestBed.inject(AuthStore);
    const loaded = auth.ensureLoaded();
    http.expectOne('/api/auth/me').flush(meFixture(['client']));
    expect((await loaded)?.roles).toEqual(['client']);
    expect(document.getElementById(FIRST_PAGE_DATA_ID)).toBeNull();
  });

  it('ignores a block without a user', async () => {
    inline({ me: { roles: ['client'] }, url: '/api/dashboard', answer: {} });
    const auth = TestBed.inject(AuthStore);
    const loaded = auth.ensureLoaded();
    http
      .expectOne('/api/auth/me')
      .flush({ statusCode: 401 }, { status: 401, statusText: 'Unauthorized' });
    expect(await loaded).toBeNull();
  });
});
