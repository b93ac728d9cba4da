import { test, expect, devices, Browser, Page, TestInfo } from '@playwright/test';
import { collectErrors, expectAccessible, receivedEmails, signIn, signOut } from './helpers';

/** Engagement (issue 13) end to end, in the demo hub: a bilingual survey built and published,
 *  answered by residents, entered by staff, its results suppressed, and what residents said
 *  turned into priorities and intelligence. Both projects run against one hub, so every campaign
 *  has a title of its own (the test, the project and the time). */

const LEAD = 'engagement-lead@demo.cymuned.cymru';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The outcome of a form, said in a status message (a campaign page may hold others: overlaps). */
async function said(page: Page, words: string) {
  await expect(page.getByRole('status').filter({ hasText: words })).toBeVisible();
}

/** A title no other test or project uses. */
function unique(words: string, info: TestInfo): string {
  return `${words} ${info.project.name === 'with-javascript' ? 'JS' : 'HTML'} ${Date.now()}`;
}

/** What a survey asks: one choice (required), then free text. */
export const SURVEY = {
  q1: { en: 'Do you feel safe in your street after dark?', cy: 'Ydych chi\'n teimlo\'n ddiogel yn eich stryd ar ôl iddi nosi?' },
  yes: { en: 'Yes', cy: 'Ydw' },
  no: { en: 'No', cy: 'Nac ydw' },
  q2: { en: 'What would make your street safer?', cy: 'Beth fyddai\'n gwneud eich stryd yn fwy diogel?' },
  /** Asked only by a survey built with `place` (a place question, q3). */
  q3: { en: 'Where do you feel least safe?', cy: 'Ble rydych chi\'n teimlo leiaf diogel?' },
};

export interface Campaign { id: string; slug: string; title: string; titleCy: string }

/** As the signed-in engagement lead: plans a campaign in Adamsdown (online survey and street
 *  briefing), builds the bilingual survey, publishes it and opens the campaign. Checks every
 *  page with axe when `check` (and JavaScript runs: axe needs it). `place`: the survey also
 *  asks a place question (q3, after the free text). */
