/**
 * Progress output: a live bar (cli-progress) on a terminal; without one (CI, log files)
 * a plain line every few seconds, so logs stay readable.
 */
import cliProgress from "cli-progress";

export interface ProgressFields {
  step: number;
  totalSteps: number;
  epoch: number;
  epochs: number;
  wordsPerSec: number;
  loss: number;
  lr: number;
}

export type ProgressMode = "auto" | "bar" | "lines" | "none";

function eta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--:--";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h > 0 ? `${h}:` : ""}${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(s % 60).padStart(2, "0")}`;
}

function describe(fields: ProgressFields, elapsed: number): Record<string, string> {
  const fraction = fields.totalSteps > 0 ? fields.step / fields.totalSteps : 0;
  return {
    epochs: `${Math.min(fields.epoch + 1, fields.epochs)}/${fields.epochs}`,
    pct: (100 * fraction).toFixed(1),
    wps: Math.round(fields.wordsPerSec).toLocaleString("en-US"),
    loss: Number.isFinite(fields.loss) ? fields.loss.toFixed(4) : String(fields.loss),
    lr: fields.lr.toPrecision(3),
    etaText: fraction > 0 ? eta((elapsed * (1 - fraction)) / fraction) : "--:--",
  };
}

export class ProgressReporter {
  private readonly bar: cliProgress.SingleBar | null;
  private readonly lines: boolean;
  private lastLine = 0;
  private lastStep = 0;
  private readonly started = Date.now();

  constructor(
    mode: ProgressMode,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly lineEveryMs = 5000,
  ) {
    const tty = Boolean(stream.isTTY) && !process.env.CI;
    const useBar = mode === "bar" || (mode === "auto" && tty);
    this.lines = mode === "lines" || (mode === "auto" && !tty);
    this.bar = useBar
      ? new cliProgress.SingleBar(
          {
            stream,
            format: "epoch {epochs} [{bar}] {pct}% | {wps} words/s | loss {loss} | lr {lr} | ETA {etaText}",
            barsize: 24,
            hideCursor: true,
            clearOnComplete: false,
            fps: 5,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  }

  start(fields: ProgressFields): void {
    this.bar?.start(fields.totalSteps, fields.step, describe(fields, 0));
  }

  update(fields: ProgressFields): void {
    const elapsed = (Date.now() - this.started) / 1000;
    const text = describe(fields, elapsed);
    this.lastStep = fields.step;
    if (this.bar) {
      this.bar.update(fields.step, text);
    } else if (this.lines && Date.now() - this.lastLine >= this.lineEveryMs) {
      this.lastLine = Date.now();
      this.stream.write(
        `epoch ${text.epochs}  ${text.pct.padStart(5)}%  ${text.wps} words/s  loss ${text.loss}  lr ${text.lr}  ETA ${text.etaText}\n`,
      );
    }
  }

  /** Print a message without tearing the bar. */
  log(message: string): void {
    if (this.bar) {
      this.bar.stop();
      this.stream.write(`${message}\n`);
      this.bar.start(this.bar.getTotal(), this.lastStep);
    } else {
      this.stream.write(`${message}\n`);
    }
  }

  stop(): void {
    this.bar?.stop();
  }
}
