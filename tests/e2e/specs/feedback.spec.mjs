// Suggestion box: every kind in two languages, consent and contact details (stored apart,
// encrypted, sent only with consent), PII in the text, input methods, a 100 KB paste, and
// markup kept as text — checked against what the real collector received.
import { expect } from '@playwright/test';
import { test, delivered, outboxEntries, outboxIds } from './collector.mjs';
import { SHOTS, expectNoAxeViolations, referenceNumber, watchConsole } from './helpers.mjs';


const REF = /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]$/;

const L = {
  en: { kinds: ['Complaint', 'Praise', 'Suggestion', 'Question'], cat: 'Service', text: 'Please tell us more', send: /Send/, ref: 'Your reference number', consent: /I agree/ },
  'zh-Hans': { kinds: ['投诉', '表扬', '建议', '咨询'], cat: '服务', text: '请写下具体内容', send: /提交/, ref: '您的处理编号', consent: /我同意/ },
};
const KINDS = ['complaint', 'praise', 'suggestion', 'question'];

for (const lang of ['en', 'zh-Hans']) {
  for (const [i, kind] of KINDS.entries()) {
    test(`${kind} end to end in ${lang}`, async ({ page, collector }) => {
      const w = watchConsole(page);
      const t = L[lang];
      await page.goto(`${collector.url}/?lang=${lang}&touchpoint=qr-fitting-rooms#/feedback`);
      await page.getByRole('radio', { name: new RegExp(`^${t.kinds[i]}`) }).check();
      await page.getByRole('radio', { name: t.cat, exact: true }).check();
      const text = `${kind} ${lang}: 试衣间排队 ✨ e\u0301`;
      await page.getByRole('textbox', { name: t.text }).fill(text);
      if (i === 0 && lang === 'en') {
        await expectNoAxeViolations(page, 'feedback form');
        await page.screenshot({ path: `${SHOTS}/feedback-form-en.png`, fullPage: true });
      }
      await page.getByRole('button', { name: t.send }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const shown = await referenceNumber(page, t.ref).textContent();
      expect(shown).toMatch(REF);
      await expect(page.getByRole('img', { name: new RegExp(shown) })).toBeVisible();
      if (i === 0) {
        await page.screenshot({ path: `${SHOTS}/feedback-thanks-${lang}.png`, fullPage: true });
        await expectNoAxeViolations(page, 'feedback thank-you');
      }
      const { record, event } = await delivered(page, collector);
      expect(event.type).toBe('storevoice.feedback.v1');
      expect(event.source).toBe('/stores/lanting-xuhui/touchpoints/qr-fitting-rooms');
      expect(record).toMatchObject({ kind: 'feedback', feedback_kind: kind, category: 'service', text, reference: shown, language: lang, consent: false });
      expect(record.contact).toBeUndefined();
      w.check();
    });
  }
}

test('required parts are explained, and a customer without consent keeps no contact data', async ({ page, collector }) => {
  await page.goto(`${collector.url}/?lang=en#/feedback`);
  await page.getByRole('button', { name: /Send/ }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Please choose complaint, praise, suggestion or question.');
  await expect(alert).toContainText('Please choose what it is about.');
  await expect(alert).toContainText('Please write what you would like to tell us.');
  // contact fields appear only after consent, and vanish (with their contents) without it
  await expect(page.getByRole('textbox', { name: 'Mobile number' })).toHaveCount(0);
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('textbox', { name: 'Mobile number' }).fill('13812345678');
  await page.getByRole('checkbox', { name: /I agree/ }).uncheck();
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await expect(page.getByRole('textbox', { name: 'Mobile number' })).toHaveValue('');
  await page.getByRole('checkbox', { name: /I agree/ }).uncheck();

  await page.getByRole('radio', { name: /^Suggestion/ }).check();
  await page.getByRole('radio', { name: 'Environment and facilities', exact: true }).check();
  await page.getByRole('textbox', { name: 'Please tell us more' }).fill('More benches near the lifts');
  await page.getByRole('button', { name: /Send/ }).click();
  const { record } = await delivered(page, collector);
  expect(record.consent).toBe(false);
  expect(record.contact).toBeUndefined();
  expect(JSON.stringify(record)).not.toContain('13812345678');
});

test('with consent: validated contact details, stored apart and encrypted, sent, then deleted', async ({ page, context, collector }) => {
  await page.goto(`${collector.url}/?lang=en#/feedback`);
  await page.getByRole('radio', { name: /^Complaint/ }).check();
  await page.getByRole('radio', { name: 'Service', exact: true }).check();
  await page.getByRole('textbox', { name: 'Please tell us more' }).fill('Nobody at the fitting rooms for 20 minutes');
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('textbox', { name: 'Name (optional)', exact: true }).fill('Li Lei');
  await page.getByRole('textbox', { name: 'Mobile number' }).fill('12345');
  await page.getByRole('textbox', { name: 'Email' }).fill('li.lei@');
  await page.getByRole('radio', { name: 'Email', exact: true }).check();
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.getByRole('alert')).toContainText("That mobile number doesn't look right");
  await expect(page.getByRole('alert')).toContainText("That email address doesn't look right");
  await expect(page.getByRole('textbox', { name: 'Mobile number' })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'feedback with errors');
  await page.screenshot({ path: `${SHOTS}/feedback-errors-en.png`, fullPage: true });

  await page.getByRole('textbox', { name: 'Mobile number' }).fill('+86 138 1234 5678');
  await page.getByRole('textbox', { name: 'Email' }).fill('li.lei@example.com');
  // hand in while offline, so the stored form can be inspected before it is sent
  await context.setOffline(true);
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(referenceNumber(page, 'Your reference number')).toBeVisible();
  const [pending] = await outboxEntries(page);
  expect(pending.has_contact).toBe(true);
  expect(pending.event).not.toContain('13812345678');
  expect(pending.event).not.toContain('li.lei');
  const sealed = await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('storevoice-outbox');
    req.onsuccess = () => {
      const get = req.result.transaction(['contacts']).objectStore('contacts').getAll();
      get.onsuccess = () => resolve(get.result.map((r) => ({ id: r.id, bytes: Array.from(new Uint8Array(r.sealed)) })));
    };
  }));
  expect(sealed).toHaveLength(1);
  expect(sealed[0].id).toBe(pending.id);
  expect(Buffer.from(sealed[0].bytes).toString('latin1')).not.toContain('13812345678');
  await context.setOffline(false);

  const { record } = await delivered(page, collector);
  expect(record.consent).toBe(true);
  expect(record.contact).toEqual({ name: 'Li Lei', phone: '13812345678', email: 'li.lei@example.com', channel: 'email' });
  await expect.poll(() => outboxIds(page, 'contacts'), { timeout: 15_000 }).toEqual([]);
});

