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

/** Runs `action` and waits for the API call it makes; fails on an error status. */
async function expectCall(page, method, urlPart, action) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(urlPart) && r.request().method() === method),
    action(),
  ]);
  assert(response.ok(), `${method} ${urlPart} answered ${response.status()}`);
  return response;
}

async function loginAndLand(page, email) {
  await login(page, email);
  await page.waitForURL(/\/o\/demo\/?$/);
}

/**
 * The connect flow's URLs are built from the server's FRONTEND_URL. When that names another
 * origin than E2E_BASE_URL (e.g. a server started without FRONTEND_URL), send the browser
 * to the same path on the server under test instead, keeping its session.
 */
async function followForeignConnectRedirects(page) {
  const base = new URL(BASE);
  await page.route(
    (url) =>
      url.origin !== base.origin &&
      /^https?:$/.test(url.protocol) &&
      (url.pathname.startsWith('/api/v1/connections/') ||
        url.pathname.startsWith('/o/') ||
        url.searchParams.has('connect_error')),
    (route) => {
      const target = new URL(route.request().url());
      return route.fulfill({
        status: 302,
        headers: { location: `${base.origin}${target.pathname}${target.search}` },
      });
    },
  );
}

/** Connects the built-in Sandbox network through the Connections page, unless it already is. */
async function ensureSandboxConnection(page) {
  const answer = await page.request.get(`${BASE}/api/v1/orgs/demo/connections/`);
  const { results } = await answer.json();
  if (results.some((c) => c.network === 'sandbox' && c.status === 'active')) return;
  await page.goto(`${BASE}/o/demo/connections`);
  await expectCall(page, 'POST', '/connections/sandbox/start', () =>
    page.getByRole('button', { name: /^Connect Sandbox/ }).click(),
  );
  await page.getByText(/Sandbox \(built in\) is connected\./).waitFor();
}

