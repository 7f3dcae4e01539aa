// End-to-end tests: Debian's Chromium driven by playwright-core, against a running server
// (Django serving the built SPA) at E2E_BASE_URL with the demo data of API.md loaded.
//
//   E2E_BASE_URL=http://127.0.0.1:8000 npm run e2e
//
// Prints one line per test and closes with "N passed, N failed"; exits 1 on any failure.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const BASE = process.env.E2E_BASE_URL?.replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'advocacy-demo';
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const only = process.env.E2E_ONLY; // run tests whose name contains this text

if (!BASE) {
  console.error('E2E_BASE_URL is not set (e.g. http://127.0.0.1:8000).');
  console.log('0 passed, 1 failed');
  process.exit(2);
}
mkdirSync(SCREENSHOTS, { recursive: true });

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function login(page, email, password = PASSWORD) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function loginAndLand(page, email) {
  await login(page, email);
  await page.waitForURL(/\/o\/demo\/?$/);
}

const tests = [
  {
    name: 'a wrong password shows an error and stays on the login page',
    async run(page) {
      await login(page, 'employee@demo.example', 'not-the-password');
      const alert = page.getByRole('alert').filter({ hasText: 'Could not log you in' });
      await alert.waitFor();
      const text = await alert.innerText();
      assert(!/[{}[\]]/.test(text), `error looks like a raw dump: ${text}`);
      assert(new URL(page.url()).pathname === '/login', `left the login page: ${page.url()}`);
    },
  },
  {
    name: 'an employee lands on their organisation without admin menus or admin pages',
    async run(page) {
      await loginAndLand(page, 'employee@demo.example');
      const me = await (await page.request.get(`${BASE}/api/v1/me`)).json();
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor();
      const firstName = (me.name || me.email).split(' ')[0];
      assert(
        (await heading.innerText()).includes(firstName),
        `home page does not greet ${firstName}`,
      );
      await page
        .getByText(me.name || me.email, { exact: false })
        .first()
        .waitFor();
      const role = await page.getByTestId('org-role').innerText();
      assert(role.toLowerCase() === 'employee', `org role shown as "${role}"`);
      assert((await page.getByTestId('admin-nav').count()) === 0, 'admin navigation is visible');
      assert(
        (await page.getByRole('link', { name: 'Settings' }).count()) === 0,
        'a Settings link is visible to an employee',
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'home-employee.png'), fullPage: true });

      await page.goto(`${BASE}/o/demo/admin/settings`);
      await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor();
      assert(
        (await page.getByRole('button', { name: 'Save settings' }).count()) === 0,
        'the settings form is shown to an employee',
      );
    },
  },
  {
    name: 'an admin changes the daily share cap, it persists and the audit log records it',
    async run(page) {
      await loginAndLand(page, 'admin@demo.example');
      await page.getByTestId('admin-nav').waitFor();
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL(/\/o\/demo\/admin\/settings$/);

      const cap = page.getByLabel(/^Daily share cap/);
      await cap.waitFor();
      const before = Number(await cap.inputValue());
      const after = (before % 50) + 1; // always different, always within 1..100
      await cap.fill(String(after));
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();

      await page.reload();
      await cap.waitFor();
      const persisted = await cap.inputValue();
      assert(persisted === String(after), `cap after reload is ${persisted}, expected ${after}`);
      await page.screenshot({ path: join(SCREENSHOTS, 'settings-admin.png'), fullPage: true });

      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.waitForURL(/\/admin\/audit$/);
      const table = page.getByRole('table');
      await table.waitFor();
      const firstRows = await table.locator('tbody tr').first().innerText();
      assert(
        (await table.innerText()).includes('daily_share_cap'),
        `audit log does not show the cap change; first row: ${firstRows}`,
      );
      await page.getByRole('button', { name: 'Verify chain' }).click();
      const result = page.getByTestId('verify-result');
      await result.waitFor();
      const verdict = await result.innerText();
      assert(/ok/i.test(verdict) && !/broken/i.test(verdict), `verification said: ${verdict}`);
      await page.screenshot({ path: join(SCREENSHOTS, 'audit-admin.png'), fullPage: true });
    },
  },
  {
    name: 'an admin invites someone, sees the pending invitation and revokes it',
    async run(page) {
      await loginAndLand(page, 'admin@demo.example');
      await page.getByRole('link', { name: 'Invitations' }).click();
      await page.waitForURL(/\/admin\/invitations$/);
      const email = `e2e-${Date.now()}@demo.example`;
      const form = page.getByRole('form', { name: 'Invite someone' });
      await form.getByLabel(/^Email/).fill(email);
      await form.getByRole('button', { name: 'Send invitation' }).click();
      await page.getByText(`Invitation sent to ${email}.`).waitFor();
      const row = page.getByRole('row').filter({ hasText: email });
      await row.getByText('pending').waitFor();
      await row.getByRole('button', { name: `Revoke the invitation for ${email}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
      await row.getByText('revoked').waitFor();
    },
  },
  {
    name: 'the shell works at phone width',
    viewport: { width: 390, height: 844 },
    async run(page) {
      await loginAndLand(page, 'admin@demo.example');
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await page.getByRole('link', { name: 'Members' }).click();
      await page.waitForURL(/\/admin\/members$/);
      await page.getByRole('heading', { name: 'Members' }).waitFor();
      await page.getByText('employee@demo.example').first().waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: join(SCREENSHOTS, 'members-phone.png'), fullPage: true });
    },
  },
  {
    name: 'logging out returns to the login page and ends the session',
    async run(page) {
      await loginAndLand(page, 'admin@demo.example');
      await page.getByRole('button', { name: /account menu/i }).click();
      await page.getByRole('menuitem', { name: 'Log out' }).click();
      await page.waitForURL(/\/login/);
      await page.getByRole('button', { name: 'Log in' }).waitFor();
      await page.goto(`${BASE}/o/demo`);
      await page.waitForURL(/\/login\?next=/);
    },
  },
];

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

let passed = 0;
let failed = 0;
for (const test of tests) {
  if (only && !test.name.includes(only)) continue;
  const context = await browser.newContext({
    viewport: test.viewport ?? { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  const started = Date.now();
  try {
    await test.run(page);
    assert(consoleErrors.length === 0, `uncaught errors in the page: ${consoleErrors.join('; ')}`);
    passed += 1;
    console.log(`ok   ${test.name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed += 1;
    const shot = join(SCREENSHOTS, `failed-${passed + failed}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    console.log(`FAIL ${test.name} (${Date.now() - started} ms)`);
    console.log(
      `     ${String(error?.message ?? error)
        .split('\n')
        .join('\n     ')}`,
    );
    console.log(`     at ${page.url()}; screenshot ${shot}`);
  } finally {
    await context.close();
  }
}
await browser.close();

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
