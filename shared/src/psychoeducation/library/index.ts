/**
 * The built-in psychoeducation library. Every module was written for Attune, in plain words,
 * from the ideas in the project's background reading (credited in each module's further
 * reading). Order is a sensible reading order: foundations, origins, the nine signs, then
 * healing and support.
 */
import type { ModuleContent } from '../module-content.js';
import { allOrNothingThinking } from './all-or-nothing-thinking.js';
import { beingSeenUpClose } from './being-seen-up-close.js';
import { connectionOverPerfection } from './connection-over-perfection.js';
import { dwellingOnFlaws } from './dwelling-on-flaws.js';
import { fearOfMistakes } from './fear-of-mistakes.js';
import { goodEnough } from './good-enough.js';
import { lettingPraiseIn } from './letting-praise-in.js';
import { nervousSystemOnGuard } from './nervous-system-on-guard.js';
import { pleasingOthers } from './pleasing-others.js';
import { puttingThingsOff } from './putting-things-off.js';
import { ruptureAndRepair } from './rupture-and-repair.js';
import { sevenHealingPractices } from './seven-healing-practices.js';
import { stressInTheBody } from './stress-in-the-body.js';
import { theInnerCritic } from './the-inner-critic.js';
import { twoAttachmentPaths } from './two-attachment-paths.js';
import { whatHelps } from './what-helps.js';
import { whenLoveFeltEarned } from './when-love-felt-earned.js';
import { whenToSeekHelp } from './when-to-seek-help.js';

export const BUILTIN_MODULES: ModuleContent[] = [
  connectionOverPerfection,
  ruptureAndRepair,
  goodEnough,
  whenLoveFeltEarned,
  nervousSystemOnGuard,
  allOrNothingThinking,
  fearOfMistakes,
  dwellingOnFlaws,
  puttingThingsOff,
  lettingPraiseIn,
  theInnerCritic,
  pleasingOthers,
  stressInTheBody,
  beingSeenUpClose,
  twoAttachmentPaths,
  sevenHealingPractices,
  whatHelps,
  whenToSeekHelp,
];

/** The built-in module with this slug, if any. */
export function findBuiltinModule(slug: string): ModuleContent | undefined {
  return BUILTIN_MODULES.find((m) => m.slug === slug);
}