async function publishedCampaign(page: Page, title: string, check: boolean, kin = false, place = false): Promise<Campaign> {
  const axe = async () => { if (check) await expectAccessible(page); };
  const titleCy = `Diogelwch y stryd ${title.replace(/^\D+/, '')}`;
  await page.goto('/staff/engagement');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Engagement campaigns');
  await axe();
  const plan = page.locator('form', { has: page.getByRole('button', { name: 'Plan the campaign' }) });
  await plan.getByLabel('Title in English').fill(title);
  await plan.getByLabel('Title in Welsh').fill(titleCy);
  await plan.getByLabel('Purpose in English').fill('To hear how safe residents feel in their street.');
  await plan.getByLabel('Purpose in Welsh').fill('Clywed pa mor ddiogel mae trigolion yn teimlo yn eu stryd.');
  await plan.getByRole('group', { name: 'Neighbourhoods' }).getByLabel('Adamsdown', { exact: true }).check();
  const channels = plan.getByRole('group', { name: 'Channels' });
  if (kin) {
    await channels.getByLabel('Key Individual Network questionnaire').check();
  } else {
    await channels.getByLabel('Online survey').check();
    await channels.getByLabel('Street briefing').check();
  }
  await plan.getByLabel('First day').fill(inDays(0));
  await plan.getByLabel('Last day').fill(inDays(30));
  await plan.getByLabel('One response per person').selectOption(kin ? 'one_per_link' : 'open');
  await plan.getByLabel('Results published by').fill(inDays(60));
  await plan.getByRole('button', { name: 'Plan the campaign' }).click();
  await said(page, 'The campaign is planned.');
  const id = /\/staff\/engagement\/(\d+)/.exec(page.url())![1];
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  const slug = /\/have-your-say\/([a-z0-9-]+)/.exec((await page.locator('code', { hasText: '/have-your-say/' }).textContent()) ?? '')![1];
  await axe();

  // The builder: an empty survey, a one-choice question and a free-text one, in both languages.
  await page.getByRole('link', { name: 'Build the survey' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Survey: ${title}`);
  await axe();
  await page.getByRole('button', { name: 'Start an empty survey' }).click();
  await said(page, 'The survey is started.');
  const add = page.locator('form', { has: page.locator('#add-kind') });
  await add.getByLabel('Type of question').selectOption({ label: 'One choice' });
  await add.getByLabel('The question in English').fill(SURVEY.q1.en);
  await add.getByLabel('The question in Welsh').fill(SURVEY.q1.cy);
  await add.getByRole('button', { name: 'Add the question' }).click();
  await said(page, 'The survey\'s draft is saved.');
  const q1 = page.locator('form#question-q1');
  await q1.getByLabel('Option 1 in English').fill(SURVEY.yes.en);
  await q1.getByLabel('Option 1 in Welsh').fill(SURVEY.yes.cy);
  await q1.getByLabel('Option 2 in English').fill(SURVEY.no.en);
  await q1.getByLabel('Option 2 in Welsh').fill(SURVEY.no.cy);
  await q1.getByLabel('An answer is required').check();
  await q1.getByRole('button', { name: 'Save the question' }).click();
  await said(page, 'The survey\'s draft is saved.');
  await add.getByLabel('Type of question').selectOption({ label: 'Free text' });
  await add.getByLabel('The question in English').fill(SURVEY.q2.en);
  await add.getByLabel('The question in Welsh').fill(SURVEY.q2.cy);
  await add.getByRole('button', { name: 'Add the question' }).click();
  await said(page, 'The survey\'s draft is saved.');
  if (place) {
    await add.getByLabel('Type of question').selectOption({ label: 'Place (ward)' });
    await add.getByLabel('The question in English').fill(SURVEY.q3.en);
    await add.getByLabel('The question in Welsh').fill(SURVEY.q3.cy);
    await add.getByRole('button', { name: 'Add the question' }).click();
    await said(page, 'The survey\'s draft is saved.');
  }
  await expect(page.getByText('Nothing stops the draft being published.')).toBeVisible();
  await axe();

  // The Welsh preview, as residents will see it.
  await page.getByRole('link', { name: 'in Welsh' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Survey preview');
  const preview = page.locator('.survey-preview[lang="cy"]');
  await expect(preview.getByRole('heading', { name: titleCy })).toBeVisible();
  await expect(preview.getByRole('group', { name: SURVEY.q1.cy })).toBeVisible();
  await expect(preview.getByLabel(SURVEY.no.cy, { exact: true })).toBeDisabled();
  await axe();
  await page.goto(`/staff/engagement/${id}/survey`);

  await page.getByRole('button', { name: 'Publish the draft' }).click();
  await said(page, 'The survey is published as a new version.');
  await expect(page.getByRole('link', { name: /^Version 1, published/ })).toBeVisible();
  await axe();

  // Open for responses.
  await page.goto(`/staff/engagement/${id}`);
  await page.getByRole('button', { name: 'Open the campaign' }).click();
  await said(page, 'The campaign\'s status is changed.');
  await expect(page.getByText('This campaign is Open for responses.')).toBeVisible();
  await axe();
  return { id, slug, title, titleCy };
}

test('a bilingual survey is built, previewed in Welsh and published, and the campaign opened', async ({ page, javaScriptEnabled }, info) => {
  const errors = collectErrors(page);
  await signIn(page, LEAD);
  const campaign = await publishedCampaign(page, unique('Feeling safe after dark', info), javaScriptEnabled);
  // The campaign is on the list and the partnership calendar.
  await page.goto('/staff/engagement');
  await expect(page.getByRole('row', { name: new RegExp(campaign.title) }).first()).toContainText('Open for responses');
  const calendar = page.getByRole('table', { name: /^Campaigns by neighbourhood/ });
  await expect(calendar.getByRole('row', { name: /Adamsdown/ }).getByRole('link', { name: campaign.title }).first()).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  // The Welsh campaign page names it in Welsh.
  await page.goto(`/cy/staff/engagement/${campaign.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(campaign.titleCy);
  if (javaScriptEnabled) await expectAccessible(page);
  await signOut(page, 'cy');
  expect(errors).toEqual([]);
});

/** As the signed-in lead: adds a consenting member in Adamsdown to the Key Individual Network
 *  and sends the campaign's questionnaire; the personal link (a path) from the email. */
async function kinQuestionnaire(page: Page, campaign: Campaign, name: string, check: boolean): Promise<string> {
  await page.goto('/staff/engagement/kin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Key Individual Network');
  if (check) await expectAccessible(page);
  const add = page.locator('form', { has: page.getByRole('button', { name: 'Add member' }) });
  await add.getByLabel('Neighbourhood').selectOption({ label: 'Adamsdown' });
  await add.getByLabel('Name', { exact: true }).fill(name);
  await add.getByLabel('Email address').fill(`kin.${Date.now()}@example.cymru`);
  await add.getByRole('group', { name: 'Language for messages' }).getByLabel('English').check();
  await add.getByLabel('Role in the community').fill('Chair of the tenants\' association');
  await add.getByLabel('Groups they can speak for').fill('Older residents of the flats');
  await add.getByLabel('They agreed to be contacted by the partnership').check();
  await add.getByLabel('Day consent was given').fill(inDays(0));
  await add.getByLabel('Review the membership on').fill(inDays(365));
  await add.getByRole('button', { name: 'Add member' }).click();
  await said(page, 'The member was added to the network.');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Not sent');
  if (check) await expectAccessible(page);

  // The questionnaire goes out through the real SMTP server.
  const send = page.locator('form', { has: page.getByRole('button', { name: 'Send this quarter\'s questionnaire' }) });
  await send.getByLabel('Campaign').selectOption({ label: campaign.title });
  await send.getByRole('button', { name: 'Send this quarter\'s questionnaire' }).click();
  await said(page, 'This quarter\'s questionnaire was sent.');
  await expect(row).toContainText('Sent on');
  if (check) await expectAccessible(page);
  const mine = () => receivedEmails().filter(m => m.body.includes(`Dear ${name},`));
  await expect.poll(() => mine().length, { timeout: 20_000 }).toBe(1);
  const email = mine()[0];
  expect(email.subject).toMatch(/^Your quarterly questionnaire from /);
  expect(email.body).toContain(campaign.title);
  return /https?:\/\/\S+?(\/have-your-say\/[a-z0-9-]+\/link\/\S+)/.exec(email.body)![1];
}

test('a KIN member is recorded, sent the quarterly questionnaire through the SMTP server once a quarter, and answers through the personal link', async ({ page, browser, javaScriptEnabled }, info) => {
  const errors = collectErrors(page);
  await signIn(page, LEAD);
  const campaign = await publishedCampaign(page, unique('KIN quarterly questionnaire', info), false, true);
  const name = unique('Gwen Morgan', info);
  const link = await kinQuestionnaire(page, campaign, name, javaScriptEnabled);
  expect(link).toContain(`/have-your-say/${campaign.slug}/link/`);
  // Sending again this quarter sends nothing more to the member.
  const send = page.locator('form', { has: page.getByRole('button', { name: 'Send this quarter\'s questionnaire' }) });
  await send.getByLabel('Campaign').selectOption({ label: campaign.title });
  await send.getByRole('button', { name: 'Send this quarter\'s questionnaire' }).click();
  await said(page, 'had already been sent theirs this quarter');
  await page.waitForTimeout(1000);
  expect(receivedEmails().filter(m => m.body.includes(`Dear ${name},`))).toHaveLength(1);
  await signOut(page);

  // The member answers through the personal link, which works once.
  const member = await resident(browser, info, { javaScriptEnabled });
  await member.page.goto(link);
  await expect(member.page.getByRole('heading', { level: 1 })).toContainText(campaign.title);
  const words = `The new street lights by the flats have helped, case ${Date.now().toString(36)}`;
  await answerSurvey(member.page, 'en', true, words, javaScriptEnabled);
  await member.page.goto(link);
  await expect(member.page.getByRole('heading', { level: 1 })).not.toHaveText(WORDS.en.thanks);
  await expect(member.page.getByRole('button', { name: WORDS.en.send })).toHaveCount(0);
  await expect(member.page.getByRole('button', { name: WORDS.en.next })).toHaveCount(0);
  await member.context.close();

  // The register shows it answered; the member's page has the answer, ready to become intelligence.
  await signIn(page, LEAD);
  await page.goto('/staff/engagement/kin');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Answered');
  if (javaScriptEnabled) await expectAccessible(page);
  await page.getByRole('link', { name: `Open ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  const answer = page.getByRole('row', { name: new RegExp(words) });
  await expect(answer).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  await answer.getByRole('link', { name: 'Record as intelligence' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Record intelligence from engagement');
  await expect(page.getByText(`Campaign “${campaign.title}”, question q2`)).toBeVisible();
  // Answered through a KIN member's personal link: a Key Individual Network answer.
  await expect(page.getByRole('heading', { name: 'From a Key Individual Network answer' })).toBeVisible();
  await expect(page.getByLabel('Sanitised summary')).toHaveValue(new RegExp(words));
  if (javaScriptEnabled) await expectAccessible(page);
  await signOut(page);
  expect(errors).toEqual([]);
});

test('a neighbourhood priority is set from what residents said, linked to a problem profile', async ({ page, javaScriptEnabled }, info) => {
  const errors = collectErrors(page);
  await signIn(page, LEAD);
  await page.goto('/staff/engagement/priorities');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neighbourhood priorities');
  if (javaScriptEnabled) await expectAccessible(page);
  // Each project its own neighbourhood (at most three priorities per neighbourhood and quarter).
  const neighbourhood = page.getByLabel('Neighbourhood', { exact: true });
  await neighbourhood.selectOption({ index: info.project.name === 'with-javascript' ? 1 : 2 });
  const area = (await neighbourhood.locator('option:checked').textContent())!.trim();
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Priorities for Quarter \d, \d{4} \(\d of 3\)$/ })).toBeVisible();
  const title = unique('Drug dealing near the shops', info);
  await page.getByLabel('Priority in English').fill(title);
  await page.getByLabel('Priority in Welsh').fill(`Delio cyffuriau ger y siopau ${title.replace(/^\D+/, '')}`);
  await page.getByLabel('Why:').fill('Most residents answering the street survey named it; three intelligence items agree.');
  const profile = page.getByRole('group', { name: 'Problem profiles' }).getByRole('checkbox').first();
  const profileLabel = (await page.locator(`label[for="${await profile.getAttribute('id')}"]`).textContent())!.trim();
  await profile.check();
  await page.getByRole('button', { name: 'Set the priority' }).click();
  await said(page, 'The priority is set.');
  const card = page.locator('article', { has: page.getByRole('heading', { name: title }) });
  await expect(card).toContainText('Worked on by:');
  await expect(card.getByRole('link', { name: profileLabel })).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  // The profile names the community's priority.
  await card.getByRole('link', { name: profileLabel }).click();
  await expect(page.getByText(`Community priority in ${area}: ${title}`)).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  await signOut(page);
  expect(errors).toEqual([]);
});

/** Grades an item on the record form: 2 B P. */
async function grade(page: Page) {
  await page.getByLabel('2 untested').check();
  await page.getByLabel('B known indirectly, corroborated').check();
  await page.getByLabel('P lawful sharing permitted').check();
}

/** As the signed-in analyst: the item is on the tasking agenda's intelligence, with its grade. */
async function onTheAgenda(page: Page, item: string, words: string, origin: string, check: boolean) {
  await page.goto('/staff/tasking');
  const agenda = page.locator('section', { has: page.getByRole('heading', { name: /^4\. Intelligence graded since the last meeting/ }) });
  const line = agenda.getByRole('listitem').filter({ hasText: item });
  await expect(line).toContainText(words);
  await expect(line).toContainText(origin);
  await expect(line).toContainText('Adamsdown');
  await expect(line.getByRole('link', { name: item })).toHaveAttribute('href', new RegExp(`/staff/intelligence#${item}$`));
  if (check) await expectAccessible(page);
}

test('what a street briefing heard is recorded as a graded intelligence item and is on the tasking agenda', async ({ page, javaScriptEnabled }) => {
  const errors = collectErrors(page);
  await signIn(page, 'officer@demo.cymuned.cymru');
  await page.goto('/staff/intelligence/record');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Record intelligence from engagement');
  if (javaScriptEnabled) await expectAccessible(page);
  const words = `Youths gathering behind the community centre late at night, case ${Date.now().toString(36)}`;
  await page.getByLabel('Where it was heard').selectOption({ label: 'Street briefing' });
  await page.getByLabel('Neighbourhood', { exact: true }).selectOption({ label: 'Adamsdown' });
  // A summary naming someone's phone is refused, kept as typed.
  await page.getByLabel('Sanitised summary').fill(`${words}; ring 07700 900123`);
  await grade(page);
  await page.getByRole('button', { name: 'Record the item' }).click();
  await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'The text still contains a name, an email address or a phone number.' }).first()).toBeVisible();
  await expect(page.getByLabel('Sanitised summary')).toHaveValue(`${words}; ring 07700 900123`);
  if (javaScriptEnabled) await expectAccessible(page);
  await page.getByLabel('Sanitised summary').fill(words);
  await grade(page);
  await page.getByRole('button', { name: 'Record the item' }).click();
  await said(page, 'The intelligence item is recorded.');
  const item = /item=(INT-\d+)/.exec(page.url())![1];
  await signOut(page);

  await signIn(page, 'analyst@demo.cymuned.cymru');
  await onTheAgenda(page, item, words, 'Street briefing', javaScriptEnabled);
  await signOut(page);
  expect(errors).toEqual([]);
});

/** The words of a resident's survey page in each language. */
const WORDS = {
  en: { next: 'Save and continue', send: 'Send my answers', thanks: 'Thank you', email: 'Email address', copy: 'Email me a copy' },
  cy: { next: 'Cadw a pharhau', send: 'Anfon fy atebion', thanks: 'Diolch', email: 'Cyfeiriad e-bost', copy: 'Anfonwch gopi ataf' },
};

/** Answers the survey on `page` (at its first step) in `lang`: the choice, the free text, then
 *  on through the optional steps (equality monitoring) to "send my answers". */
async function answerSurvey(page: Page, lang: 'en' | 'cy', safe: boolean, text: string, check: boolean) {
  const w = WORDS[lang];
  await page.getByRole('group', { name: SURVEY.q1[lang] }).getByLabel((safe ? SURVEY.yes : SURVEY.no)[lang], { exact: true }).check();
  await page.getByLabel(SURVEY.q2[lang]).fill(text);
  if (check) await expectAccessible(page);
  for (let step = 0; step < 6; step++) {
    const send = page.getByRole('button', { name: w.send });
    if (await send.count()) {
      if (check) await expectAccessible(page);
      await send.click();
      break;
    }
    await page.getByRole('button', { name: w.next }).click();
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.thanks);
  if (check) await expectAccessible(page);
}

/** A resident's own browser: `javaScriptEnabled` as given, optionally a phone. */
async function resident(browser: Browser, info: TestInfo, options: { javaScriptEnabled: boolean; phone?: boolean }) {
  const { defaultBrowserType: _, ...phone } = devices['Pixel 7'];
  const context = await browser.newContext({
    ...(options.phone ? phone : {}),
    baseURL: info.project.use.baseURL,
    javaScriptEnabled: options.javaScriptEnabled,
  });
  return { context, page: await context.newPage() };
}

test('residents answer in Welsh without JavaScript and in English on a phone, and get a copy by email', async ({ page, browser, javaScriptEnabled }, info) => {
  await signIn(page, LEAD);
  const campaign = await publishedCampaign(page, unique('Have your say on your street', info), false);
  await signOut(page);

  // In Welsh, with JavaScript off.
  const welsh = await resident(browser, info, { javaScriptEnabled: false });
  await welsh.page.goto(`/cy/have-your-say/${campaign.slug}`);
  await expect(welsh.page.getByRole('heading', { level: 1 })).toContainText(campaign.titleCy);
  await expect(welsh.page.locator('html')).toHaveAttribute('lang', 'cy');
  const words = `Mwy o oleuadau stryd ${Date.now()}`;
  await answerSurvey(welsh.page, 'cy', false, words, false);
  await expect(welsh.page.getByRole('status').filter({ hasText: campaign.titleCy })).toContainText('wedi dod i law');
  const address = `preswylydd.${Date.now()}@example.cymru`;
  await welsh.page.getByLabel(WORDS.cy.email).fill(address);
  await welsh.page.getByRole('button', { name: WORDS.cy.copy }).click();
  await expect(welsh.page.getByText('Mae copi o\'ch atebion ar ei ffordd i\'ch e-bost.')).toBeVisible();
  await welsh.context.close();
  const subject = `Eich atebion: ${campaign.titleCy}`;
  await expect.poll(() => receivedEmails().filter(m => m.subject === subject).length, { timeout: 20_000 }).toBe(1);
  const copy = receivedEmails().find(m => m.subject === subject)!;
  expect(copy.body).toContain(words);
  expect(copy.body).toContain(SURVEY.no.cy);

  // The Welsh pages are accessible too (axe needs JavaScript: checked in that project).
  if (javaScriptEnabled) {
    await page.goto(`/cy/have-your-say/${campaign.slug}`);
    await expect(page.getByText(SURVEY.q1.cy)).toBeVisible();
    await expectAccessible(page);
  }

  // In English on a phone.
  const phone = await resident(browser, info, { javaScriptEnabled, phone: true });
  const errors = collectErrors(phone.page);
  await phone.page.goto(`/have-your-say/${campaign.slug}`);
  await expect(phone.page.getByRole('heading', { level: 1 })).toContainText(campaign.title);
  await expect(phone.page.getByText(SURVEY.q1.cy)).toHaveCount(0);
  if (javaScriptEnabled) {
    // Nothing wider than the phone's screen.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
  await answerSurvey(phone.page, 'en', true, 'Better lighting by the park gates.', javaScriptEnabled);
  await expect(phone.page.getByRole('status').filter({ hasText: campaign.title })).toContainText('have been received');
  expect(errors).toEqual([]);
  await phone.context.close();
});

/** As the signed-in officer: enters one street-briefing response in Welsh; its number. */
async function streetBriefing(page: Page, campaign: Campaign, text: string, check: boolean): Promise<string> {
  await page.goto(`/staff/engagement/${campaign.id}/enter`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Enter a response: ${campaign.title}`);
  if (check) await expectAccessible(page);
  await page.getByLabel('Channel').selectOption({ label: 'Street briefing' });
  await page.getByLabel('Language of the response').selectOption('cy');
  await page.getByLabel('Neighbourhood (ward)').selectOption({ label: 'Adamsdown' });
  await page.getByRole('group', { name: SURVEY.q1.en }).getByLabel(SURVEY.no.en, { exact: true }).check();
  await page.getByLabel(SURVEY.q2.en).fill(text);
  await page.getByRole('button', { name: 'Save this response' }).click();
  await said(page, 'Response saved. The form is clear for the next person.');
  // The form is clear; the response is the newest in the list, entered by the officer.
  await expect(page.getByLabel(SURVEY.q2.en)).toHaveValue('');
  const newest = page.getByRole('table', { name: 'The latest responses to this campaign, newest first' }).getByRole('row').nth(1);
  await expect(newest).toContainText('Street briefing');
  if (check) await expectAccessible(page);
  return (await newest.getByRole('rowheader').textContent())!.trim().replace('#', '');
}

test('an officer enters a street-briefing response; the results show every small count as "fewer than 10"', async ({ page, browser, javaScriptEnabled }, info) => {
  const errors = collectErrors(page);
  await signIn(page, LEAD);
  const campaign = await publishedCampaign(page, unique('Street briefing in Adamsdown', info), false);
  await signOut(page);
  // Two residents answer online.
  for (const safe of [true, false]) {
    const someone = await resident(browser, info, { javaScriptEnabled });
    await someone.page.goto(`/have-your-say/${campaign.slug}`);
    await answerSurvey(someone.page, 'en', safe, 'More patrols in the evening.', false);
    await someone.context.close();
  }

  await signIn(page, 'officer@demo.cymuned.cymru');
  await streetBriefing(page, campaign, 'Mae angen mwy o batrolau gyda\'r nos.', javaScriptEnabled);
  await signOut(page);

  // The analyst reads the results: three responses, each count hidden.
  await signIn(page, 'analyst@demo.cymuned.cymru');
  await page.goto(`/staff/engagement/${campaign.id}/results`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results: ${campaign.title}`);
  await expect(page.getByText('Responses counted: fewer than 10')).toBeVisible();
  const table = page.getByRole('table', { name: `Numbers for “${SURVEY.q1.en}”` });
  for (const answer of [SURVEY.yes.en, SURVEY.no.en]) {
    await expect(table.getByRole('row', { name: new RegExp(`^${answer}\\b`) }).getByRole('cell').first()).toHaveText('fewer than 10');
  }
  await expect(page.locator('main')).not.toContainText(/Responses counted: \d/);
  if (javaScriptEnabled) await expectAccessible(page);
  // Filtered to street briefings: still hidden.
  await page.getByLabel('How the response came in').selectOption({ label: 'Street briefing' });
  await page.getByRole('button', { name: 'Show results' }).click();
  await expect(page.getByText('Only some responses are counted.')).toBeVisible();
  await expect(page.getByText('Responses counted: fewer than 10')).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(page);
  // In Welsh.
  await page.goto(`/cy/staff/engagement/${campaign.id}/results`);
  await expect(page.getByText('Ymatebion a gyfrifwyd: llai na 10')).toBeVisible();
  await expect(page.getByRole('table').first().getByRole('cell').first()).toHaveText('llai na 10');
  if (javaScriptEnabled) await expectAccessible(page);
  await signOut(page, 'cy');
  expect(errors).toEqual([]);
});

test('a survey answer becomes a graded intelligence item on the tasking agenda', async ({ page, javaScriptEnabled }, info) => {
  const errors = collectErrors(page);
  await signIn(page, LEAD);
  const campaign = await publishedCampaign(page, unique('Intelligence from the street', info), false);
  await signOut(page);
  await signIn(page, 'officer@demo.cymuned.cymru');
  const words = `Dealing from a blue van outside the shop every evening, case ${Date.now().toString(36)}`;
  const response = await streetBriefing(page, campaign, `${words}. Call me on 07700 900123.`, false);

  await page.goto(`/staff/intelligence/record?response=${response}&question=q2`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Record intelligence from engagement');
  await expect(page.getByRole('heading', { name: 'From a survey answer' })).toBeVisible();
  await expect(page.getByText(`Campaign “${campaign.title}”, question q2`)).toBeVisible();
  await expect(page.getByLabel('Where it was heard').locator('option:checked')).toHaveText('Survey answer');
  await expect(page.getByLabel('Neighbourhood', { exact: true }).locator('option:checked')).toHaveText('Adamsdown');
  // The answer comes with the phone number taken out.
  const summary = page.getByLabel('Sanitised summary');
  await expect(summary).toHaveValue(new RegExp(words));
  await expect(summary).not.toHaveValue(/07700/);
  if (javaScriptEnabled) await expectAccessible(page);
  await summary.fill(words);
  await grade(page);
  await page.getByRole('button', { name: 'Record the item' }).click();
  await said(page, 'The intelligence item is recorded.');
  const item = /item=(INT-\d+)/.exec(page.url())![1];
  // Opened again from the same answer, the page names the item already made from it.
  await page.goto(`/staff/intelligence/record?response=${response}&question=q2`);
  await expect(page.getByText(`Items already recorded from this response: ${item}`)).toBeVisible();
  await signOut(page);

  await signIn(page, 'analyst@demo.cymuned.cymru');
  await onTheAgenda(page, item, words, 'Survey answer', javaScriptEnabled);
  await signOut(page);
  expect(errors).toEqual([]);
});

/** Whether the page loads the browser bundle (the islands' hydration script). */
async function loadsBundle(page: Page): Promise<boolean> {
  return page.evaluate(() => [...document.querySelectorAll('script')].some(s => s.src.includes('/pkg/') || (s.textContent ?? '').includes('hydrateIslands')));
}

test('a place question: a pin on the map chooses the ward (the list does without JavaScript), and only the ward is kept', async ({ page, browser, javaScriptEnabled }, info) => {
  await signIn(page, LEAD);
  const campaign = await publishedCampaign(page, unique('Where you feel safe', info), false, false, true);
  await signOut(page);

  const someone = await resident(browser, info, { javaScriptEnabled });
  const errors = collectErrors(someone.page);
  const p = someone.page;
  await p.goto(`/have-your-say/${campaign.slug}`);
  await expect(p.getByRole('heading', { level: 1 })).toContainText(campaign.title);
  const list = p.getByLabel(SURVEY.q3.en);
  await expect(list.locator('option:checked')).toHaveText('Choose a ward');
  const map = p.getByRole('region', { name: 'Map of the wards this survey asks about' });
  const status = p.locator('.location-status');
  if (javaScriptEnabled) {
    // The campaign's one ward is drawn (no tiles here: the outline is enough).
    expect(await loadsBundle(p)).toBe(true);
    await expect(map.locator('.leaflet-overlay-pane path')).toHaveCount(1);
    await expectAccessible(p);
    // A pin in the ward chooses it in the list.
    await map.scrollIntoViewIfNeeded();
    const ward = (await map.locator('.leaflet-overlay-pane path').boundingBox())!;
    await p.mouse.click(ward.x + ward.width / 2, ward.y + ward.height / 2);
    await expect(status).toHaveText('Ward chosen: Adamsdown.');
    await expect(p.locator('.leaflet-marker-icon')).toBeVisible();
    await expect(list.locator('option:checked')).toHaveText('Adamsdown');
    // A pin outside the campaign's wards (the corner of the map, zoomed out) chooses nothing
    // and says so; the list keeps the resident's choice.
    for (let i = 0; i < 3; i++) {
      await map.getByRole('button', { name: 'Zoom out' }).click();
      await expect(map.locator('.leaflet-zoom-anim')).toHaveCount(0);
    }
    await p.waitForTimeout(300);
    const frame = (await map.boundingBox())!;
    await p.mouse.click(frame.x + 6, frame.y + frame.height - 6);
    await expect(status).toHaveText('That place is not in a ward this survey asks about. Choose a ward from the list.');
    await expect(list.locator('option:checked')).toHaveText('Adamsdown');
    await expectAccessible(p);
    // No point goes with the answers: the form has no field for one.
    await expect(p.locator('input[name="lat"], input[name="lon"]')).toHaveCount(0);
  } else {
    // Without JavaScript the ward list is the question, as ever.
    await expect(map).toBeHidden();
    await list.selectOption({ label: 'Adamsdown' });
  }
  await p.getByRole('group', { name: SURVEY.q1.en }).getByLabel(SURVEY.yes.en, { exact: true }).check();
  await p.getByLabel(SURVEY.q2.en).fill('More light on the lane.');
  for (let step = 0; step < 6; step++) {
    const send = p.getByRole('button', { name: WORDS.en.send });
    if (await send.count()) {
      await send.click();
      break;
    }
    await p.getByRole('button', { name: WORDS.en.next }).click();
    // A step with no place question loads no script.
    if (javaScriptEnabled) expect(await loadsBundle(p)).toBe(false);
  }
  await expect(p.getByRole('heading', { level: 1 })).toHaveText(WORDS.en.thanks);
  // The response is stored with its ward: the emailed copy of the answers names it.
  const address = `place.${Date.now()}@example.cymru`;
  await p.getByLabel(WORDS.en.email).fill(address);
  await p.getByRole('button', { name: WORDS.en.copy }).click();
  const subject = `Your answers: ${campaign.title}`;
  await expect.poll(() => receivedEmails().filter(m => m.subject === subject).length, { timeout: 20_000 }).toBe(1);
  const copy = receivedEmails().find(m => m.subject === subject)!;
  expect(copy.body).toMatch(/Where do you feel least safe\?\r?\nAdamsdown/);
  expect(errors).toEqual([]);
  await someone.context.close();
});
