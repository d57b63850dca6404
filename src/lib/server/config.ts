import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * The app's whole configuration, read from the environment once and validated at start-up.
 * Every variable is documented in `.env.example`; a wrong value stops the app with one clear line
 * (see `ConfigError`), never a stack trace.
 */
const booleanFlag = z
	.enum(['true', 'false', '1', '0', 'yes', 'no', 'ja', 'nee'], {
		error: 'gebruik true of false'
	})
	.transform((value) => ['true', '1', 'yes', 'ja'].includes(value));

const postgresUrl = z
	.string()
	.trim()
	.refine((value) => /^postgres(ql)?:\/\//.test(value) && URL.canParse(value), {
		message: 'moet een PostgreSQL-URL zijn, bijvoorbeeld postgres://gebruiker:wachtwoord@host:5432/postgres'
	});

/** `VAR=` in a .env file means "not set", not "empty string" or zero. */
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** A whole number from the environment, with the range in the Dutch message. */
const wholeNumber = (min: number, max: number, fallback: number) =>
	z.preprocess(
		emptyAsUndefined,
		z.coerce
			.number({ error: 'moet een getal zijn' })
			.int('moet een heel getal zijn')
			.min(min, `moet tussen ${min} en ${max} liggen`)
			.max(max, `moet tussen ${min} en ${max} liggen`)
			.default(fallback)
	);

const configSchema = z.object({
	HOST: z.string().trim().min(1, 'mag niet leeg zijn').default('127.0.0.1'),
	PORT: wholeNumber(0, 65535, 3000),
	DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
	DATABASE_POOL_SIZE: wholeNumber(1, 100, 10),
	DATABASE_PREPARED_STATEMENTS: z.preprocess(emptyAsUndefined, booleanFlag.optional()),
	DATABASE_MIGRATE_ON_START: booleanFlag.default(true),
	EMBEDDED_POSTGRES_DIR: z.string().trim().min(1, 'mag niet leeg zijn').default('.data/postgres'),
	SEED_DEMO_DATA: z.preprocess(emptyAsUndefined, booleanFlag.optional()),
	ROOM_TOKEN_SECRET: z.preprocess(
		emptyAsUndefined,
		z.string().min(32, 'moet minstens 32 tekens lang zijn (gebruik bijvoorbeeld `openssl rand -base64 48`)').optional()
	),
	CANVAS_OPEN_ACCESS: z.preprocess(emptyAsUndefined, booleanFlag.optional()),
	ORIGIN: z.preprocess(
		emptyAsUndefined,
		z
			.url({ protocol: /^https?$/, error: 'moet een http(s)-adres zijn, bijvoorbeeld https://ontwerpsessies.example.nl' })
			.transform((value) => new URL(value).origin)
			.optional()
	),
	SESSION_SECRET: z.preprocess(
		emptyAsUndefined,
		z.string().min(32, 'moet minstens 32 tekens lang zijn (gebruik bijvoorbeeld `openssl rand -base64 48`)').optional()
	),
	SMTP_URL: z.preprocess(
		emptyAsUndefined,
		z
			.string()
			.trim()
			.refine((value) => /^smtps?:\/\//.test(value) && URL.canParse(value), {
				message: 'moet een smtp:// of smtps://-adres zijn, bijvoorbeeld smtp://gebruiker:wachtwoord@mail.example.nl:587'
			})
			.optional()
	),
	MAIL_FROM: z.string().trim().min(3, 'mag niet leeg zijn').default('Ontwerpsessies <noreply@ontwerpsessies.localhost>'),
	ORGANIZER_EMAILS: z.preprocess(
		emptyAsUndefined,
		z
			.string()
			.transform((value) => value.split(',').map((email) => email.trim().toLowerCase()).filter(Boolean))
			.pipe(z.array(z.email({ error: 'moet e-mailadressen bevatten, gescheiden door komma’s' })))
			.default([])
	),
	PUBLIC_SUPABASE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/, error: 'moet een http(s)-adres zijn' }).optional()),
	PUBLIC_SUPABASE_ANON_KEY: z.preprocess(emptyAsUndefined, z.string().min(20, 'lijkt geen Supabase anon key').optional()),
	SIGN_UP_RATE_LIMIT: wholeNumber(1, 100_000, 20),
	SIGN_IN_RATE_LIMIT: wholeNumber(1, 100_000, 10),
	LOG_LEVEL: z
		.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
			error: 'kies uit fatal, error, warn, info, debug, trace of silent'
		})
		.default('info')
});

type RawConfig = z.infer<typeof configSchema>;

