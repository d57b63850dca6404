import { describe, expect, it } from 'vitest';
import { isCrossSiteFormPost, isNonFormPostToPage } from './same-origin';

const url = new URL('https://ontwerpsessies.example.nl/programma/x/aanmelden?/aanmelden');
const post = (headers: Record<string, string>, method = 'POST') => new Request(url, { method, headers, body: method === 'GET' ? null : 'a=b' });

describe('isCrossSiteFormPost', () => {
	it('lets a form post from our own origin through', () => {
		expect(isCrossSiteFormPost(post({ origin: url.origin, 'content-type': 'application/x-www-form-urlencoded' }), url)).toBe(false);
	});

	it('refuses form posts from another origin or without one, in every form encoding', () => {
		for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain;charset=utf-8']) {
			expect(isCrossSiteFormPost(post({ origin: 'https://evil.example', 'content-type': type }), url)).toBe(true);
			expect(isCrossSiteFormPost(post({ 'content-type': type }), url)).toBe(true);
		}
	});

	it('leaves reads and JSON requests to their own checks', () => {
		expect(isCrossSiteFormPost(new Request(url, { method: 'GET' }), url)).toBe(false);
		expect(isCrossSiteFormPost(post({ origin: 'https://evil.example', 'content-type': 'application/json' }), url)).toBe(false);
	});
});

describe('isNonFormPostToPage', () => {
	it('refuses JSON or bodiless posts to pages, and leaves forms and /api/ alone', () => {
		expect(isNonFormPostToPage(post({ 'content-type': 'application/json' }), url)).toBe(true);
		expect(isNonFormPostToPage(new Request(url, { method: 'POST' }), url)).toBe(true);
		expect(isNonFormPostToPage(post({ 'content-type': 'multipart/form-data; boundary=x' }), url)).toBe(false);
		const api = new URL('https://ontwerpsessies.example.nl/api/canvas/1/token');
		expect(isNonFormPostToPage(new Request(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), api)).toBe(false);
	});
});
