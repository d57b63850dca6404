import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
	it('defaults to the embedded database with demo data', () => {
		const config = parseConfig({});
		expect(config.embeddedDatabase).toBe(true);
		expect(config.SEED_DEMO_DATA).toBe(true);
		expect(config.PORT).toBe(3000);
		expect(config.HOST).toBe('127.0.0.1');
		expect(config.DATABASE_PREPARED_STATEMENTS).toBe(true);
		expect(Object.isFrozen(config)).toBe(true);
	});

	it('uses DATABASE_URL without seeding demo data unless asked', () => {
		const config = parseConfig({ DATABASE_URL: 'postgres://app:secret@db.example.org:5432/postgres' });
		expect(config.embeddedDatabase).toBe(false);
		expect(config.SEED_DEMO_DATA).toBe(false);
		expect(parseConfig({ DATABASE_URL: 'postgresql://a@b/c', SEED_DEMO_DATA: 'true' }).SEED_DEMO_DATA).toBe(true);
	});

	it("turns prepared statements off for Supabase's transaction pooler", () => {
		const pooler = parseConfig({ DATABASE_URL: 'postgres://app:pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres' });
		expect(pooler.DATABASE_PREPARED_STATEMENTS).toBe(false);
		const forced = parseConfig({
			DATABASE_URL: 'postgres://app:pw@pooler:6543/postgres',
			DATABASE_PREPARED_STATEMENTS: 'true'
		});
		expect(forced.DATABASE_PREPARED_STATEMENTS).toBe(true);
	});

	it('treats empty values (VAR= in a .env file) as not set', () => {
		expect(parseConfig({ DATABASE_URL: '' }).embeddedDatabase).toBe(true);
		expect(parseConfig({ PORT: '' }).PORT).toBe(3000);
		expect(parseConfig({ DATABASE_POOL_SIZE: '' }).DATABASE_POOL_SIZE).toBe(10);
	});

	it('explains every wrong value on one Dutch line', () => {
		let caught: unknown;
		try {
			parseConfig({ PORT: 'drieduizend', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(ConfigError);
		const message = (caught as ConfigError).message;
		expect(message).not.toContain('\n');
		expect(message).toMatch(/^Ongeldige configuratie: /);
		expect(message).toContain('PORT moet een getal zijn');
		expect(message).toContain('DATABASE_URL moet een PostgreSQL-URL zijn');
		expect(message).toContain('LOG_LEVEL kies uit');
	});

	it('rejects ports out of range and unknown booleans', () => {
		expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT moet tussen 0 en 65535 liggen/);
		expect(() => parseConfig({ SEED_DEMO_DATA: 'misschien' })).toThrow(/SEED_DEMO_DATA gebruik true of false/);
	});
});

describe('realtime settings', () => {
	it('makes up a random room-token key when none is set, and says so', () => {
		const first = parseConfig({});
		const second = parseConfig({});
		expect(first.roomTokenSecretIsRandom).toBe(true);
		expect(first.ROOM_TOKEN_SECRET.length).toBeGreaterThanOrEqual(32);
		expect(first.ROOM_TOKEN_SECRET).not.toBe(second.ROOM_TOKEN_SECRET);
	});

	it('takes a configured key and refuses a short one', () => {
		const secret = 'x'.repeat(40);
		expect(parseConfig({ ROOM_TOKEN_SECRET: secret })).toMatchObject({ ROOM_TOKEN_SECRET: secret, roomTokenSecretIsRandom: false });
		expect(() => parseConfig({ ROOM_TOKEN_SECRET: 'kort' })).toThrow(/ROOM_TOKEN_SECRET moet minstens 32 tekens/);
	});

	it('opens canvases to everyone only in the embedded demo, unless configured', () => {
		expect(parseConfig({}).CANVAS_OPEN_ACCESS).toBe(true);
		expect(parseConfig({ DATABASE_URL: 'postgres://a@b/c' }).CANVAS_OPEN_ACCESS).toBe(false);
		expect(parseConfig({ CANVAS_OPEN_ACCESS: 'false' }).CANVAS_OPEN_ACCESS).toBe(false);
	});
});

describe('sign-up, mail and staff settings', () => {
	it('derives the public address from ORIGIN or from HOST and PORT', () => {
		expect(parseConfig({}).publicOrigin).toBe('http://127.0.0.1:3000');
		expect(parseConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicOrigin).toBe('http://localhost:8080');
		expect(parseConfig({ ORIGIN: 'https://ontwerpsessies.example.nl/' }).publicOrigin).toBe('https://ontwerpsessies.example.nl');
		expect(() => parseConfig({ ORIGIN: 'ftp://x' })).toThrow(/ORIGIN moet een http\(s\)-adres zijn/);
	});

	it('reads organizers as a lower-cased list and refuses what is not an address', () => {
		expect(parseConfig({ ORGANIZER_EMAILS: ' A@Gemeente.nl, b@provincie.nl ,' }).ORGANIZER_EMAILS).toEqual([
			'a@gemeente.nl',
			'b@provincie.nl'
		]);
		expect(parseConfig({}).ORGANIZER_EMAILS).toEqual([]);
		expect(() => parseConfig({ ORGANIZER_EMAILS: 'geen-adres' })).toThrow(/ORGANIZER_EMAILS/);
	});

	it('takes an SMTP URL and shows sign-in codes on the page only in the demo without mail', () => {
		expect(() => parseConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL moet een smtp:\/\//);
		expect(parseConfig({}).showSignInCodes).toBe(true);
		expect(parseConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).showSignInCodes).toBe(false);
		expect(parseConfig({ DATABASE_URL: 'postgres://a@b/c' }).showSignInCodes).toBe(false);
	});

	it('uses Supabase Auth only when both its URL and anon key are set', () => {
		expect(parseConfig({}).supabaseAuth).toBeNull();
		const both = parseConfig({ PUBLIC_SUPABASE_URL: 'https://abc.supabase.co', PUBLIC_SUPABASE_ANON_KEY: 'k'.repeat(40) });
		expect(both.supabaseAuth).toEqual({ url: 'https://abc.supabase.co', anonKey: 'k'.repeat(40) });
		expect(() => parseConfig({ PUBLIC_SUPABASE_URL: 'https://abc.supabase.co' })).toThrow(/allebei/);
	});
});