export type Config = Readonly<
	Omit<
		RawConfig,
		'SEED_DEMO_DATA' | 'DATABASE_PREPARED_STATEMENTS' | 'ROOM_TOKEN_SECRET' | 'CANVAS_OPEN_ACCESS' | 'SESSION_SECRET'
	> & {
		/**
		 * Key that signs the short-lived room tokens of the websocket. Without ROOM_TOKEN_SECRET a
		 * random key per process: tokens then die with a restart, which clients survive (they fetch
		 * a new token before every reconnect), but several app instances cannot share rooms.
		 */
		ROOM_TOKEN_SECRET: string;
		roomTokenSecretIsRandom: boolean;
		/**
		 * Anyone who opens a canvas of a published event may edit it. The default for the embedded
		 * demo; off otherwise, until participants and staff can sign in.
		 */
		CANVAS_OPEN_ACCESS: boolean;
		/** Seed the demo programme when the database has never been seeded. */
		SEED_DEMO_DATA: boolean;
		/** Supabase's transaction pooler (port 6543) does not support prepared statements. */
		DATABASE_PREPARED_STATEMENTS: boolean;
		/** True when no DATABASE_URL is set and the app runs its own PostgreSQL. */
		embeddedDatabase: boolean;
		/** DATABASE_URL points at Supabase's transaction pooler (port 6543): no LISTEN/NOTIFY there. */
		transactionPooler: boolean;
		/**
		 * Key that signs CSRF tokens and other short-lived values of this app. Without
		 * SESSION_SECRET a random key per process: an open form then needs one more submit after a
		 * restart (it says so), but staff stay signed in (their sessions live in the database).
		 */
		SESSION_SECRET: string;
		/** Where people reach the app; used for links in e-mails. ORIGIN, or this machine's address. */
		publicOrigin: string;
		/** Staff sign-in with Supabase Auth rather than the app's own one-time codes. */
		supabaseAuth: { url: string; anonKey: string } | null;
		/**
		 * Show the one-time sign-in code on the page itself: only in the embedded demo without
		 * SMTP, where no mail can reach anyone and the outbox is behind the very sign-in.
		 */
		showSignInCodes: boolean;
	}
>;

/** Thrown when the environment does not describe a valid configuration; its message is one line. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

/**
 * Validates an environment and derives the defaults that depend on other values.
 * Pure: pass a plain object in tests.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const result = configSchema.safeParse(env);
	if (!result.success) {
		const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
		throw new ConfigError(`Ongeldige configuratie: ${problems.join('; ')}.`);
	}
	const raw = result.data;
	const embeddedDatabase = raw.DATABASE_URL === undefined;
	if ((raw.PUBLIC_SUPABASE_URL === undefined) !== (raw.PUBLIC_SUPABASE_ANON_KEY === undefined)) {
		throw new ConfigError('Ongeldige configuratie: zet PUBLIC_SUPABASE_URL en PUBLIC_SUPABASE_ANON_KEY allebei, of geen van beide.');
	}
	const poolerPort = raw.DATABASE_URL ? new URL(raw.DATABASE_URL).port === '6543' : false;
	return Object.freeze({
		...raw,
		embeddedDatabase,
		transactionPooler: poolerPort,
		ROOM_TOKEN_SECRET: raw.ROOM_TOKEN_SECRET ?? randomBytes(48).toString('base64url'),
		roomTokenSecretIsRandom: raw.ROOM_TOKEN_SECRET === undefined,
		CANVAS_OPEN_ACCESS: raw.CANVAS_OPEN_ACCESS ?? embeddedDatabase,
		SEED_DEMO_DATA: raw.SEED_DEMO_DATA ?? embeddedDatabase,
		DATABASE_PREPARED_STATEMENTS: raw.DATABASE_PREPARED_STATEMENTS ?? !poolerPort,
		SESSION_SECRET: raw.SESSION_SECRET ?? randomBytes(48).toString('base64url'),
		// PORT=0 (a free port, in tests) has no address to link to until it listens: no port then.
		publicOrigin:
			raw.ORIGIN ?? `http://${['0.0.0.0', '::'].includes(raw.HOST) ? 'localhost' : raw.HOST}${raw.PORT === 0 ? '' : `:${raw.PORT}`}`,
		supabaseAuth:
			raw.PUBLIC_SUPABASE_URL && raw.PUBLIC_SUPABASE_ANON_KEY
				? { url: raw.PUBLIC_SUPABASE_URL, anonKey: raw.PUBLIC_SUPABASE_ANON_KEY }
				: null,
		showSignInCodes: embeddedDatabase && raw.SMTP_URL === undefined
	});
}

let loaded: Config | undefined;

/** The configuration of this process, read from `process.env` on first use. */
export function config(): Config {
	loaded ??= parseConfig(process.env);
	return loaded;
}
