import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
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
