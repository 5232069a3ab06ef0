// PBKDF2-HMAC-SHA256 through WebCrypto, for the staff PIN check (src/web/staff.rs). What the
// result means (constant-time compare with the config's hash) is decided in Rust.

/** Derives 256 bits from `pin` (UTF-8) and the base64 `salt`; rejects when WebCrypto is missing. */
export async function pbkdf2Sha256(pin, saltB64, iterations) {
  if (!globalThis.crypto || !crypto.subtle) throw new Error('WebCrypto is not available (page not opened over https)');
  const salt = Uint8Array.from(atob(saltB64), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}
