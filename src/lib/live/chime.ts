/**
 * The end-of-timebox chime: two soft tones from the Web Audio API, no sound file to load.
 * Browsers only play sound after a person interacted with the page, so screens offer a
 * "Geluid aan" button that calls `unlockChime` first.
 */
let context: AudioContext | undefined;

export function unlockChime(): boolean {
	try {
		context ??= new AudioContext();
		void context.resume();
		return true;
	} catch {
		return false;
	}
}

export function playChime(): void {
	if (!context || context.state !== 'running') return;
	const start = context.currentTime;
	for (const [index, frequency] of [880, 660].entries()) {
		const oscillator = context.createOscillator();
		const gain = context.createGain();
		oscillator.frequency.value = frequency;
		gain.gain.setValueAtTime(0.0001, start + index * 0.35);
		gain.gain.exponentialRampToValueAtTime(0.3, start + index * 0.35 + 0.03);
		gain.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.35 + 0.6);
		oscillator.connect(gain).connect(context.destination);
		oscillator.start(start + index * 0.35);
		oscillator.stop(start + index * 0.35 + 0.65);
	}
}
