import { decodeStrictBase64 } from '../../lib/base64';

describe('decodeStrictBase64', () => {
  test('decodes standard, padded base64', () => {
    // GIVEN the three padding cases
    // THEN each decodes to its bytes
    expect(decodeStrictBase64('dG9rZW4=')?.toString()).toBe('token');
    expect(decodeStrictBase64('dG9r')?.toString()).toBe('tok');
    expect(decodeStrictBase64('dG8=')?.toString()).toBe('to');
    expect(decodeStrictBase64('dA==')?.toString()).toBe('t');
    expect(decodeStrictBase64('')?.length).toBe(0);
  });

  test.each([
    ['missing padding', 'dG9rZW4'],
    ['the base64url alphabet', 'a-_b'],
    ['a character outside both alphabets', 'dG9r!W4='],
    ['whitespace inside', 'dG9r ZW4='],
    ['a trailing newline', 'dG9rZW4=\n'],
    ['padding in the middle', 'dA==dA=='],
    ['non-zero bits after the last byte', 'dB=='],
  ])('fails when the text has %s', (_, text) => {
    expect(decodeStrictBase64(text)).toBeUndefined();
  });
});