/** Fails when the page scrolls sideways (content wider than a phone screen). */
async function assertNoSideways(page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
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
    name: 'a comms lead creates a role with an objective and sets a matrix cell that persists',
    async run(page) {
      await loginAndLand(page, 'comms@demo.example');
      await page.getByTestId('strategy-nav').getByRole('link', { name: 'Roles' }).click();
      await page.waitForURL(/\/strategy\/roles$/);
      await page.getByRole('link', { name: 'New role' }).click();
      await page.waitForURL(/\/strategy\/roles\/new$/);

      const name = `E2E Partners ${Date.now()}`;
      const form = page.getByRole('form', { name: 'New role' });
      await form.getByLabel(/^Name/).fill(name);
      await form.getByLabel(/^Description/).fill('Partner managers speaking to partners.');

      // An objective without a target is refused before any request, next to the field.
      await form.getByRole('button', { name: 'Add objective' }).click();
      const row = form.getByRole('group', { name: 'Objective 1' });
      await row.getByLabel(/^Objective name/).fill('Partner clicks');
      await row.getByLabel(/^Metric/).selectOption('clicks');
      await row.getByLabel(/^Period/).selectOption('month');
      await form.getByRole('button', { name: 'Create role' }).click();
      await row.getByText('Enter a whole number.').waitFor();
      await row.getByLabel(/^Target/).fill('40');
      await page.screenshot({ path: join(SCREENSHOTS, 'role-editor.png'), fullPage: true });
      await form.getByRole('button', { name: 'Create role' }).click();
      await page.getByText(`Role “${name}” created.`).waitFor();
      await page.waitForURL(/\/strategy\/roles\/[0-9a-f-]{36}$/);

      // The same name again is refused with a sentence, not a code.
      await page.goto(`${BASE}/o/demo/strategy/roles/new`);
      const again = page.getByRole('form', { name: 'New role' });
      await again.getByLabel(/^Name/).fill(name);
      await again.getByRole('button', { name: 'Create role' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'already exists' });
      await alert.waitFor();
      assert(!/role_name_taken/.test(await alert.innerText()), 'the error shows a raw code');

      await page.getByTestId('strategy-nav').getByRole('link', { name: 'Matrix' }).click();
      await page.waitForURL(/\/strategy\/matrix$/);
      const cell = page.getByLabel(`${name} engaging Journalists`);
      await cell.waitFor();
      assert((await cell.inputValue()) === 'none', 'a new role already has a level');
      await expectCall(page, 'POST', '/role-audiences/', () => cell.selectOption('support'));
      await page.screenshot({ path: join(SCREENSHOTS, 'matrix-comms.png'), fullPage: true });

      await page.reload();
      const persisted = page.getByLabel(`${name} engaging Journalists`);
      await persisted.waitFor();
      assert(
        (await persisted.inputValue()) === 'support',
        `cell after reload is ${await persisted.inputValue()}`,
      );
      // Changing a level PATCHes, "none" DELETEs.
      await expectCall(page, 'PATCH', '/role-audiences/', () => persisted.selectOption('lead'));
      await expectCall(page, 'DELETE', '/role-audiences/', () => persisted.selectOption('none'));
      await page.reload();
      await page.getByLabel(`${name} engaging Journalists`).waitFor();
      assert(
        (await page.getByLabel(`${name} engaging Journalists`).inputValue()) === 'none',
        'the cleared cell came back after reload',
      );
    },
  },
  {
    name: 'the matrix scrolls inside itself at phone width',
    viewport: { width: 390, height: 844 },
    async run(page) {
      await loginAndLand(page, 'comms@demo.example');
      await page.goto(`${BASE}/o/demo/strategy/matrix`);
      await page.getByLabel('Sales engaging CIOs of large banks').waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: join(SCREENSHOTS, 'matrix-phone.png'), fullPage: true });
    },
  },
  {
    name: 'an employee sees the matrix read-only and the reserved check flags @GlobexBank',
    async run(page) {
      await loginAndLand(page, 'employee@demo.example');
      await page.getByTestId('strategy-nav').getByRole('link', { name: 'Matrix' }).click();
      await page.waitForURL(/\/strategy\/matrix$/);
      const matrix = page.getByTestId('matrix');
      await matrix.waitFor();
      assert((await matrix.locator('select').count()) === 0, 'the employee can edit the matrix');
      assert(
        (await matrix.innerText()).includes('CIOs of large banks'),
        'the matrix does not list the audiences',
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'matrix-employee.png'), fullPage: true });
      assert(
        (await page.getByRole('button', { name: 'New role' }).count()) === 0,
        'the employee is offered New role',
      );

      await page
        .getByTestId('strategy-nav')
        .getByRole('link', { name: 'Reserved relationships' })
        .click();
      await page.waitForURL(/\/strategy\/reserved$/);
      await page.getByRole('heading', { name: 'Globex Bank' }).waitFor();
      assert(
        (await page.getByRole('button', { name: /New reserved relationship/ }).count()) === 0,
        'the employee may create reserved relationships',
      );
      const box = page.getByTestId('try-sentence');
      await box.getByLabel('Network').selectOption('x');
      await box.getByLabel('Sentence').fill('Great chat with @GlobexBank about payments today');
      const result = page.getByTestId('check-result');
      await result.getByText('This would be blocked').waitFor();
      assert((await result.innerText()).includes('Globex Bank'), 'the block does not name it');
      await page.screenshot({ path: join(SCREENSHOTS, 'reserved-employee.png'), fullPage: true });

      await box.getByLabel('Sentence').fill('A lovely day for a conference');
      await result.getByText('Fine to post').waitFor();
    },
  },
  {
    name: 'a member who has not acknowledged the policy sees the banner until they do',
    async run(page) {
      await loginAndLand(page, 'mei.chen@demo.example');
      const banner = page.getByTestId('policy-banner');
      await banner.waitFor();
      await banner.getByRole('link', { name: /acknowledge the policy/ }).click();
      await page.waitForURL(/\/o\/demo\/policy$/);
      await page.getByTestId('policy-body').getByRole('listitem').first().waitFor();
      const body = await page.getByTestId('policy-body').innerHTML();
      assert(!body.includes('**'), 'the policy shows raw markdown');
      await page.screenshot({ path: join(SCREENSHOTS, 'policy-member.png'), fullPage: true });
      await page.getByRole('button', { name: 'I have read and accept this policy' }).click();
      await page.getByTestId('acknowledged-at').waitFor();
      await page.getByRole('link', { name: 'Home' }).click();
      await page.waitForURL(/\/o\/demo\/?$/);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      assert((await page.getByTestId('policy-banner').count()) === 0, 'the banner is still shown');
    },
  },
  {
    name: 'an employee who acknowledged the policy sees no banner',
    async run(page) {
      await loginAndLand(page, 'employee@demo.example');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      assert((await page.getByTestId('policy-banner').count()) === 0, 'the banner is shown');
    },
  },
  {
    name: 'an admin assigns an advocacy role to a member',
    async run(page) {
      await loginAndLand(page, 'admin@demo.example');
      await page.getByRole('link', { name: 'Members' }).click();
      await page.waitForURL(/\/admin\/members$/);
      const row = page.getByRole('row').filter({ hasText: 'mei.chen@demo.example' });
      const picker = row.getByLabel(/^Advocacy roles of/);
      await picker.waitFor();
      const before = await row.innerText();
      const role = before.includes('Legal & Compliance') ? 'Executives' : 'Legal & Compliance';
      await picker.click();
      await expectCall(page, 'PATCH', '/members/', () =>
        page.getByRole('option', { name: role, exact: true }).click(),
      );
      await page.keyboard.press('Escape');
      await page.reload();
      const after = page.getByRole('row').filter({ hasText: 'mei.chen@demo.example' });
      await after.getByText(role, { exact: true }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'members-roles.png'), fullPage: true });
    },
  },
  {
    name: 'an employee sees the bank case study with its note on For you, and no Content menu',
    async run(page) {
      await loginAndLand(page, 'employee@demo.example');
      // The home page carries the feed too.
      await page.getByRole('heading', { name: 'For you' }).waitFor();
      await page.getByRole('link', { name: 'For you', exact: true }).click();
      await page.waitForURL(/\/o\/demo\/for-you$/);
      const item = page
        .getByTestId('feed-item')
        .filter({ hasText: 'How a top-20 bank cut regulatory reporting time by 60%' })
        .first();
      await item.waitFor();
      const text = await item.innerText();
      assert(text.includes('Ask what their reporting deadline looks like.'), `no note: ${text}`);
      assert(text.includes('Your angle (Sales)'), `no angle for Sales: ${text}`);
      const group = page.getByRole('region', { name: 'CIOs of large banks' });
      assert((await group.count()) === 1, 'the feed is not grouped by audience');
      const link = item.getByRole('link', { name: /Open link/ });
      assert((await link.getAttribute('rel'))?.includes('noopener'), 'link without noopener');
      assert((await link.getAttribute('target')) === '_blank', 'link does not open a new tab');
      assert(
        /\/o\/demo\/share\/[^/?]+\?network=/.test(
          (await item.getByRole('link', { name: /^Share/ }).getAttribute('href')) ?? '',
        ),
        'Share does not lead to the composer',
      );
      assert((await page.getByTestId('content-nav').count()) === 0, 'Content menu is visible');
      await page.screenshot({ path: join(SCREENSHOTS, 'for-you-desktop.png'), fullPage: true });
      await page.goto(`${BASE}/o/demo/content`);
      await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor();
    },
  },
  {
    name: 'For you works at phone width',
    viewport: { width: 390, height: 844 },
    async run(page) {
      await loginAndLand(page, 'employee@demo.example');
      await page.goto(`${BASE}/o/demo/for-you`);
      await page.getByTestId('feed-item').first().waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: join(SCREENSHOTS, 'for-you-phone.png'), fullPage: true });
    },
  },
  {
    name: 'a reviewer approves the Q4 roadmap webinar from the review queue',
    async run(page) {
      await loginAndLand(page, 'reviewer@demo.example');
      await page.getByTestId('content-nav').getByRole('link', { name: 'Review queue' }).click();
      await page.waitForURL(/\/content\/review$/);
      const title = 'Q4 roadmap webinar for customers';
      const card = page.getByRole('article', { name: title });
      await card.waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'review-queue.png'), fullPage: true });
      await expectCall(page, 'POST', '/approve', () =>
        card.getByRole('button', { name: `Approve “${title}”` }).click(),
      );
      await page.getByText(`“${title}” approved.`).waitFor();
      await card.waitFor({ state: 'detached' });
      await page.getByTestId('content-nav').getByRole('link', { name: 'Library' }).click();
      await page.getByRole('tab', { name: 'Approved' }).click();
      const row = page.getByRole('row').filter({ hasText: title });
      await row.getByText('Approved').waitFor();
    },
  },
  {
    name: 'a comms lead creates an item, submits it, and it shows in review',
    async run(page) {
      await loginAndLand(page, 'comms@demo.example');
      await page.getByTestId('content-nav').getByRole('link', { name: 'Library' }).click();
      await page.waitForURL(/\/o\/demo\/content$/);
      await page.getByTestId('library').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'library.png'), fullPage: true });
      await page.getByRole('link', { name: 'New content' }).click();
      const title = `E2E launch notes ${Date.now()}`;
      const form = page.getByRole('form', { name: 'New content' });
      await form.getByLabel(/^Title/).fill(title);
      await form.getByLabel(/^URL/).fill('javascript:alert(1)');
      await form.getByRole('button', { name: 'Create draft' }).click();
      await form.getByText('Enter a web address starting with http:// or https://.').waitFor();
      await form.getByLabel(/^URL/).fill('https://northwind.example/e2e');
      await form.getByLabel(/^Summary/).fill('What changed in this release.');
      await form.getByLabel(/^Angle for Sales/).fill('Tie it to a customer deadline.');
      await form.getByRole('button', { name: 'Create draft' }).click();
      await page.getByText(`“${title}” created as a draft.`).waitFor();
      await page.waitForURL(/\/content\/[0-9a-f-]{36}$/);
      await expectCall(page, 'POST', '/submit', () =>
        page.getByRole('button', { name: 'Submit for review' }).click(),
      );
      await page.getByTestId('status-badge').filter({ hasText: 'In review' }).first().waitFor();
      await page.getByTestId('content-nav').getByRole('link', { name: 'Review queue' }).click();
      await page.getByRole('article', { name: title }).waitFor();
    },
  },
  {
    name: 'a comms lead edits approved content: a new version, and the history shows the diff',
    async run(page) {
      await loginAndLand(page, 'comms@demo.example');
      await page.goto(`${BASE}/o/demo/content`);
      await page.getByLabel('Search').fill('Northwind 5.0');
      await page.getByRole('link', { name: /^Northwind 5\.0/ }).click();
      await page.getByTestId('new-version-note').waitFor();
      const summary = page.getByRole('form', { name: 'Edit content' }).getByLabel(/^Summary/);
      await summary.fill('Release notes for 5.0.\nNow with a faster CLI.');
      await expectCall(page, 'PATCH', '/content/', () =>
        page.getByRole('button', { name: 'Save', exact: true }).click(),
      );
      await expectCall(page, 'POST', '/submit', () =>
        page.getByRole('button', { name: 'Submit for review' }).click(),
      );
      const diff = page.getByTestId('version-diff');
      await diff.waitFor();
      const changed = diff.locator('tr[data-changed]');
      await changed.first().waitFor();
      assert((await changed.innerText()).includes('Summary'), 'the summary is not highlighted');
      await page.getByTestId('history-timeline').getByText('Version 2').waitFor();
      await diff.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, 'content-history.png'), fullPage: true });
    },
  },
  {
    name: 'a comms lead places an approved item in a grid cell, reorders, and both persist',
    async run(page) {
      await loginAndLand(page, 'comms@demo.example');
      await page.getByTestId('content-nav').getByRole('link', { name: 'Grid' }).click();
      await page.waitForURL(/\/content\/grid$/);
      await page.getByRole('button', { name: 'Sales row' }).click();
      const cell = page.getByRole('region', { name: 'Sales × Journalists' });
      await cell.waitFor();
      const title = 'The 2026 State of Bank Data report';
      await cell.getByRole('button', { name: 'Add content to Sales × Journalists' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Approved content/).fill('State of Bank');
      await page.getByRole('option', { name: title }).click();
      await dialog.getByLabel(/^Note for this cell/).fill('Offer the survey, not a demo.');
      await expectCall(page, 'POST', '/grid/', () =>
        dialog.getByRole('button', { name: 'Add' }).click(),
      );
      await cell.getByText(title).waitFor();

      // Reorder in a cell with several items: the second moves up.
      const cios = page.getByRole('region', { name: 'Sales × CIOs of large banks' });
      const items = cios.locator('li');
      const before = await items.allInnerTexts();
      assert(before.length >= 2, `CIOs cell has ${before.length} items`);
      const second = before[1].split('\n').find((line) => line.trim() && !/^\d+\.$/.test(line));
      await expectCall(page, 'POST', '/grid/reorder', () =>
        cios
          .getByRole('button', { name: /up in Sales × CIOs of large banks/ })
          .nth(1)
          .click(),
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'grid-editor.png'), fullPage: true });

      await page.reload();
      await page.getByRole('button', { name: 'Sales row' }).click();
      const persisted = page.getByRole('region', { name: 'Sales × Journalists' });
      await persisted.getByText(title).waitFor();
      await persisted.getByText('Offer the survey, not a demo.').waitFor();
      const first = await page
        .getByRole('region', { name: 'Sales × CIOs of large banks' })
        .locator('li')
        .first()
        .innerText();
      assert(first.includes(second.trim()), `after reload the first item is ${first}`);
    },
  },
  {
    name: 'an employee suggests a URL and sees it listed as waiting',
    async run(page) {
      await loginAndLand(page, 'employee@demo.example');
      await page.getByRole('link', { name: 'Suggest', exact: true }).click();
      await page.waitForURL(/\/suggest$/);
      const url = `https://example.com/e2e-${Date.now()}`;
      const form = page.getByRole('form', { name: 'Suggest content' });
      await form.getByLabel(/^Link/).fill('ftp://example.com/file');
      await form.getByRole('button', { name: 'Send suggestion' }).click();
      await form.getByText('Enter a web address starting with http:// or https://.').waitFor();
      await form.getByLabel(/^Link/).fill(url);
      await form.getByLabel(/^Why is it worth sharing/).fill('CIOs keep asking about this.');
      await expectCall(page, 'POST', '/suggestions/', () =>
        form.getByRole('button', { name: 'Send suggestion' }).click(),
      );
      const card = page.getByTestId('suggestions').getByRole('article').filter({ hasText: url });
      await card.getByText('Waiting for the comms team').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'suggest-employee.png'), fullPage: true });
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

