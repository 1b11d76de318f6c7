/**
 * SIGINT/SIGTERM during training: the first asks the loop to stop at the next step
 * boundary (it then saves a checkpoint and closes the event files); a second SIGINT exits
 * at once.
 */
export type StopSignal = "SIGINT" | "SIGTERM";

export class StopSignals {
  requested: StopSignal | null = null;
  private readonly handlers: Record<StopSignal, () => void>;

  constructor(private readonly onFirst: (signal: StopSignal) => void) {
    this.handlers = {
      SIGINT: () => this.receive("SIGINT"),
      SIGTERM: () => this.receive("SIGTERM"),
    };
    process.on("SIGINT", this.handlers.SIGINT);
    process.on("SIGTERM", this.handlers.SIGTERM);
  }

  /** Stop signals whose first one is announced with what happens next. */
  static announcedTo(log: (line: string) => void): StopSignals {
    return new StopSignals((signal) =>
      log(`${signal} received: saving a checkpoint, then stopping (Ctrl-C again exits at once)`),
    );
  }

  private receive(signal: StopSignal): void {
    if (this.requested) {
      if (signal === "SIGINT") process.exit(130);
      return;
    }
    this.requested = signal;
    this.onFirst(signal);
  }

  dispose(): void {
    process.off("SIGINT", this.handlers.SIGINT);
    process.off("SIGTERM", this.handlers.SIGTERM);
  }
}
