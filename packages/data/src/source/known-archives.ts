/** A corpus archive with a known download address and known checksums. */
export interface KnownArchive {
  /** Name of the file in a data or cache directory. */
  fileName: string;
  url: string;
  /** SHA-1 of the whole archive (d2l checks ptb.zip this way). */
  sha1?: string;
  /** Exact size in bytes (cs20 checks text8.zip this way). */
  bytes?: number;
  /** CRC-32 that the archive records for the member (and that the member's bytes must have). */
  memberCrc32?: number;
  /** Size of the member once inflated. */
  memberBytes?: number;
  /** Where the data is described, for error messages. */
  about: string;
}

export type ArchiveCorpus = "ptb" | "text8";

export const KNOWN_ARCHIVES: Record<ArchiveCorpus, KnownArchive> = {
  ptb: {
    fileName: "ptb.zip",
    url: "http://d2l-data.s3-accelerate.amazonaws.com/ptb.zip",
    sha1: "319d85e578af0cdc590547f26231e4e31cdf1e42",
    about: "d2l's Penn Treebank (Mikolov's ptb.train/valid/test.txt)",
  },
  text8: {
    fileName: "text8.zip",
    url: "http://mattmahoney.net/dc/text8.zip",
    bytes: 31_344_016,
    memberCrc32: 0x7d6be66f,
    memberBytes: 100_000_000,
    about: "Matt Mahoney's text8, described at http://mattmahoney.net/dc/textdata.html",
  },
};

/** The zip member (or extracted file name) that holds a PTB split. */
export function ptbMember(split: "train" | "valid" | "test"): string {
  return `ptb/ptb.${split}.txt`;
}

export const TEXT8_MEMBER = "text8";
export const TEXT8_PREFIX_FILE = "text8-prefix.txt";
