// CLI entry point (filled in by the core work).
export async function main(_argv: string[]): Promise<number> {
  return 0;
}
