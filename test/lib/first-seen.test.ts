import { FirstSeen } from '../../lib/first-seen';

describe('FirstSeen', () => {
  test('answers a repeat with where the key was first seen, and nothing the first time', () => {
    // GIVEN
    const seen = new FirstSeen<number>();
    // WHEN / THEN
    expect(seen.earlier('a', 0)).toBeUndefined();
    expect(seen.earlier('b', 1)).toBeUndefined();
    expect(seen.earlier('a', 2)).toBe(0);
    expect(seen.earlier('a', 3)).toBe(0);
  });
});
