import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { E2E_MAIL_DIR, E2E_ORGANIZERS } from './tests/e2e/support/paths';

/**
 * Browser journeys against the production build (`node server.js`) on its own embedded
 * PostgreSQL. Where Debian's Chromium is installed (CI here, whose network cannot download
 * Playwright's browsers) it is used, with the flags that keep it quiet on a closed network;
 * elsewhere Playwright's own Chromium is used as usual. PLAYWRIGHT_CHROMIUM_PATH overrides both.
 */
const systemChromium =
	process.env.PLAYWRIGHT_CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const launchOptions = systemChromium
	? {
			executablePath: systemChromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	: {};

const port = Number(process.env.E2E_PORT ?? 4173);
const dataDir = 'tests/.artifacts/e2e-postgres';
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2526);
const mailDir = E2E_MAIL_DIR;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: 'tests/.artifacts/e2e-results',
	fullyParallel: true,
	workers: 2,
	forbidOnly: true,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: 'tests/.artifacts/e2e-report' }]],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions
	},
	projects: [
		{ name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
		// WCAG 1.4.10 reflow: everything must work at 320 CSS pixels wide.
		{ name: 'smal-320', use: { ...devices['Desktop Chrome'], channel: undefined, viewport: { width: 320, height: 720 } } },
		// Windows high-contrast mode and similar.
		{ name: 'hoog-contrast', use: { ...devices['Desktop Chrome'], channel: undefined, colorScheme: 'dark', forcedColors: 'active' } }
	],
	webServer: [
		{
			// A real SMTP server on loopback: every mail the app sends lands in `mailDir` as JSON
			// (tests read it with tests/e2e/support/mailbox.ts).
			command: `node tests/e2e/support/mail-sink-server.ts ${smtpPort} ${mailDir}`,
			port: smtpPort,
			reuseExistingServer: false,
			timeout: 30_000,
			stdout: 'ignore',
			stderr: 'pipe'
		},
		{
			// A fresh embedded database each run: the journeys start from the demo data.
			command: `node -e "require('node:fs').rmSync('${dataDir}', { recursive: true, force: true })" && node server.js`,
			url: `http://127.0.0.1:${port}/healthz`,
			reuseExistingServer: false,
			timeout: 120_000,
			stdout: 'ignore',
			stderr: 'pipe',
			env: {
				PORT: String(port),
				HOST: '127.0.0.1',
				EMBEDDED_POSTGRES_DIR: dataDir,
				DATABASE_URL: '',
				LOG_LEVEL: 'warn',
				SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
				MAIL_FROM: 'Ontwerpsessies <noreply@ontwerpsessies.test>',
				// Three browser projects sign up from one address; the limit itself is tested in integration.
				SIGN_UP_RATE_LIMIT: '10000',
				// Every journey signs staff in from 127.0.0.1; the per-address limit is tested in integration.
				SIGN_IN_RATE_LIMIT: '10000',
				ORGANIZER_EMAILS: E2E_ORGANIZERS
			}
		}
	]
});
