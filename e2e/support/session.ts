import type { Page } from '@playwright/test';
import { AppShell } from '../pages/AppShell';
import { LoginPage } from '../pages/LoginPage';

/** Today's business date (Asia/Shanghai) by the real clock: what the hall server not under faketime uses. */
export function realBusinessToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Signs in through the login page of the server at origin ('' for the spec's baseURL) and waits for the shell. */
export async function signIn(page: Page, origin: string, user: { username: string; displayName: string; password: string }): Promise<AppShell> {
  await page.goto(`${origin}/`);
  await new LoginPage(page).logIn(user.username, user.password);
  const shell = new AppShell(page);
  await shell.expectSignedInAs(user.displayName);
  return shell;
}