test('a save that failed, then consent withdrawn and sent again: the older copy with contact details is never stored or sent', async ({ page, collector }) => {
  test.setTimeout(60_000);
  const posted = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/api/events')) posted.push(r.postData() ?? ''); });
  await page.goto(`${collector.url}/?lang=en#/feedback`);
  await expect(page.getByRole('radio', { name: /^Complaint/ })).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: collector.url, quotaSize: 1 });
  await page.getByRole('radio', { name: /^Complaint/ }).check();
  await page.getByRole('radio', { name: 'Service', exact: true }).check();
  await page.getByRole('textbox', { name: 'Please tell us more' }).fill('Nobody at the fitting rooms for 20 minutes');
  await page.getByRole('checkbox', { name: /I agree/ }).check();
  await page.getByRole('textbox', { name: 'Mobile number' }).fill('13812345678');
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.getByRole('alert')).toContainText('could not be stored on this device yet');
  // Space is back; the customer thinks better of it, withdraws consent and sends again.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: collector.url });
  await page.getByRole('checkbox', { name: /I agree/ }).uncheck();
  await page.getByRole('button', { name: /Send/ }).click();
  const { record, event } = await delivered(page, collector);
  expect(record.consent).toBe(false);
  expect(record.contact).toBeUndefined();
  // Past the next write-again of answers kept in memory (every 5 s): the first copy, with
  // the phone number, must not come back.
  await page.waitForTimeout(7_000);
  await expect.poll(() => outboxIds(page, 'contacts')).toEqual([]);
  expect(posted.length).toBeGreaterThan(0);
  expect(posted.filter((body) => body.includes('13812345678'))).toEqual([]);
  const mine = (await collector.waitFor((evs) => evs.length >= 1)).filter((e) => e.id === event.id);
  expect(mine).toHaveLength(1);
  expect(JSON.stringify(mine[0])).not.toContain('13812345678');
});

