import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RecoveryCodesResponse, TotpEnrolment } from '@attune/shared';
import { generate } from 'otplib';
import { type Caller, db } from './harness.js';

/** The current TOTP code of a secret (what the person's authenticator app shows now). */
export function totp(secret: string, offsetSeconds = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
}

/**
 * As if the next 30 seconds had passed for this user: the step last used moves back, so the
 * current code counts as fresh (tests cannot wait for the clock; replay has its own tests).
 */
export async function nextStep(app: NestFastifyApplication, userId: string): Promise<void> {
  await db(app).query(
    'UPDATE user_mfa SET last_time_step = last_time_step - 3 WHERE user_id = $1',
    [userId],
  );
}

/** Sets up a second step for a signed-in caller: the secret and the ten recovery codes. */
export async function enrol(
  caller: Caller,
): Promise<{ secret: string; recoveryCodes: string[]; enrolment: TotpEnrolment }> {
  const start = await caller.post('/api/auth/mfa/totp');
  if (start.status !== 201) throw new Error(`enrol: ${start.status} ${JSON.stringify(start.body)}`);
  const enrolment = start.body as TotpEnrolment;
  const done = await caller.post('/api/auth/mfa/totp/verify', {
    code: await totp(enrolment.secret),
  });
  if (done.status !== 200)
    throw new Error(`enrol verify: ${done.status} ${JSON.stringify(done.body)}`);
  return {
    secret: enrolment.secret,
    recoveryCodes: (done.body as RecoveryCodesResponse).recoveryCodes,
    enrolment,
  };
}

/** Makes the caller's session's last step-up older than the 10-minute window. */
export async function staleStepUp(app: NestFastifyApplication, userId: string): Promise<void> {
  await db(app).query(
    `UPDATE auth_sessions SET stepped_up_at = now() - interval '11 minutes' WHERE user_id = $1`,
    [userId],
  );
}
