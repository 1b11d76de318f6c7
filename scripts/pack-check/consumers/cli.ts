import { EXIT, main, UsageError } from "@w2v/cli";

export const run = async (argv: string[]): Promise<number> => main(argv);
export const usage: number = EXIT.usage;
export const error = new UsageError("x");
