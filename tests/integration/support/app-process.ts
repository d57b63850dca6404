import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The production entry as a newcomer runs it: `node server.js` on a built app (npm test builds
 * first). Without DATABASE_URL in `env` it starts its own PostgreSQL.
 */
const root = path.resolve(import.meta.dirname, '../../..');

export interface RunningApp {
	child: ChildProcess;
	baseUrl: string;
	output: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startApp(env: Record<string, string>): Promise<RunningApp> {
	const child = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`app did not start in time:\n${output}`)), 60_000);
		const onData = () => {
			const match = /draait op (http:\/\/\S+)/.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				child.stdout?.off('data', onData);
				resolve({ child, baseUrl: match[1].replace('localhost', '127.0.0.1'), output: () => output, exited });
			}
		};
		child.stdout?.on('data', onData);
		void exited.then(({ code }) => {
			clearTimeout(timer);
			reject(new Error(`app exited with ${code} before listening:\n${output}`));
		});
	});
}