tests.push({
  name: 'an employee connects Sandbox, shares in their own words and sees it posted',
  async run(page) {
    await followForeignConnectRedirects(page);
    await loginAndLand(page, 'employee@demo.example');
    await page.getByRole('link', { name: 'Connections', exact: true }).click();
    await page.waitForURL(/\/o\/demo\/connections$/);
    await expectCall(page, 'POST', '/connections/sandbox/start', () =>
      page.getByRole('button', { name: /^Connect Sandbox/ }).click(),
    );
    // Back from the network: a success notification and the connection listed.
    await page.waitForURL(/\/o\/demo\/connections/);
    await page.getByText(/Sandbox \(built in\) is connected\./).waitFor();
    await page
      .getByTestId('connections-list')
      .getByRole('listitem', { name: 'Sandbox (built in)' })
      .getByText('Connected', { exact: true })
      .first()
      .waitFor();

    // An item with suggested copy not shared on Sandbox yet: the demo data may already hold
    // shares of some (a second share on the same network is refused, by design).
    const feed = await (
      await page.request.get(`${BASE}/api/v1/orgs/demo/feed/?page_size=100`)
    ).json();
    const candidates = feed.results.filter(
      (i) =>
        i.suggested_copy &&
        i.networks.includes('sandbox') &&
        !i.shared_networks.includes('sandbox'),
    );
    const preferred = 'How a top-20 bank cut regulatory reporting time by 60%';
    const chosen = candidates.find((i) => i.title === preferred) ?? candidates[0];
    assert(chosen, 'no item in the feed is left to share on Sandbox');
    const title = chosen.title;

    await page.getByRole('link', { name: 'For you', exact: true }).click();
    const item = page.getByTestId('feed-item').filter({ hasText: title }).first();
    await item.getByRole('link', { name: /^Share/ }).click();
    await page.waitForURL(/\/o\/demo\/share\/[^/]+\?network=/);

    const suggested = (await page.getByTestId('suggested-copy').innerText()).trim();
    const box = page.getByLabel(/^In your own words/);
    assert((await box.inputValue()) === '', 'the composer was prefilled');
    await box.fill(suggested);
    await page
      .getByTestId('failing-checks')
      .locator('[data-check="not_original"]')
      .waitFor({ timeout: 10_000 });
    const problem = await page.getByTestId('failing-checks').innerText();
    assert(!/[{}[\]]/.test(problem), `check shown as raw data: ${problem}`);

    const own =
      'Talked to three risk teams this month and every one of them dreads the overnight run.\n' +
      'This is the most concrete story I have seen of getting those hours back.';
    await box.fill(own);
    await page.waitForFunction(
      (text) =>
        (document.querySelector('[data-testid="preview-text"]')?.textContent ?? '').includes(text),
      'getting those hours back',
    );
    assert(
      (await page.locator('[data-testid="failing-checks"] [data-check="not_original"]').count()) ===
        0,
      'an original text still fails the originality check',
    );
    await expectCall(page, 'POST', '/api/v1/orgs/demo/shares/', () =>
      page.getByRole('button', { name: 'Review and confirm' }).click(),
    );
    const finalText = await page.getByTestId('final-text').innerText();
    assert(finalText.includes(own), `final text does not hold the typed text: ${finalText}`);
    await page.getByLabel('I wrote this and want it posted as shown').check();
    const confirmed = await expectCall(page, 'POST', '/confirm', () =>
      page.getByRole('button', { name: 'Confirm and post' }).click(),
    );
    const sent = JSON.parse(confirmed.request().postData() ?? '{}');
    assert(/^[0-9a-f]{64}$/.test(sent.text_sha256 ?? ''), 'confirm did not send the text hash');
    await page.getByTestId('share-done').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'share-confirmed.png'), fullPage: true });

    await page.getByRole('link', { name: 'My shares', exact: true }).click();
    await page.waitForURL(/\/o\/demo\/shares$/);
    const row = page.getByTestId('share-row').filter({ hasText: title }).first();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await row.waitFor();
      if ((await row.getByTestId('share-status').innerText()) === 'Posted') break;
      await page.waitForTimeout(500);
      await page.reload();
    }
    const status = await row.getByTestId('share-status').innerText();
    assert(status === 'Posted', `share status is "${status}"`);
    await row.getByRole('link', { name: /View the post/ }).waitFor();

    await page.getByRole('link', { name: 'Sandbox', exact: true }).click();
    await page.waitForURL(/\/o\/demo\/sandbox$/);
    await page.getByTestId('sandbox-text').first().waitFor();
    const texts = await page.getByTestId('sandbox-text').allInnerTexts();
    assert(
      texts.some((text) => text === finalText),
      `the sandbox did not receive the exact text; got ${JSON.stringify(texts.slice(0, 2))}`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'sandbox.png'), fullPage: true });
  },
});

