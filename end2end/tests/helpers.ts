import { expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';

export const DEMO_PASSWORD = 'cymuned-demo-2026';

/** Zero axe-core violations for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  expect(results.passes.length, 'axe ran its checks').toBeGreaterThan(10);
}

/** Map tiles come from the internet, which these tests do not have: the report form's map
 *  must work without them. Tests about the map serve or cut off tiles themselves. */
export const MAP_TILES = /^https:\/\/tile\.openstreetmap\.org\//;

/** Collects script errors (a failed hydration shows up here) for a test to assert on.
 *  `ignoreFrom`: resources allowed to fail (by default map tiles; `null` for none). */
export function collectErrors(page: Page, ignoreFrom: RegExp | null = MAP_TILES): string[] {
  const errors: string[] = [];
  // Each page's Content-Security-Policy as the server sent it, to explain a blocked script.
  const policies = new Map<string, string>();
  page.on('response', r => {
    if (r.request().resourceType() === 'document') policies.set(r.url(), `${r.status()} ${r.headers()['content-security-policy'] ?? '(no policy)'}`);
  });
  page.on('pageerror', e => errors.push(e.message));
  page.on('console', m => {
    if (m.type() !== 'error') return;
    const url = m.location().url;
    if (ignoreFrom && ignoreFrom.test(url)) return;
    const policy = m.text().includes('Content Security Policy') ? ` [served as: ${policies.get(url) ?? 'not seen'}]` : '';
    errors.push(`${m.text()} (${url})${policy}`);
  });
  return errors;
}

/** The emails a real SMTP server (aiosmtpd, started by .ci/test) has received, decoded. */
export function receivedEmails(): { to: string; subject: string; body: string; headers: Record<string, string> }[] {
  const maildir = process.env.CYMUNED_E2E_MAILDIR;
  if (!maildir) throw new Error('CYMUNED_E2E_MAILDIR is not set: run the end-to-end tests through .ci/test');
  const script = [
    'import email, email.header, mailbox, sys, json',
    'box = mailbox.Maildir(sys.argv[1], create=False)',
    'out = []',
    'for m in box:',
    "    subject = str(email.header.make_header(email.header.decode_header(m['subject'])))",
    "    headers = {k.lower(): str(email.header.make_header(email.header.decode_header(v))) for k, v in m.items()}",
    "    out.append({'to': m['to'], 'subject': subject, 'body': m.get_payload(decode=True).decode('utf-8'), 'headers': headers})",
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, maildir]).toString());
}

/** Waits until the page is interactive: hydrated when JavaScript runs, loaded otherwise. */
export async function settle(page: Page) {
  await page.waitForLoadState('load');
}

export async function signIn(page: Page, email: string, lang: 'en' | 'cy' = 'en') {
  await page.goto(lang === 'cy' ? '/cy/sign-in' : '/sign-in');
  await page.getByLabel(lang === 'cy' ? 'Cyfeiriad e-bost' : 'Email address').fill(email);
  await page.getByLabel(lang === 'cy' ? 'Cyfrinair' : 'Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: lang === 'cy' ? 'Mewngofnodi' : 'Sign in', exact: true }).click();
  await page.waitForURL(/\/staff$/);
}

export async function signOut(page: Page, lang: 'en' | 'cy' = 'en') {
  await page.getByRole('button', { name: lang === 'cy' ? 'Allgofnodi' : 'Sign out' }).click();
  await page.waitForURL(/sign-in\?signed_out=1/);
}

/** Runs the hub's command line against the end-to-end hub's database (as an administrator
 *  would on the server), with `input` on standard input; its standard output. */
export function cymuned(args: string[], input = ''): string {
  const cli = process.env.CYMUNED_E2E_CLI;
  const database = process.env.CYMUNED_E2E_DATABASE_URL;
  if (!cli || !database) throw new Error('CYMUNED_E2E_CLI and CYMUNED_E2E_DATABASE_URL are not set: run the end-to-end tests through .ci/test');
  return execFileSync(cli, args, {
    input,
    env: { ...process.env, DATABASE_URL: database, CYMUNED_ENV: 'demo', CYMUNED_LOG: 'warn' },
  }).toString();
}
