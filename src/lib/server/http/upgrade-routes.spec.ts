import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { UpgradeRoutes } from './upgrade-routes';

const request = (url: string) => ({ url, headers: {} }) as IncomingMessage;

function capture(socket: PassThrough): Promise<string> {
	return new Promise((resolve) => {
		let text = '';
		socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
		socket.on('finish', () => resolve(text));
	});
}

describe('UpgradeRoutes', () => {
	it('hands an upgrade to the endpoint whose prefix matches, ignoring the query', () => {
		const routes = new UpgradeRoutes();
		const canvas = vi.fn();
		const session = vi.fn();
		routes.add('/ws/canvas/', canvas);
		routes.add('/ws/sessie/', session);
		const socket = new PassThrough();
		expect(routes.dispatch(request('/ws/sessie/abc?token=x'), socket, Buffer.alloc(0))).toBe(true);
		expect(session).toHaveBeenCalledOnce();
		expect(canvas).not.toHaveBeenCalled();
	});

	it('leaves unknown paths alone in dispatch (Vite HMR shares the dev server)', () => {
		const routes = new UpgradeRoutes();
		routes.add('/ws/canvas/', vi.fn());
		const socket = new PassThrough();
		expect(routes.dispatch(request('/__vite_hmr'), socket, Buffer.alloc(0))).toBe(false);
		expect(socket.writableEnded).toBe(false);
	});

	it('answers unknown paths with a 404 in production', async () => {
		const routes = new UpgradeRoutes();
		const socket = new PassThrough();
		const written = capture(socket);
		routes.dispatchOrReject(request('/ws/onbekend'), socket, Buffer.alloc(0));
		expect(await written).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
	});

	it('refuses a prefix registered twice or without a leading slash', () => {
		const routes = new UpgradeRoutes();
		routes.add('/ws/canvas/', vi.fn());
		expect(() => routes.add('/ws/canvas/', vi.fn())).toThrow(/twice/);
		expect(() => routes.add('ws/x', vi.fn())).toThrow(/must start/);
	});
});
