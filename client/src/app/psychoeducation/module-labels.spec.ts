import { SIGN_TAGS } from '@attune/shared';
import { clientProgress, SIGN_TAG_OPTIONS, signTagLabel } from './module-labels';

describe('module labels', () => {
  it('offers every sign tag once, in the order @attune/shared lists them', () => {
    expect(SIGN_TAG_OPTIONS.map((o) => o.tag)).toEqual([...SIGN_TAGS]);
    expect(SIGN_TAG_OPTIONS.every((o) => o.label.length > 0)).toBe(true);
  });

  it('names a tag plainly, and shows an unknown one as it is', () => {
    expect(signTagLabel('procrastination')).toBe('Putting things off');
    expect(signTagLabel('something-new')).toBe('something-new');
  });

  it('tells a client how far they are, never as a percentage', () => {
    expect(clientProgress(0, 5)).toBe('Not started yet');
    expect(clientProgress(2, 5)).toBe("You've read 2 of 5 parts");
    expect(clientProgress(5, 5)).toBe("You've read all 5 parts");
    expect(clientProgress(1, 1)).toBe("You've read it");
  });
});
