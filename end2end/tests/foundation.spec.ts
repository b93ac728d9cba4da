import { test, expect } from '@playwright/test';
import { collectErrors, expectAccessible, settle, signIn, signOut } from './helpers';

const publicPages = ['/', '/partnerships', '/partnerships/cardiff', '/accessibility', '/sign-in'];

test('home page in English and in Welsh', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Community safety in your area');
  await page.goto('/cy');
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Diogelwch cymunedol yn eich ardal chi');
});

test('the language switch keeps the page and is remembered', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/partnerships/cardiff');
  await settle(page);
  await page.getByRole('link', { name: 'Cymraeg' }).click();
  await expect(page).toHaveURL(/\/cy\/partnerships\/cardiff$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partneriaeth Diogelwch Cymunedol Caerdydd');
  // Coming back to the front page later: Welsh, as chosen.
  await page.goto('/');
  await expect(page).toHaveURL(/\/cy$/);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(errors, 'no script errors (hydration succeeded)').toEqual([]);
});

test('client-side navigation keeps the language and the page works after hydration', async ({ page, javaScriptEnabled }) => {
  const errors = collectErrors(page);
  await page.goto('/cy');
  await settle(page);
  await page.getByRole('navigation', { name: 'Prif ddewislen' }).getByRole('link', { name: 'Partneriaethau' }).click();
  await expect(page).toHaveURL(/\/cy\/partnerships$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partneriaethau Diogelwch Cymunedol');
  await page.getByRole('link', { name: 'Partneriaeth Abertawe Mwy Diogel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partneriaeth Abertawe Mwy Diogel');
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  expect(errors, `no script errors (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`).toEqual([]);
});

test('staff pages are served without the browser bundle, and links to them from hydrated pages still work', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'officer@demo.cymuned.cymru');
  await expect(page.locator('script[src*="/pkg/"], link[href*="/pkg/cymuned.wasm"]')).toHaveCount(0);
  await page.goto('/cy');
  await settle(page);
  await page.getByRole('navigation', { name: 'Prif ddewislen' }).getByRole('link', { name: 'Ciw derbyn' }).click();
  await expect(page).toHaveURL(/\/cy\/staff\/intake$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ciw derbyn');
  await expect(page.locator('script[src*="/pkg/"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('partnerships are listed by police force, with Welsh plural forms', async ({ page }) => {
  await page.goto('/cy/partnerships');
  await expect(page.getByRole('heading', { name: 'Ardal Heddlu Gwent' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Partneriaeth Diogelwch Cymunedol Caerdydd' })).toBeVisible();
  await expect(page.getByText(/o gymdogaethau/).first()).toBeVisible();
});

test('a signed-out visitor cannot reach staff pages', async ({ page }) => {
  await page.goto('/staff/audit');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff sign in');
});

test('a wrong password gets a generic message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('officer@demo.cymuned.cymru');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The email address or password is not right');
});

test('an officer signs in and out, and cannot read the audit log', async ({ page }) => {
  await signIn(page, 'officer@demo.cymuned.cymru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff home');
  await expect(page.getByText('Community safety officer')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await page.goto('/staff/audit');
  await expect(page.getByRole('alert')).toContainText('does not allow this');
  await signOut(page);
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a partnership manager signs in in Welsh and reads the audit log', async ({ page }) => {
  await signIn(page, 'csp-manager@demo.cymuned.cymru', 'cy');
  await expect(page).toHaveURL(/\/cy\/staff$/);
  await page.getByRole('link', { name: 'Log archwilio' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log archwilio');
  await expect(page.getByRole('table')).toContainText('Wedi mewngofnodi');
  await signOut(page, 'cy');
});

test('a partnership manager gives a colleague a role and takes it away', async ({ page }) => {
  await signIn(page, 'csp-manager@demo.cymuned.cymru');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team');
  await page.getByLabel('Email address of their account').fill('engagement-lead@demo.cymuned.cymru');
  await page.getByLabel('Role', { exact: true }).selectOption('analyst');
  await page.getByRole('button', { name: 'Give role' }).click();
  await expect(page.getByRole('status')).toContainText('The role has been given.');
  const row = page.getByRole('row', { name: /engagement-lead@demo/ });
  await expect(row).toContainText('Analyst');
  await page.getByRole('button', { name: 'Remove the Analyst role from Demo engagement lead' }).click();
  await expect(page.getByRole('status')).toContainText('The role has been removed.');
  await expect(page.getByRole('row', { name: /engagement-lead@demo/ })).not.toContainText('Analyst');
  await page.getByLabel('Email address of their account').fill('nobody@example.org');
  await page.getByRole('button', { name: 'Give role' }).click();
  await expect(page.getByRole('alert')).toContainText('There is no account with that email address');
  await signOut(page);
});

// axe-core runs as a script inside the page, so it runs where JavaScript does; the pages it
// checks are the same server-rendered HTML that visitors without JavaScript get.
for (const lang of ['en', 'cy']) {
  test(`axe finds nothing on public pages (${lang})`, async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, 'axe-core needs JavaScript in the page');
    for (const path of [...publicPages, '/no-such-page']) {
      await page.goto(lang === 'cy' ? (path === '/' ? '/cy' : `/cy${path}`) : path);
      await settle(page);
      await expectAccessible(page);
    }
  });

  test(`axe finds nothing on staff pages (${lang})`, async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, 'axe-core needs JavaScript in the page');
    await signIn(page, 'csp-manager@demo.cymuned.cymru', lang as 'en' | 'cy');
    const prefix = lang === 'cy' ? '/cy' : '';
    for (const path of ['/staff', '/staff/audit', '/staff/team', '/staff/team?error=no_account']) {
      await page.goto(prefix + path);
      await settle(page);
      await expectAccessible(page);
    }
    await page.goto(`${prefix}/sign-in?error=invalid`);
    await expectAccessible(page);
    await page.goto(`${prefix}/staff`);
    await signOut(page, lang as 'en' | 'cy');
  });
}
