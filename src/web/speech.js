// The Web Speech API for the read-aloud control (src/web/speech.rs). Which voice reads what
// is decided in Rust (src/speech.rs); this lists the voices and speaks.

const synth = () => globalThis.speechSynthesis ?? null;

/** The device's voices now (may be empty until `voiceschanged`). */
export function voiceList() {
  const s = synth();
  try { return s ? Array.from(s.getVoices() ?? []) : []; } catch { return []; }
}

/** Calls `cb` whenever the voices change; returns the function that stops it. */
export function watchVoices(cb) {
  const s = synth();
  if (!s || typeof s.addEventListener !== 'function') return () => {};
  s.addEventListener('voiceschanged', cb);
  return () => s.removeEventListener('voiceschanged', cb);
}

/** Stops what is being read and reads `items` ({text, lang, uri}) in order at `rate`; calls
 *  `done` once, when the last one ends or fails. False when the browser cannot speak. */
export function speak(items, rate, done) {
  const s = synth();
  if (!s || typeof SpeechSynthesisUtterance !== 'function' || items.length === 0) return false;
  let called = false;
  const finish = () => { if (!called) { called = true; done(); } };
  try {
    s.cancel();
    const voices = Array.from(s.getVoices() ?? []);
    items.forEach((it, i) => {
      const u = new SpeechSynthesisUtterance(it.text);
      u.lang = it.lang;
      u.rate = rate;
      const v = voices.find((x) => x.voiceURI === it.uri);
      if (v) u.voice = v;
      if (i === items.length - 1) {
        u.addEventListener('end', finish);
        u.addEventListener('error', finish);
      }
      s.speak(u);
    });
    return true;
  } catch {
    // A browser that refuses (no speech service): nothing is read, the button stays released.
    try { s.cancel(); } catch { /* nothing to stop */ }
    return false;
  }
}

export function cancel() {
  try { synth()?.cancel(); } catch { /* nothing to stop */ }
}
