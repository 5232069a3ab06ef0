// Outbox care on the staff screen, for a desk clerk whose kiosk says "sending failed": the
// counts, storage use, last failure in plain words (no network, 401, 404), the export of
// everything still on the device (NDJSON and CSV files, captured as real downloads), and the
// refused records with "Send again" — against the real reference collector, in Simplified
// Chinese and English.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { freePort, startCollector, test, outboxIds } from './collector.mjs';
import { SHOTS, expectNoAxeViolations, signIn, watchConsole } from './helpers.mjs';

const T = {
  'zh-Hans': {
    kinds: ['投诉', '表扬'], cat: '服务', text: '请写下具体内容', submit: /提交/, consent: /我同意/, phone: '手机号码',
    sendNow: '立即发送', sendNowDone: '已开始发送。', ndjson: '下载 NDJSON', csv: '下载 CSV（Excel）',
    sendAgain: /^重新发送：意见箱，拒收于 \d{4}-\d\d-\d\d \d\d:\d\d$/, sendAll: '全部重新发送',
    caption: (n) => `被接收端拒收（${n} 条）`, none: '本设备上没有被拒收的回答。', requeued: '1 条回答已放回待发送队列，正在发送。',
    noNetwork: '本设备没有网络连接', unauthorized: '令牌', wrongAddress: '接收端地址不存在', unreachable: '无法连接到接收端',
    exported: (n) => new RegExp(`^已将 ${n} 条回答保存为 storevoice-lanting-xuhui-\\d{4}-\\d\\d-\\d\\d\\.(ndjson|csv)。$`),
    note: '只有仍待发送的回答包含联系方式', storageOf: /^\d+(\.\d)? [KMG]?B（共 \d+(\.\d)? [KMGT]?B）$/, none_yet: '本页面打开以来没有',
    feedbackKind: '意见箱', status: 'HTTP 状态码',
  },
  en: {
    kinds: ['Complaint', 'Praise'], cat: 'Service', text: 'Please tell us more', submit: /Send/, consent: /I agree/, phone: 'Mobile number',
    sendNow: 'Send now', sendNowDone: 'Sending started.', ndjson: 'Download NDJSON', csv: 'Download CSV (Excel)',
    sendAgain: /^Send again: Suggestion box, refused at \d{4}-\d\d-\d\d \d\d:\d\d$/, sendAll: 'Send all again',
    caption: (n) => `Refused by the endpoint (${n})`, none: 'No refused answers on this device.', requeued: '1 answer is back in the queue and being sent.',
    noNetwork: 'This device has no network connection', unauthorized: 'token', wrongAddress: 'Nothing at the endpoint address', unreachable: 'The endpoint cannot be reached',
    exported: (n) => new RegExp(`^${n} answers saved as storevoice-lanting-xuhui-\\d{4}-\\d\\d-\\d\\d\\.(ndjson|csv)\\.$`),
    note: 'Contact details are included only for answers still waiting to be sent', storageOf: /^\d+(\.\d)? [KMG]?B of \d+(\.\d)? [KMGT]?B$/, none_yet: 'none since this page was opened',
    feedbackKind: 'Suggestion box', status: 'HTTP status',
  },
};

/** No console errors from the app. The browser's own line for each failed request ("Failed
 *  to load resource: …") is what these scenarios cause on purpose, so it is left out. */
function appErrorsNone(w) {
  expect(w.errors.filter((e) => !/^Failed to load resource: /.test(e)), 'console errors').toEqual([]);
}

/** A store whose survey is the NPS question alone. */
const oneQuestion = (cfg) => {
  cfg.survey.questions = [{ ...cfg.survey.questions[0], auto_advance: false }];
  return cfg;
};

/** One suggestion-box entry in `lang`, with a phone number when `phone` is given (consent);
 *  returns its record id. Starts from the app's start page of `base`. */