tests.push({
  name: 'an employee describes their voice, it persists, and the composer shows it',
  async run(page) {
    await followForeignConnectRedirects(page);
    await loginAndLand(page, 'employee@demo.example');
    await page.getByRole('button', { name: /account menu/i }).click();
    await page.getByRole('menuitem', { name: 'My voice' }).click();
    await page.waitForURL(/\/o\/demo\/voice$/);
    // A freshly seeded employee has no voice yet: the page says why it helps.
    await page.getByRole('heading', { name: 'You have not described your voice yet' }).waitFor();

    const form = page.getByRole('form', { name: 'Voice profile' });
    await form.getByLabel('Tone').fill('Plain-spoken, curious');
    const languages = form.getByLabel('Languages you post in');
    await languages.fill('en');
    await languages.press('Enter');
    const hashtags = form.getByLabel('Signature hashtags');
    await hashtags.fill('open-banking');
    await hashtags.press('Enter');
    await form.getByRole('button', { name: 'Save my voice' }).click();
    // Refused in the browser, next to the field, before any request.
    await form.getByText(/“#open-banking” is not a hashtag/).waitFor();
    await hashtags.press('Backspace');
    await hashtags.fill('fintech');
    await hashtags.press('Enter');
    const avoid = form.getByLabel('Words to avoid');
    await avoid.fill('synergy');
    await avoid.press('Enter');
    await form.getByRole('button', { name: 'Add a sample post' }).click();
    await form
      .getByLabel('Sample post 1', { exact: true })
      .fill('Three risk teams told me the same thing this month: the overnight run hurts.');
    await page.screenshot({ path: join(SCREENSHOTS, 'voice-form.png'), fullPage: true });
    const saved = await expectCall(page, 'PUT', '/me/voice', () =>
      form.getByRole('button', { name: 'Save my voice' }).click(),
    );
    const sent = JSON.parse(saved.request().postData() ?? '{}');
    assert(
      JSON.stringify(sent.signature_hashtags) === '["#fintech"]',
      `hashtags sent as ${JSON.stringify(sent.signature_hashtags)}`,
    );
    await page.getByText('Your voice profile is saved.').waitFor();

    await page.reload();
    await page.getByLabel('Tone').waitFor();
    assert(
      (await page.getByLabel('Tone').inputValue()) === 'Plain-spoken, curious',
      'the tone did not persist',
    );
    await page.getByText('#fintech', { exact: true }).waitFor();
    assert(
      (await page.getByTestId('voice-empty').count()) === 0,
      'the empty state is still shown after saving',
    );

    // While writing a share, the voice shows next to the text box.
    await ensureSandboxConnection(page);
    await page.goto(`${BASE}/o/demo/for-you`);
    await page
      .getByTestId('feed-item')
      .first()
      .getByRole('link', { name: /^Share/ })
      .click();
    await page.waitForURL(/\/o\/demo\/share\//);
    const hints = page.getByRole('complementary', { name: 'Your voice' });
    await hints.getByText('Plain-spoken, curious').waitFor();
    await page.getByLabel(/^In your own words/).fill('Honestly, pure synergy for risk teams.');
    await hints.getByTestId('voice-avoid-warning').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'composer-voice.png'), fullPage: true });
  },
});

