import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Works from src/ (tests) and from dist/server/src/ (built): walk up to the repository root.
export const REPO_ROOT = here.includes(`${'/dist/'}`)
  ? resolve(here.slice(0, here.indexOf('/server/dist/')))
  : resolve(here, '../../..');
