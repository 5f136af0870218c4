/**
 * The articles the built-in modules draw on, credited by author and title. Long titles are
 * given in their short form (the part before the subtitle). Two further books named in those
 * articles are included where a module leans on their ideas.
 */
import type { FurtherReading } from '../module-content.js';

export const RAO: FurtherReading = {
  author: 'Grace Rao, LMSW',
  title: 'Connection over Perfection in the Parent-Child Relationship',
  note: 'On mistakes, repair, and the nervous system in parenting.',
};

export const MAYO: FurtherReading = {
  author: 'Holly Mayo',
  title: 'Focusing on Connection Over Perfection',
  note: 'On the "good enough" parent, repair, and self-compassion.',
};

export const PAPA: FurtherReading = {
  author: 'Kristin M. Papa, LCSW',
  title: 'Perfectionism as a Trauma Response',
  note: 'On childhood roots, nine signs, and seven healing practices.',
};

export const ATTACHMENT: FurtherReading = {
  author: 'Author not named',
  title: 'Attachment and Perfectionism',
  note: 'On conditional love and the avoidant and anxious paths.',
};

export const TRONICK_GOLD: FurtherReading = {
  author: 'Edward Tronick and Claudia M. Gold',
  title: 'The Power of Discord',
  note: 'A book on why falling out of step and repairing builds trust.',
};

export const HUGHES_BAYLIN: FurtherReading = {
  author: 'Daniel A. Hughes and Jonathan Baylin',
  title: 'Brain-Based Parenting',
  note: 'A book on the brain science of caring for a child.',
};

export const NEFF: FurtherReading = {
  author: 'Kristin Neff',
  title: 'Self-Compassion',
  note: 'A book on treating yourself with the kindness you offer others.',
};
