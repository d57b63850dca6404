/** Where the browser journeys' mail sink writes what the app sends (playwright.config.ts starts it). */
export const E2E_MAIL_DIR = 'tests/.artifacts/e2e-mail';

const PROJECTS = ['desktop', 'smal-320', 'hoog-contrast'];
const PURPOSES = ['desk', 'deur', 'facturen', 'live', 'live-views'];

/**
 * An organizer of its own for each browser project and journey: a new sign-in code ends the
 * previous one, so journeys running side by side must not share an address.
 */
export function e2eOrganizer(project: string, purpose: string): string {
	return `organisator-${project}-${purpose}@e2e.test`;
}

/** ORGANIZER_EMAILS for the app under test. */
export const E2E_ORGANIZERS = PROJECTS.flatMap((project) => PURPOSES.map((purpose) => e2eOrganizer(project, purpose))).join(',');