async function feedback(page, base, lang, { phone, text, kind = 0 } = {}) {
  const t = T[lang];
  await page.goto(`${base}/?lang=${lang}&touchpoint=service-desk#/feedback`);
  await page.getByRole('radio', { name: new RegExp(`^${t.kinds[kind]}`) }).check();
  await page.getByRole('radio', { name: t.cat, exact: true }).check();
  await page.getByRole('textbox', { name: t.text }).fill(text ?? `=1+1 收银台, "太慢" ${lang}`);
  if (phone) {
    await page.getByRole('checkbox', { name: t.consent }).check();
    await page.getByRole('textbox', { name: t.phone }).fill(phone);
  }
  await page.getByRole('button', { name: t.submit }).click();
  const done = page.locator('section.thank-you');
  await expect(done).toBeVisible();
  return done.getAttribute('data-record-id');
}

/** One survey (NPS only) in `lang`; returns its record id. */
async function survey(page, base, lang, score) {
  await page.goto(`${base}/?lang=${lang}&touchpoint=exit-kiosk-1#/survey`);
  await page.getByRole('radio', { name: String(score), exact: true }).click();
  await page.getByRole('button', { name: T[lang].submit }).click();
  const done = page.locator('section.thank-you');
  await expect(done).toBeVisible();
  return done.getAttribute('data-record-id');
}

/** Opens the staff screen without reloading the page, so this page's sender (and what it
 *  knows of the last attempts) carries on, as at a kiosk where a clerk taps "Staff". */
async function staff(page) {
  await page.evaluate(() => { location.hash = '#/staff'; });
  await signIn(page);
}

