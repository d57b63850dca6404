/** Where the browser journeys' mail sink writes what the app sends (playwright.config.ts starts it). */
export const E2E_MAIL_DIR = 'tests/.artifacts/e2e-mail';