test('a phone number or email in the text is pointed out, and can be moved to the contact fields', async ({ page, collector }) => {
  await page.goto(`${collector.url}/?lang=zh-Hans#/feedback`);
  const box = page.getByRole('textbox', { name: '请写下具体内容' });
  await box.fill('请回电 138 1234 5678 或发邮件 li@example.cn 谢谢');
  await expect(page.getByRole('status').filter({ hasText: '似乎有电话号码或邮箱' })).toBeVisible();
  await page.getByRole('button', { name: '移到联系方式' }).click();
  // consent is the customer's own tick: the move waits for it (inclusion.spec covers the focus)
  await expect(page.getByRole('checkbox', { name: /我同意/ })).not.toBeChecked();
  await expect(box).toHaveValue('请回电 138 1234 5678 或发邮件 li@example.cn 谢谢');
  await page.getByRole('checkbox', { name: /我同意/ }).check();
  await expect(page.getByRole('textbox', { name: '手机号码' })).toHaveValue('13812345678');
  await expect(page.getByRole('textbox', { name: '电子邮箱' })).toHaveValue('li@example.cn');
  await expect(box).toHaveValue('请回电  或发邮件  谢谢');
  // the other way: remove from the text
  await page.getByRole('checkbox', { name: /我同意/ }).uncheck();
  await box.fill('电话13900001111');
  await page.getByRole('button', { name: '从文字中删除' }).click();
  await expect(box).toHaveValue('电话');
});

test('Enter that confirms an input-method candidate never sends; neither does Enter in a field', async ({ page, collector }) => {
  await page.goto(`${collector.url}/?lang=zh-Hans#/feedback`);
  await page.getByRole('radio', { name: /^建议/ }).check();
  await page.getByRole('radio', { name: '服务', exact: true }).check();
  await page.getByRole('textbox', { name: '请写下具体内容' }).fill('已经填好的内容');
  await page.getByRole('checkbox', { name: /我同意/ }).check();
  const name = page.getByRole('textbox', { name: '称呼（选填）' });
  await name.focus();
  // an IME composing 李 and confirming the candidate with Enter, as Chromium reports it
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'li', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
  await cdp.send('Input.insertText', { text: '李' });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
  await expect(name).toHaveValue('李');
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: '手机号码' }).press('Enter');
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/#\/feedback$/);
  expect(await outboxIds(page)).toEqual([]);
  expect(await collector.events().then((e) => e.filter((x) => x.data.text === '已经填好的内容'))).toEqual([]);
});

test('a 100 KB paste is counted and refused with a reason, without freezing', async ({ page, collector }) => {
  await page.goto(`${collector.url}/?lang=en#/feedback`);
  await page.getByRole('radio', { name: /^Praise/ }).check();
  await page.getByRole('radio', { name: 'Products', exact: true }).check();
  const big = '好'.repeat(100 * 1024);
  const box = page.getByRole('textbox', { name: 'Please tell us more' });
  await box.fill(big);
  await expect(page.getByText('102400 of 1000 characters')).toBeVisible();
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.getByRole('alert')).toContainText('Please keep it to 1000 characters.');
  // the page still answers at once
  await box.fill('好'.repeat(1000));
  await expect(page.getByText('1000 of 1000 characters')).toBeVisible();
  await page.getByRole('button', { name: /Send/ }).click();
  const { record } = await delivered(page, collector);
  expect([...record.text].length).toBe(1000);
});

test('markup in the text stays text, exactly as typed', async ({ page, collector }) => {
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.goto(`${collector.url}/?lang=en#/feedback`);
  await page.getByRole('radio', { name: /^Question/ }).check();
  await page.getByRole('radio', { name: 'Other', exact: true }).check();
  const text = '<img src=x onerror=alert(1)> <b>bold</b> & "quotes" 👍🏽 中文';
  await page.getByRole('textbox', { name: 'Please tell us more' }).fill(text);
  await page.getByRole('button', { name: /Send/ }).click();
  const { record } = await delivered(page, collector);
  expect(record.text).toBe(text);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});
