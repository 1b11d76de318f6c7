/** Where a config value came from: a file position, or a command-line override. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface ConfigIssue {
  location?: SourceLocation;
  /** Dotted field path, e.g. "trainer.lr"; empty for whole-file problems. */
  path: string;
  message: string;
}

function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return "";
  const pos = location.line ? `:${location.line}:${location.column ?? 1}` : "";
  return `${location.file}${pos}: `;
}

/** A usage or config mistake: the CLI prints it and exits with code 2. */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    super(
      issues
        .map(
          (issue) =>
            `${formatLocation(issue.location)}${issue.path ? `${issue.path}: ` : ""}${issue.message}`,
        )
        .join("\n"),
    );
    this.name = "ConfigError";
    this.issues = issues;
  }
}
