import { bootApp, db } from './harness.js';
it('closing one app leaves another connected', async () => {
  const [a, b] = await Promise.all([bootApp(), bootApp()]);
  await Promise.all([a.listen(0, '127.0.0.1'), b.listen(0, '127.0.0.1')]);
  const c = await bootApp();
  console.log(db(a) === db(b), db(a) === db(c), db(b) === db(c));
  await c.close();
  console.log(db(a).isInitialized, db(b).isInitialized);
  await Promise.all([a.close(), b.close()]);
});
