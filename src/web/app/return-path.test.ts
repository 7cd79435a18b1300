import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.ts';

describe('safeReturnPath', () => {
  it('returns to a page on this site, keeping its query', () => {
    expect(safeReturnPath('/profile')).toBe('/profile');
    expect(safeReturnPath('/settings?tab=data')).toBe('/settings?tab=data');
  });

  it('refuses anything that could leave the site', () => {
    expect(safeReturnPath('//evil.example/profile')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(safeReturnPath('https://evil.example')).toBeNull();
    expect(safeReturnPath('javascript:alert(1)')).toBeNull();
  });

  it('ignores an empty value and the sign-in pages themselves', () => {
    expect(safeReturnPath(null)).toBeNull();
    expect(safeReturnPath('')).toBeNull();
    expect(safeReturnPath('/sign-in')).toBeNull();
    expect(safeReturnPath('/sign-up?next=/x')).toBeNull();
  });
});
