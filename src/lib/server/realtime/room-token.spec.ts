import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueRoomToken, verifyRoomToken } from './room-token';

const secret = 'een-geheim-van-minstens-tweeendertig-tekens!';
const canvasId = '0b7c2a8e-6c1f-4d4e-9a57-3f7d2b8c9e10';
const otherCanvasId = '5d3e1f20-7a8b-4c9d-8e0f-112233445566';

describe('room tokens', () => {
	it('open the canvas they were issued for, with role and subject', async () => {
		const { token, expiresAt } = await issueRoomToken(secret, { canvasId, role: 'viewer', subject: 'visitor:abc' });
		const check = await verifyRoomToken(secret, token, canvasId);
		expect(check).toEqual({ ok: true, claims: expect.objectContaining({ canvas: canvasId, role: 'viewer', sub: 'visitor:abc' }) });
		expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
	});

	it('never live longer than five minutes', async () => {
		const { expiresAt } = await issueRoomToken(secret, { canvasId, role: 'editor', subject: 's' }, 3600);
		expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000 + 50);
	});

	it('refuse a missing, forged, expired or other-canvas token', async () => {
		const { token } = await issueRoomToken(secret, { canvasId, role: 'editor', subject: 's' });
		expect(await verifyRoomToken(secret, undefined, canvasId)).toEqual({ ok: false, problem: 'missing' });
		expect(await verifyRoomToken(secret, 'niet.een.token', canvasId)).toEqual({ ok: false, problem: 'invalid' });
		expect(await verifyRoomToken('een-ander-geheim-van-minstens-32-tekens!!', token, canvasId)).toEqual({
			ok: false,
			problem: 'invalid'
		});
		const [header, , signature] = token.split('.');
		const tampered = `${header}.${Buffer.from(JSON.stringify({ canvas: canvasId, role: 'editor', sub: 's', exp: 9e9, aud: 'ontwerpsessies:canvas' })).toString('base64url')}.${signature}`;
		expect(await verifyRoomToken(secret, tampered, canvasId)).toEqual({ ok: false, problem: 'invalid' });
		expect(await verifyRoomToken(secret, token, otherCanvasId)).toEqual({ ok: false, problem: 'other-canvas' });

		const expired = await new SignJWT({ canvas: canvasId, role: 'editor' })
			.setProtectedHeader({ alg: 'HS256' })
			.setSubject('s')
			.setAudience('ontwerpsessies:canvas')
			.setExpirationTime(Math.floor(Date.now() / 1000) - 10)
			.sign(new TextEncoder().encode(secret));
		expect(await verifyRoomToken(secret, expired, canvasId)).toEqual({ ok: false, problem: 'expired' });
	});

	it('refuse a well-signed token with an unknown role', async () => {
		const odd = await new SignJWT({ canvas: canvasId, role: 'admin' })
			.setProtectedHeader({ alg: 'HS256' })
			.setSubject('s')
			.setAudience('ontwerpsessies:canvas')
			.setExpirationTime('1m')
			.sign(new TextEncoder().encode(secret));
		expect(await verifyRoomToken(secret, odd, canvasId)).toEqual({ ok: false, problem: 'invalid' });
	});
});