tests.push({
  name: 'an employee sees why a network cannot be connected and what Bluesky and Mastodon need',
  async run(page) {
    await loginAndLand(page, 'employee@demo.example');
    await page.getByRole('link', { name: 'Connections', exact: true }).click();
    await page.waitForURL(/\/o\/demo\/connections$/);

    // The demo server has no LinkedIn app credentials: the reason shows by the buttons.
    const start = page.waitForResponse(
      (r) => r.url().includes('/connections/linkedin/start') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Connect LinkedIn' }).click();
    const answer = await start;
    const error = page.getByTestId('connect-error');
    await error.waitFor();
    const text = await error.innerText();
    if (answer.status() === 422) {
      assert(/not available/i.test(text), `unexpected LinkedIn error: ${text}`);
    }
    assert(!/[{}[\]]|network_unavailable/.test(text), `error shown as raw data: ${text}`);

    await page.getByRole('button', { name: 'Connect Bluesky' }).click();
    const bluesky = page.getByRole('form', { name: 'Connect Bluesky' });
    await bluesky.getByText('Use an app password, never your account password').waitFor();
    await bluesky.getByLabel(/^Bluesky handle/).fill('jordan.bsky.social');
    await bluesky.getByLabel(/^App password/).fill('my-account-password');
    await bluesky.getByRole('button', { name: 'Connect Bluesky' }).click();
    await bluesky.getByText(/never use your account password here/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'connect-bluesky.png'), fullPage: true });

    await page.getByRole('button', { name: 'Connect Mastodon' }).click();
    const mastodon = page.getByRole('form', { name: 'Connect Mastodon' });
    await mastodon.getByLabel(/^Your Mastodon server/).fill('my server');
    await mastodon.getByRole('button', { name: /^Continue to/ }).click();
    await mastodon.getByText(/Enter a server name such as mastodon\.social/).waitFor();
  },
});

