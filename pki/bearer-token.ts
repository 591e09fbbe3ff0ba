/**
 * A kubeconfig's bearer token (`users[].user.token`), as client-go sends it:
 * `Authorization: Bearer <token>`, one header line. A token file with two
 * lines, spaces, control or non-ASCII bytes, or a PEM block is the wrong file
 * or a damaged copy, and the API server would answer 401 at Pilot's first
 * request, long after the install. The problems never quote the token.
 */
export type BearerTokenCheck =
  | { readonly token: string }
  | { readonly problem: string; readonly allowed: string; readonly hint: string };

const ALLOWED = 'one line of printable ASCII without spaces, such as the JWT of a service-account token';
const HINT = 'read `data.token` of the istio-multi-token Secret on the remote and base64-decode it: `kubectl get secret istio-multi-token -o jsonpath={.data.token} | base64 -d`';

export function checkBearerToken(text: string): BearerTokenCheck {
  // The newline an editor or `echo` puts at the end of a file is not part of the token.
  const token = text.replace(/\r?\n$/, '');
  const fail = (problem: string, hint = HINT) => ({ problem, allowed: ALLOWED, hint });
  if (token.trim() === '') {
    return fail('is empty');
  }
  if (token.includes('-----BEGIN ')) {
    return fail('is a PEM block (a certificate or a key), not a token', 'the CA certificate goes to --ca-file; give the token file to --token-file');
  }
  // Any character outside printable ASCII and plain whitespace: bytes of a binary file
  // (read as UTF-8, they become U+FFFD) or control characters.
  if (/[^\x20-\x7e\r\n\t]/.test(token)) {
    return fail('holds binary data or characters outside printable ASCII');
  }
  const lines = token.split(/\r?\n/).length;
  if (lines > 1) {
    return fail(`holds ${lines} lines, not one`);
  }
  if (/[ \t]/.test(token)) {
    return fail('holds spaces or tabs', 'give the token alone: no "Bearer " prefix, no spaces around it');
  }
  return { token };
}