/** Clicks `button` and returns the file it downloads: {name, text}. */
async function download(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

/** RFC 4180: CRLF records, quoted fields with "" for a quote. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The CSV as objects by header name (after checking the BOM). */
function csvRecords(bytes) {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

for (const lang of ['zh-Hans', 'en']) {
  const t = T[lang];

  test(`[${lang}] a dead endpoint: counts, storage use, why it fails, and the export holds every waiting record (NDJSON and CSV)`, async ({ page, context }) => {
    test.setTimeout(90_000);
    const dead = await freePort(); // nothing listens there: every send fails to connect
    const c = await startCollector({
      editConfig: (cfg) => { oneQuestion(cfg); cfg.endpoint.url = `http://127.0.0.1:${dead}/api/events`; return cfg; },
    });
    try {
      const w = watchConsole(page);
      const withContact = await feedback(page, c.url, lang, { phone: '13812345678' });
      const noContact = await feedback(page, c.url, lang, { kind: 1, text: '@SUM(A1) 很好' });
      const answer = await survey(page, c.url, lang, 9);
      const ids = [withContact, noContact, answer];
      expect(new Set(ids).size).toBe(3);

      await staff(page);
      await expect(page.locator('[data-field="pending"]')).toHaveText('3');
      await expect(page.locator('[data-field="rejected"]')).toHaveText('0');
      await expect(page.locator('[data-field="storage-use"]')).toHaveText(t.storageOf);
      await expect(page.locator('[data-field="persisted"]')).toHaveText(/^(是|否|yes|no)$/);
      await expect(page.locator('[data-field="last-success"]')).toHaveText(t.none_yet);
      // connection refused, while the browser is online: the endpoint cannot be reached
      await page.getByRole('button', { name: t.sendNow, exact: true }).click();
      await expect(page.locator('[data-field="outbox-said"]')).toHaveText(t.sendNowDone);
      await expect(page.locator('[data-field="last-failure"]')).toHaveAttribute('data-class', 'Network');
      await expect(page.locator('[data-field="send-problem"]')).toContainText(t.unreachable);
      await expect(page.locator('[data-field="rejected-none"]')).toHaveText(t.none);
      await expect(page.locator('[data-field="export-note"]')).toContainText(t.note);

      // no network at all: said so in plain words
      await context.setOffline(true);
      await page.getByRole('button', { name: t.sendNow, exact: true }).click();
      await expect(page.locator('[data-field="send-problem"]')).toContainText(t.noNetwork);
      await context.setOffline(false);

      await expectNoAxeViolations(page, `staff outbox (${lang})`);
      await page.screenshot({ path: `${SHOTS}/staff-outbox-dead-${lang}.png`, fullPage: true });

      // NDJSON: one line per record still on the device; contact details only for the one
      // with consent, decrypted
      const nd = await download(page, page.getByRole('button', { name: t.ndjson, exact: true }));
      expect(nd.name).toMatch(/^storevoice-lanting-xuhui-\d{4}-\d\d-\d\d\.ndjson$/);
      await expect(page.locator('[data-field="export-said"]')).toHaveText(t.exported(3));
      const lines = nd.bytes.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(lines.map((l) => l.id).sort()).toEqual([...ids].sort());
      for (const l of lines) {
        expect(l.outbox).toBe('pending');
        expect(l.event.id).toBe(l.id);
        expect(l.http_status).toBeNull();
      }
      const byId = Object.fromEntries(lines.map((l) => [l.id, l]));
      expect(byId[withContact].contact_note).toBe('included');
      expect(byId[withContact].event.data.contact.phone).toBe('13812345678');
      expect(byId[withContact].kind).toBe('feedback');
      expect(byId[noContact].contact_note).toBe('none');
      expect(byId[noContact].event.data.contact).toBeUndefined();
      expect(byId[answer].kind).toBe('survey');
      expect(byId[answer].event.data.scores.nps).toBe(9);
      expect(nd.bytes.toString('utf8').match(/13812345678/g)).toHaveLength(1);

      // CSV: BOM, RFC 4180 quoting, Chinese intact, formulas defused
      const csv = await download(page, page.getByRole('button', { name: t.csv, exact: true }));
      expect(csv.name).toMatch(/^storevoice-lanting-xuhui-\d{4}-\d\d-\d\d\.csv$/);
      const rows = csvRecords(csv.bytes);
      expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      const row = Object.fromEntries(rows.map((r) => [r.id, r]));
      expect(row[withContact].contact_phone).toBe('13812345678');
      expect(row[withContact].contact_note).toBe('included');
      expect(row[withContact].text).toBe(`'=1+1 收银台, "太慢" ${lang}`);
      expect(row[noContact].contact_phone).toBe('');
      expect(row[noContact].contact_note).toBe('none');
      expect(row[noContact].text).toBe("'@SUM(A1) 很好");
      expect(row[answer].nps).toBe('9');
      expect(csv.bytes.toString('utf8').match(/13812345678/g)).toHaveLength(1);

      // exporting deletes nothing
      expect((await outboxIds(page)).sort()).toEqual([...ids].sort());
      await expect(page.locator('[data-field="pending"]')).toHaveText('3');
      appErrorsNone(w);
    } finally {
      await c.stop();
    }
  });

  test(`[${lang}] a record the endpoint refuses (400) is listed with its reason; once fixed, "Send again" delivers it once with the same id`, async ({ page }) => {
    test.setTimeout(90_000);
    const c = await startCollector({ faults: 'refuse=1' });
    let back;
    try {
      const w = watchConsole(page);
      const id = await feedback(page, c.url, lang, { phone: '13912345678', text: '<b>不是粗体</b> & <script>x</script>' });
      await expect.poll(() => outboxIds(page, 'rejected'), { timeout: 20_000 }).toEqual([id]);
      await staff(page);
      await expect(page.locator('[data-field="rejected"]')).toHaveText('1');
      await expect(page.locator('[data-field="pending"]')).toHaveText('0');
      const table = page.getByRole('table', { name: t.caption(1) });
      await expect(table).toBeVisible();
      await expect(table.getByRole('columnheader', { name: t.status })).toBeVisible();
      const row = table.locator(`tr[data-id="${id}"]`);
      await expect(row.getByRole('cell', { name: t.feedbackKind, exact: true })).toBeVisible();
      await expect(row.locator('[data-field="status"]')).toHaveText('400');
      await expect(row.locator('[data-field="reason"]')).toContainText('injected fault: this event is refused');
      await expect(page.locator('[data-field="last-failure"]')).toHaveAttribute('data-class', 'Refused');
      await expectNoAxeViolations(page, `staff outbox with a refused record (${lang})`);
      await page.screenshot({ path: `${SHOTS}/staff-outbox-rejected-${lang}.png`, fullPage: true });

      // the export has it, without the contact details (deleted when it was refused), and says so
      const csv = csvRecords((await download(page, page.getByRole('button', { name: t.csv, exact: true }))).bytes);
      expect(csv).toHaveLength(1);
      expect(csv[0]).toMatchObject({ id, outbox: 'rejected', http_status: '400', contact_note: 'deleted-when-refused', contact_phone: '' });
      expect(csv[0].endpoint_reason).toContain('injected fault');
      expect(csv[0].text).toBe('<b>不是粗体</b> & <script>x</script>');

      // the endpoint is fixed: same port, same database, no fault
      await c.stop();
      back = await startCollector({ port: c.port, dir: c.dir });
      const again = page.getByRole('button', { name: t.sendAgain });
      await expect(again).toHaveCount(1);
      await again.focus();
      await page.keyboard.press('Enter'); // keyboard-operable
      await expect(page.locator('[data-field="outbox-said"]')).toHaveText(t.requeued);
      await expect(page.locator('[data-field="outbox-said"]')).toBeFocused();
      const events = await back.waitFor((evs) => evs.some((e) => e.id === id), 20_000);
      await expect(page.locator('[data-field="rejected-none"]')).toHaveText(t.none);
      await expect(page.locator('[data-field="rejected"]')).toHaveText('0');
      await expect(page.locator('[data-field="pending"]')).toHaveText('0');
      await expect(page.locator('[data-field="last-success"]')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      expect(await outboxIds(page, 'rejected')).toEqual([]);
      // exactly once, the same id, the text as typed (markup never interpreted)
      await page.waitForTimeout(1_000);
      const stored = (await back.events()).filter((e) => e.id === id);
      expect(stored).toHaveLength(1);
      const sent = events.find((e) => e.id === id).data;
      expect(sent.text).toBe('<b>不是粗体</b> & <script>x</script>');
      // its contact details were deleted with the refusal: it says they were lost
      expect(sent.consent).toBe(true);
      expect(sent.contact).toBeUndefined();
      expect(sent.contact_unreadable).toBe(true);
      appErrorsNone(w);
    } finally {
      await c.stop();
      if (back) await back.stop();
    }
  });

  test(`[${lang}] last failure in plain words: a refused token (401) and a wrong address (404)`, async ({ page }) => {
    test.setTimeout(60_000);
    const a = await startCollector({ token: 'right-token', editConfig: oneQuestion });
    try {
      await survey(page, a.url, lang, 7);
      await staff(page);
      await page.getByRole('button', { name: t.sendNow, exact: true }).click();
      await expect(page.locator('[data-field="last-failure"]')).toHaveAttribute('data-class', 'Unauthorized');
      await expect(page.locator('[data-field="last-failure"]')).toContainText('HTTP 401');
      await expect(page.locator('[data-field="send-problem"]')).toContainText(t.unauthorized);
    } finally {
      await a.stop();
    }
    const b = await startCollector({
      editConfig: (cfg) => { oneQuestion(cfg); cfg.endpoint.url = cfg.endpoint.url.replace('/api/events', '/api/evnets'); return cfg; },
    });
    try {
      await survey(page, b.url, lang, 8);
      await staff(page);
      await page.getByRole('button', { name: t.sendNow, exact: true }).click();
      await expect(page.locator('[data-field="last-failure"]')).toHaveAttribute('data-class', 'WrongAddress');
      await expect(page.locator('[data-field="last-failure"]')).toContainText('HTTP 404');
      await expect(page.locator('[data-field="send-problem"]')).toContainText(t.wrongAddress);
    } finally {
      await b.stop();
    }
  });
}
