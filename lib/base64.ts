const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Standard base64 (RFC 4648 section 4) read strictly, as Kubernetes writes a
 * Secret's data: only the standard alphabet, padding to a multiple of four,
 * and no stray bits in the last character. Node's Buffer.from(text, 'base64')
 * skips whatever it does not know, so a damaged value would decode into
 * garbage instead of failing. Undefined when the text is not such base64.
 */
export function decodeStrictBase64(text: string): Buffer | undefined {
  if (!STRICT_BASE64.test(text)) {
    return undefined;
  }
  const bytes = Buffer.from(text, 'base64');
  // Re-encoding catches a last character whose unused bits are not zero.
  return bytes.toString('base64') === text ? bytes : undefined;
}
