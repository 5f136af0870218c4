import { hours } from './utilisation';

describe('utilisation hours', () => {
  it('shows minutes as hours with one decimal, rounded to the nearest six minutes', () => {
    expect(hours(1530)).toBe('25.5');
    expect(hours(0)).toBe('0.0');
    expect(hours(50)).toBe('0.8');
    expect(hours(2)).toBe('0.0');
    expect(hours(60 * 40)).toBe('40.0');
  });
});
