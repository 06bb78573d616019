/**
 * Runnable code blocks in the guides and the README: fenced blocks whose info string is `ts run`.
 * Each is a self-contained module importing from "nabla" or "nabla/node"; the tests rewrite those two
 * specifiers to the source entry points and run the block.
 */
import { fileURLToPath } from "node:url";

/** One runnable block: where it is and its code. */
export interface Snippet {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

/** The ```ts run blocks of a Markdown text, in order. */
export function extractSnippets(markdown: string, file: string): Snippet[] {
  const out: Snippet[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})\s*(ts|typescript)\s+run\b/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trimStart().startsWith(fence)) body.push(lines[j++]!);
    if (j === lines.length) throw new Error(`${file}:${i + 1}: unclosed code block`);
    out.push({ file, line: i + 1, code: body.join("\n") });
    i = j;
  }
  return out;
}

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** The block's code with `from "nabla"` and `from "nabla/node"` pointing at src/index.ts and src/node.ts. */
export function resolveImports(code: string, src = SRC): string {
  return code
    .replace(/from\s+(["'])nabla\/node\1/g, `from "${src}node.ts"`)
    .replace(/from\s+(["'])nabla\1/g, `from "${src}index.ts"`);
}
