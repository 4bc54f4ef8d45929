// Progress of a long build on a terminal: one bar per phase with the share done and an estimate of the time left.
// Writes to stderr and only when it is a TTY, so that piped output and logs stay clean.

export interface ProgressReporter {
  start(phase: string): void;
  update(phase: string, done: number, total: number): void;
  finish(): void;
}

const WIDTH = 28;

export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (!stream.isTTY) return { start() {}, update() {}, finish() {} };
  let phase = "";
  let started = 0;
  let lastDraw = 0;
  const clear = () => stream.write("\r\u001b[2K");
  return {
    start(name) {
      phase = name;
      started = performance.now();
      lastDraw = 0;
      clear();
      stream.write(`${name}...`);
    },
    update(name, done, total) {
      const now = performance.now();
      if (name !== phase || total <= 0 || now - lastDraw < 100) return;
      lastDraw = now;
      const share = Math.min(done / total, 1);
      const filled = Math.round(share * WIDTH);
      const elapsed = (now - started) / 1000;
      const left = share > 0.02 ? (elapsed / share) * (1 - share) : NaN;
      const eta = Number.isFinite(left) ? `, ${formatSeconds(left)} left` : "";
      clear();
      stream.write(`${name} [${"#".repeat(filled)}${" ".repeat(WIDTH - filled)}] ${Math.round(share * 100)}%${eta}`);
    },
    finish() {
      clear();
    },
  };
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
