import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InvitationCreated } from '@attune/shared';
import type { Response } from 'supertest';
import {
  anonymous,
  bootApp,
  db,
  newPractice,
  PASSWORD,
  tokenOf,
  uniqueEmail,
  type Signed,
} from './harness.js';

/** What a caller can compare between two answers: status, body shape and headers that matter. */
function shape(res: Response) {
  const keys = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .sort()
            .map(([k, x]) => [k, keys(x)]),
        )
      : typeof v;
  return {
    status: res.status,
    body: keys(res.body),
    type: res.headers['content-type'],
    setsSession: String(res.headers['set-cookie'] ?? '').includes('attune_session'),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('no account enumeration: sign-up and invitations answer the same for known emails', () => {
  let app: NestFastifyApplication;
  let a: Signed;
  let b: Signed;
  beforeAll(async () => {
    app = await bootApp();
    a = await newPractice(app);
    b = await newPractice(app);
  });
  afterAll(() => app.close());

  const signup = async (email: string, password = PASSWORD) =>
    (await anonymous(app)).post('/api/practices', {
      practiceName: 'Quiet Harbor',
      timeZone: 'UTC',
      adminEmail: email,
      adminDisplayName: 'Sam',
      adminPassword: password,
    });

  it('sign-up: same status, body and cookies for a known and an unknown email', async () => {
    const fresh = uniqueEmail('fresh');
    const unknown = await signup(fresh);
    const known = await signup(a.email);
    expect(shape(known)).toEqual(shape(unknown));
    expect(known.body).toEqual(unknown.body);
    expect(unknown.status).toBe(202);
    expect(unknown.body.message).toMatch(/If this email address is new to Attune/);
    expect(shape(unknown).setsSession).toBe(false);
  });

  it('sign-up: the email tells each owner what happened; only the new one gets a practice', async () => {
    const fresh = uniqueEmail('fresh');
    await signup(fresh);
    await signup(b.email, 'quiet-harbor-pass');
    const mail = async (to: string, kind: string) =>
      (
        await db(app).query<{ body_text: string }[]>(
          `SELECT body_text FROM outbox_messages WHERE to_email = $1 AND kind = $2`,
          [to, kind],
        )
      )[0]?.body_text;
    expect(await mail(b.email, 'signup_existing')).toMatch(/already has an Attune account/);
    // b's only 'ready' mail is the one from creating b's own practice, not Quiet Harbor.
    expect(await mail(b.email, 'signup')).not.toMatch(/Quiet Harbor/);
    expect(await mail(fresh, 'signup')).toMatch(/is set up on Attune/);
    // The new admin signs in with the password chosen at sign-up, into the new practice.
    const owner = await anonymous(app);
    const me = await owner.post('/api/auth/login', { email: fresh, password: PASSWORD });
    expect(me.status).toBe(200);
    expect(me.body.practice.name).toBe('Quiet Harbor');
    expect(me.body.roles).toEqual(['admin']);
    // The known account is unchanged: its own password still works, the new one does not.
    const intruder = await anonymous(app);
    expect(
      (await intruder.post('/api/auth/login', { email: b.email, password: 'quiet-harbor-pass' }))
        .status,
    ).toBe(401);
    expect(
      (await (await anonymous(app)).post('/api/auth/login', { email: b.email, password: PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('sign-up: parallel sign-ups with one new email make one practice and answer alike', async () => {
    const email = uniqueEmail('race');
    const answers = await Promise.all(Array.from({ length: 5 }, () => signup(email)));
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([202]));
    expect(new Set(answers.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const [{ n }] = await db(app).query('SELECT count(*)::int AS n FROM users WHERE email = $1', [
      email,
    ]);
    expect(n).toBe(1);
    const [{ p }] = await db(app).query(
      `SELECT count(*)::int AS p FROM practices WHERE name = 'Quiet Harbor' AND id IN
         (SELECT practice_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1)`,
      [email],
    );
    expect(p).toBe(1);
  });

  it('sign-up: known and unknown emails take about the same time (both hash the password)', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t = Date.now();
      await signup(a.email);
      known.push(Date.now() - t);
      t = Date.now();
      await signup(uniqueEmail('timing'));
      unknown.push(Date.now() - t);
    }
    // Before, a known email answered 409 without hashing: many times faster than a new one.
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('invitation: an admin inviting someone with an account elsewhere gets the answer a new email gets', async () => {
    const invite = (email: string) =>
      a.caller.post('/api/invitations', {
        kind: 'member',
        email,
        displayName: 'Robin',
        roles: ['therapist'],
      });
    const unknown = await invite(uniqueEmail('new'));
    const known = await invite(b.email);
    expect(shape(known)).toEqual(shape(unknown));
    expect(known.status).toBe(201);
    const k = known.body as InvitationCreated;
    const u = unknown.body as InvitationCreated;
    expect({ ...k, id: '', link: '', email: '', createdAt: '', expiresAt: '' }).toEqual({
      ...u,
      id: '',
      link: '',
      email: '',
      createdAt: '',
      expiresAt: '',
    });
    // Both are listed as pending, alike.
    const pending = (await a.caller.get('/api/invitations')).body.items as { id: string }[];
    expect(pending.map((i) => i.id)).toEqual(expect.arrayContaining([k.id, u.id]));
    // Both links preview alike...
    const anon = await anonymous(app);
    const [pk, pu] = [
      await anon.get(`/api/invitations/${tokenOf(k)}`),
      await anon.get(`/api/invitations/${tokenOf(u)}`),
    ];
    expect(shape(pk)).toEqual(shape(pu));
    // ...and the owner learns what happened from the email, which carries no link.
    const [mail] = await db(app).query(
      `SELECT kind, body_text FROM outbox_messages WHERE to_email = $1 AND practice_id = $2`,
      [b.email, a.me.practice.id],
    );
    expect(mail.kind).toBe('invitation_existing');
    expect(mail.body_text).toMatch(/already has an Attune account/);
    expect(mail.body_text).not.toMatch(/\/invite\//);
    // The other practice's data is untouched: b still signs in to practice B only.
    expect((await b.caller.get('/api/auth/me')).body.practice.id).toBe(b.me.practice.id);
  });
});
