import { generate } from 'otplib';
import { checkTotp, newTotpSecret, otpauthUrl, qrCodeDataUrl, TotpSecrets } from './totp.js';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = Math.floor(Date.now() / 1000);
  const at = (offsetS: number) => generate({ secret, epoch: now + offsetS });

  it('accepts the current step and one either side, and nothing further', async () => {
    expect((await checkTotp(secret, await at(0), null)).valid).toBe(true);
    expect((await checkTotp(secret, await at(-30), null)).valid).toBe(true);
    expect((await checkTotp(secret, await at(30), null)).valid).toBe(true);
    expect(await checkTotp(secret, await at(-90), null)).toEqual({ valid: false, replayed: false });
    expect(await checkTotp(secret, await at(90), null)).toEqual({ valid: false, replayed: false });
    expect(await checkTotp(secret, 'abcdef', null)).toEqual({ valid: false, replayed: false });
  });

  it('refuses a code of a step already used (replay)', async () => {
    const first = await checkTotp(secret, await at(0), null);
    if (!first.valid) throw new Error('expected a valid code');
    expect(await checkTotp(secret, await at(0), first.timeStep)).toEqual({
      valid: false,
      replayed: true,
    });
    expect((await checkTotp(secret, await at(30), first.timeStep)).valid).toBe(true);
  });

  it('keeps secrets sealed under the session secret', () => {
    const box = new TotpSecrets('s'.repeat(64));
    const sealed = box.seal(secret);
    expect(sealed.toString('utf8')).not.toContain(secret);
    expect(box.open(sealed)).toBe(secret);
    expect(new TotpSecrets('t'.repeat(64)).open(sealed)).toBeNull();
  });

  it('draws the QR code locally as an SVG data URL', async () => {
    const url = otpauthUrl(secret, 'sam@example.org');
    expect(url).toMatch(
      /^otpauth:\/\/totp\/Attune:sam%40example\.org\?secret=[A-Z2-7]+&issuer=Attune$/,
    );
    const qr = await qrCodeDataUrl(url);
    expect(qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qr.split(',')[1]!, 'base64').toString()).toMatch(/^<svg /);
  });
});
