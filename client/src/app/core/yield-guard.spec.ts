import { ActivatedRouteSnapshot, RouterStateSnapshot } from '@angular/router';
import { yieldToBrowser } from './yield-guard';

describe('yieldToBrowser', () => {
  it('lets the page through, but only after a task of its own', async () => {
    let settled = false;
    const answer = Promise.resolve(
      yieldToBrowser({} as ActivatedRouteSnapshot, {} as RouterStateSnapshot),
    ).then((v) => {
      settled = true;
      return v;
    });
    // Promise jobs alone (all microtasks queued so far) do not let it through.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(settled).toBe(false);
    expect(await answer).toBe(true);
  });
});
