/** What the commands need from the process, passed in so tests can run them in-process. */
export interface Io {
  cwd: string;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
}
