// The IPC side of a benchmark server process (bench/realtime.ts forks it): answers `reset`
// (start measuring), `stats` (CPU share, RSS and peak RSS since the reset) and `stop`.
/**
 * @param {{ onReset?: () => void, extra?: () => object, onStop?: () => Promise<void> }} hooks
 */
export function serveProcessStats(hooks = {}) {
	let cpuMark = process.cpuUsage();
	let timeMark = performance.now();
	let peakRss = 0;
	setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100).unref();

	process.on('message', async (/** @type {{ type: string }} */ message) => {
		if (message.type === 'reset') {
			cpuMark = process.cpuUsage();
			timeMark = performance.now();
			peakRss = process.memoryUsage().rss;
			hooks.onReset?.();
			process.send?.({ type: 'reset' });
		} else if (message.type === 'stats') {
			const cpu = process.cpuUsage(cpuMark);
			const seconds = (performance.now() - timeMark) / 1000;
			process.send?.({
				type: 'stats',
				cpuPercent: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
				rssMb: process.memoryUsage().rss / 1048576,
				peakRssMb: peakRss / 1048576,
				commits: [],
				rows: 0,
				seconds,
				...hooks.extra?.()
			});
		} else if (message.type === 'stop') {
			await hooks.onStop?.();
			process.exit(0);
		}
	});
}
