import { checkBearerToken } from '../../pki/bearer-token';

// A made-up token, assembled at run time so no token-looking literal sits in the repository.
const TOKEN = ['eyJfake', 'bearer', 'token-for-tests'].join('.');

describe('checkBearerToken', () => {
  test('accepts one line of printable ASCII, without the trailing newline of its file', () => {
    expect(checkBearerToken(TOKEN)).toEqual({ token: TOKEN });
    expect(checkBearerToken(`${TOKEN}\n`)).toEqual({ token: TOKEN });
    expect(checkBearerToken(`${TOKEN}\r\n`)).toEqual({ token: TOKEN });
  });

  test.each([
    ['it is empty', '', 'is empty'],
    ['it is only blank', ' \n', 'is empty'],
    ['it holds two lines', `${TOKEN}\n${TOKEN}`, 'holds 2 lines, not one'],
    ['it ends in two newlines', `${TOKEN}\n\n`, 'holds 2 lines, not one'],
    ['it holds a space', `Bearer ${TOKEN}`, 'holds spaces or tabs'],
    ['it has a leading space', ` ${TOKEN}`, 'holds spaces or tabs'],
    ['it holds a tab', `${TOKEN}\t`, 'holds spaces or tabs'],
    ['it holds binary bytes read as UTF-8', `${TOKEN}\ufffd`, 'holds binary data or characters outside printable ASCII'],
    ['it holds a control character', `${TOKEN}\u0000`, 'holds binary data or characters outside printable ASCII'],
    ['it holds non-ASCII letters', `tokén`, 'holds binary data or characters outside printable ASCII'],
    ['it is a PEM certificate', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'is a PEM block (a certificate or a key), not a token'],
  ])('fails when %s, without quoting it', (_, text, problem) => {
    const check = checkBearerToken(text);
    expect(check).toMatchObject({ problem, allowed: expect.stringContaining('one line of printable ASCII') });
    if (text.trim() !== '') {
      expect(JSON.stringify(check)).not.toContain(text.trim().slice(0, 8));
    }
  });
});
