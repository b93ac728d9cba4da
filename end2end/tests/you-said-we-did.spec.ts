import { test, expect, Page } from '@playwright/test';
import { collectErrors, expectAccessible, receivedEmails, signIn, signOut } from './helpers';

/** "You said, we did" in public (issue 14) end to end, in the demo hub: a resident follows a
 *  neighbourhood in Welsh (double opt-in through the real SMTP server), the engagement lead
 *  drafts a publication from the partnership's closed survey and closed problem profiles and
 *  publishes it, the resident is told in Welsh with RFC 8058 one-click unsubscribe headers and
 *  leaves in one click, and the neighbourhood page lists it beside its suppressed counts. */

const LEAD = 'engagement-lead@demo.cymuned.cymru';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The path of the first address in `text` that has `path` in it (the emails' links name the
 *  hub's public address, which the tests reach through their own). */
function linkIn(text: string, path: RegExp): string {
  const url = text.match(/https?:\/\/[^\s<>]+/g)?.find(u => path.test(u));
  expect(url, `a link matching ${path} in:\n${text}`).toBeTruthy();
  return new URL(url!).pathname;
}

async function axe(page: Page, javaScriptEnabled: boolean) {
  // axe-core runs in the page: checked in the project with JavaScript.
  if (javaScriptEnabled) await expectAccessible(page);
}

test('a resident follows a neighbourhood in Welsh, is told of a publication in Welsh, and unsubscribes in one click', async ({ page, browser, javaScriptEnabled }, info) => {
  const errors = collectErrors(page);
  const address = `preswylydd-${info.project.name}-${Date.now()}@enghraifft.cymru`;

  // The resident subscribes from the partnership's Welsh subscribe form, to a neighbourhood.
  await page.goto('/cy/partnerships/cardiff/subscribe');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('drwy e-bost');
  await axe(page, javaScriptEnabled);
  const area = page.getByLabel('Beth i\'w ddilyn');
  await area.selectOption({ index: info.project.name === 'with-javascript' ? 1 : 2 });
  const neighbourhood = (await area.locator('option:checked').textContent())!.trim();
  await page.getByLabel('Eich cyfeiriad e-bost').fill(address);
  await page.getByLabel('Cymraeg').check();
  await page.getByLabel('Pob neges wrth iddi ddigwydd').check();
  await page.getByRole('button', { name: 'Tanysgrifio' }).click();
  await expect(page.getByRole('status')).toContainText('Edrychwch ar eich e-bost');

  // Nothing but the confirmation is sent until the link in it is opened.
  const mine = () => receivedEmails().filter(m => m.to.includes(address));
  await expect.poll(() => mine().length, { timeout: 20_000 }).toBe(1);
  const confirmation = mine()[0];
  expect(confirmation.subject).toContain('Cadarnhewch eich tanysgrifiad');
  await page.goto(linkIn(confirmation.body, /\/subscriptions\/[^/]+\/confirm/));
  await axe(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Cadarnhau fy nhanysgrifiad' }).click();
  await expect(page.getByRole('status')).toContainText('Wedi tanysgrifio');

  // The engagement lead drafts a publication for the whole partnership from the last two
  // years up to yesterday (the demo's closed survey and profiles; not what other tests made
  // today) and publishes it in both languages.
  const staff = await browser.newContext({ javaScriptEnabled });
  const lead = await staff.newPage();
  const leadErrors = collectErrors(lead);
  await signIn(lead, LEAD);
  await lead.goto('/staff/engagement/publications');
  await axe(lead, javaScriptEnabled);
  await lead.getByLabel('Area').selectOption({ label: 'The whole partnership' });
  await lead.getByLabel('From').fill(day(-700));
  await lead.getByLabel('To').fill(day(-1));
  await lead.getByRole('button', { name: 'Draft it' }).click();
  await expect(lead.getByRole('status')).toContainText('Drafted from the data.');
  await axe(lead, javaScriptEnabled);
  // Drafted from real outcomes: a closed consultation and what closed profiles did.
  await expect(lead.getByText(/In our consultation “.+”, \d+ people answered\./).first()).toBeVisible();
  // No long numbers in public text: they are refused as possible phone numbers.
  await lead.getByLabel('Title in English').fill(`You said, we did: Cardiff this year (${info.project.name})`);
  await lead.getByLabel('Title in Welsh').fill(`Dywedoch chi, gwnaethom ni: Caerdydd eleni (${info.project.name})`);
  await lead.getByRole('button', { name: 'Save the draft' }).click();
  await expect(lead.getByRole('status')).toContainText('The draft is saved.');
  await lead.getByRole('link', { name: 'Preview it as the public will see it' }).click();
  await expect(lead.getByText('This is a preview')).toBeVisible();
  await axe(lead, javaScriptEnabled);
  await lead.getByRole('link', { name: 'Back to the publication' }).click();
  await lead.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(lead.getByRole('status')).toContainText('Published.');
  await axe(lead, javaScriptEnabled);
  await signOut(lead);
  expect(leadErrors).toEqual([]);
  await staff.close();

  // The subscriber is told in Welsh, with a one-click unsubscribe address in the headers.
  await expect.poll(() => mine().length, { timeout: 30_000 }).toBe(2);
  const told = mine().find(m => m !== confirmation && !m.subject.includes('Cadarnhewch'))!;
  expect(told.subject + told.body).toContain('Dywedoch chi, gwnaethom ni');
  expect(told.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  const oneClick = told.headers['list-unsubscribe'].match(/^<(https?:\/\/[^>]+)>$/)?.[1];
  expect(oneClick, told.headers['list-unsubscribe']).toBeTruthy();
  const path = new URL(oneClick!).pathname;
  expect(told.body).toContain(path);
  // As a mail provider does it (RFC 8058): a POST with that body, no cookie, no page.
  const unsubscribed = await page.request.post(path, { form: { 'List-Unsubscribe': 'One-Click' }, maxRedirects: 0 });
  expect(unsubscribed.status()).toBe(200);

  // The manage page says it has stopped.
  await page.goto(linkIn(told.body, /\/subscriptions\/[^/]+$/));
  await expect(page.getByText('Wedi dod i ben')).toBeVisible();
  await axe(page, javaScriptEnabled);

  // The neighbourhood's page, in Welsh: the publication listed, small counts hidden.
  await page.goto('/cy/partnerships/cardiff');
  await page.getByRole('link', { name: neighbourhood, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(neighbourhood);
  await expect(page.getByRole('link', { name: /Dywedoch chi, gwnaethom ni/ }).first()).toBeVisible();
  await expect(page.getByText(/llai na 10/).first()).toBeVisible();
  await axe(page, javaScriptEnabled);
  await page.getByRole('link', { name: /Dywedoch chi, gwnaethom ni/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Dywedoch chi, gwnaethom ni');
  await axe(page, javaScriptEnabled);
  expect(errors).toEqual([]);
});

test('a publication withdrawn for good says so in both languages, and a stop link\'s page reads in both', async ({ page, javaScriptEnabled }, info) => {
  const errors = collectErrors(page);
  // The lead drafts and publishes a short publication, then withdraws it.
  await signIn(page, LEAD);
  await page.goto('/staff/engagement/publications');
  await page.getByLabel('Area').selectOption({ label: 'The whole partnership' });
  await page.getByLabel('From').fill(day(-700));
  await page.getByLabel('To').fill(day(-1));
  await page.getByRole('button', { name: 'Draft it' }).click();
  await expect(page.getByRole('status')).toContainText('Drafted from the data.');
  // The residents' words that may be quoted (or that none may), checked by axe with the rest.
  await expect(page.getByRole('heading', { name: 'Residents\' words you may quote' })).toBeVisible();
  await page.getByLabel('Title in English').fill(`Withdrawn later (${info.project.name})`);
  await page.getByLabel('Title in Welsh').fill(`Tynnwyd yn ôl wedyn (${info.project.name})`);
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByRole('status')).toContainText('The draft is saved.');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Published.');
  const staffPage = new URL(page.url()).pathname;
  await signOut(page);
  // Only a partnership manager (or an administrator) withdraws.
  await signIn(page, 'csp-manager@demo.cymuned.cymru');
  await page.goto(staffPage);
  await page.getByLabel('Why it was withdrawn, in English (shown publicly)').fill('It said more than it should about one street.');
  await page.getByLabel('Why it was withdrawn, in Welsh (shown publicly)').fill('Roedd yn dweud mwy nag y dylai am un stryd.');
  await page.getByRole('button', { name: 'Withdraw for good' }).click();
  await expect(page.getByRole('status')).toContainText('Withdrawn: its texts are removed');
  await axe(page, javaScriptEnabled);
  const id = staffPage.match(/publications\/(\d+)/)?.[1];
  expect(id, staffPage).toBeTruthy();
  await signOut(page);

  // The public page keeps only that it was withdrawn, when and why, in each language.
  await page.goto(`/you-said-we-did/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Withdrawn publication');
  await expect(page.getByText('It said more than it should about one street.')).toBeVisible();
  await expect(page.getByText(`Withdrawn later (${info.project.name})`)).toHaveCount(0);
  await axe(page, javaScriptEnabled);
  await page.goto(`/cy/you-said-we-did/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cyhoeddiad wedi\'i dynnu\'n ôl');
  await expect(page.getByText('Roedd yn dweud mwy nag y dylai am un stryd.')).toBeVisible();
  await axe(page, javaScriptEnabled);

  // A stop link that is not known (copied wrongly): the page says so, in each language.
  await page.goto('/stop-news/not-a-real-link-0000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stop being told');
  await expect(page.getByRole('status')).toContainText('not known');
  await axe(page, javaScriptEnabled);
  await page.goto('/cy/stop-news/not-a-real-link-0000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Peidio â chael gwybod');
  await expect(page.getByRole('status')).toContainText('Nid yw\'r ddolen hon yn hysbys');
  await axe(page, javaScriptEnabled);
  expect(errors).toEqual([]);
});