tests.push({
  name: 'My voice and Connections work at phone width',
  viewport: { width: 390, height: 844 },
  async run(page) {
    await loginAndLand(page, 'employee@demo.example');
    await page.goto(`${BASE}/o/demo/voice`);
    await page.getByRole('button', { name: 'Save my voice' }).waitFor();
    await assertNoSideways(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'voice-phone.png'), fullPage: true });
    await page.goto(`${BASE}/o/demo/connections`);
    await page.getByRole('button', { name: /^Connect Sandbox/ }).waitFor();
    await page.getByRole('button', { name: 'Connect Bluesky' }).click();
    await page.getByRole('form', { name: 'Connect Bluesky' }).waitFor();
    await assertNoSideways(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'connections-phone.png'), fullPage: true });
  },
});

// ---- analytics, coaching and insights ----------------------------------------------------

tests.push({
  name: 'an admin opens the analytics dashboard on demo data and switches the grouping',
  async run(page) {
    await loginAndLand(page, 'admin@demo.example');
    await page
      .getByTestId('rollout-nav')
      .getByRole('link', { name: 'Analytics', exact: true })
      .click();
    await page.waitForURL(/\/o\/demo\/analytics$/);

    const byContent = page.getByRole('table', { name: /^By content/ });
    await byContent.waitFor();
    const headers = await byContent.getByRole('columnheader').allInnerTexts();
    assert(
      headers.indexOf('Conversations') === 1 && headers.indexOf('Clicks by people') === 2,
      `conversations and clicks are not first: ${headers.join(' | ')}`,
    );
    assert(headers.at(-1) === 'Bot and preview hits', `bot hits not apart: ${headers.join(' | ')}`);
    assert((await byContent.locator('tbody tr').count()) > 0, 'no content rows on demo data');
    await page.getByRole('img', { name: /Clicks by people per day/ }).waitFor();
    await page.getByRole('heading', { name: 'Objectives' }).waitFor();
    // A bar at 0% has no width; its text says the same, so being there is enough.
    await page.getByRole('progressbar').first().waitFor({ state: 'attached' });

    await expectCall(page, 'GET', 'group_by=role', () =>
      page.getByRole('tab', { name: 'Roles' }).click(),
    );
    const byRole = page.getByRole('table', { name: /^By role/ });
    await byRole.waitFor();
    await byRole.getByRole('rowheader', { name: 'Sales' }).waitFor();
    assert(/group_by=role/.test(page.url()), `the grouping is not in the address: ${page.url()}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'analytics-admin.png'), fullPage: true });

    // A backwards range shows the API's own explanation.
    await page.getByLabel('From', { exact: true }).fill('2026-01-10');
    await page.getByLabel('To', { exact: true }).fill('2026-01-01');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    const text = await alert.innerText();
    assert(/on or before/.test(text), `unexpected range error: ${text}`);
  },
});

tests.push({
  name: 'an employee marks a coaching task done and it stays done',
  async run(page) {
    await loginAndLand(page, 'employee@demo.example');
    await page.getByRole('link', { name: 'My coaching', exact: true }).click();
    await page.waitForURL(/\/o\/demo\/my\/coaching$/);
    await page.getByRole('heading', { name: 'This week' }).waitFor();
    const box = page.getByRole('checkbox', { name: /^Mark “.+” done$/ }).first();
    await box.waitFor();
    const label = (await box.getAttribute('aria-label')) ?? '';
    const title = label.replace(/^Mark “/, '').replace(/” done$/, '');
    const before = await page
      .getByText(/ of \d+$/)
      .first()
      .innerText();

    await expectCall(page, 'POST', '/done', () => box.click());
    const done = page.getByRole('checkbox', { name: `${title} (done)` });
    await done.waitFor();
    assert(await done.isChecked(), 'the task is not shown as done');

    await page.reload();
    await page.getByRole('checkbox', { name: `${title} (done)` }).waitFor();
    const after = await page
      .getByText(/ of \d+$/)
      .first()
      .innerText();
    assert(after !== before, `progress did not move: ${before} -> ${after}`);
    await page.getByRole('heading', { name: 'What worked for my shares' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'coaching-employee.png'), fullPage: true });

    // No organisation-wide menus for an employee, and the dashboard is refused.
    assert((await page.getByTestId('rollout-nav').count()) === 0, 'rollout menu shown');
    await page.goto(`${BASE}/o/demo/analytics`);
    await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor();
  },
});

tests.push({
  name: 'a comms lead views insights: what works with whom, and the gaps',
  async run(page) {
    await loginAndLand(page, 'comms@demo.example');
    await page.getByTestId('rollout-nav').getByRole('link', { name: 'Insights' }).click();
    await page.waitForURL(/\/o\/demo\/insights$/);

    await page.getByRole('heading', { name: 'What works with whom' }).waitFor();
    const best = page.getByRole('row').filter({ hasText: 'CIOs of large banks' }).first();
    await best.waitFor();
    const level = await best.getAttribute('data-level');
    assert(level === 'strong', `the best cell is "${level}"`);
    await best.getByText('Strong').waitFor();
    await page.getByRole('list', { name: 'Result legend' }).waitFor();
    await page.getByRole('heading', { name: 'Content nobody picks' }).waitFor();
    await page.getByRole('heading', { name: 'Audiences nobody reached' }).waitFor();
    await page.getByRole('heading', { name: 'Reservations about to expire' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'insights-comms.png'), fullPage: true });

    // The rollout page shows the demo's waves; the comms lead, who runs the rollout, may
    // open it to everyone (not clicked here: other tests rely on the demo's stage).
    await page.getByTestId('rollout-nav').getByRole('link', { name: 'Rollout' }).click();
    await page.getByRole('article', { name: 'Second wave' }).waitFor();
    assert(
      (await page.getByRole('button', { name: 'Open to everyone' }).count()) === 1,
      'the comms lead is not offered the stage change',
    );
  },
});

tests.push({
  name: 'analytics and My readiness work at phone width',
  viewport: { width: 390, height: 844 },
  async run(page) {
    await loginAndLand(page, 'admin@demo.example');
    await page.goto(`${BASE}/o/demo/analytics`);
    await page.getByRole('table', { name: /^By content/ }).waitFor();
    await assertNoSideways(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'analytics-phone.png'), fullPage: true });
    await page.goto(`${BASE}/o/demo/my/readiness`);
    await page.getByRole('button', { name: 'Save my readiness' }).waitFor();
    await assertNoSideways(page);
  },
});

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
