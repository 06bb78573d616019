/**
 * Fuzzing the readers: seeded mutations of valid files (flipped bytes, truncations, insertions, deletions,
 * a forged header length, edits inside the JSON header). Every reader must either succeed — the same way
 * twice, with everything the file holds — or throw an Error that names the file; never crash, hang or load
 * part of a file.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Generator, io, nn, type Tensor } from "../index.js";
import { everything } from "./test-utils/zoo.js";

const g = new Generator(20240611);
const int = (n: number): number => g.randint(0, Math.max(n, 1));

/** One random mutation of `src`. */
function mutate(src: Uint8Array): Uint8Array {
  const b = Uint8Array.from(src);
  switch (int(7)) {
    case 0: // flip a few bytes anywhere
      for (let k = 1 + int(4); k > 0; k--) b[int(b.length)] = int(256);
      return b;
    case 1: // truncate
      return b.slice(0, int(b.length));
    case 2: { // insert random bytes
      const at = int(b.length);
      const extra = Uint8Array.from({ length: 1 + int(16) }, () => int(256));
      return Uint8Array.from([...b.subarray(0, at), ...extra, ...b.subarray(at)]);
    }
    case 3: { // delete a range
      const at = int(b.length);
      return Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + 1 + int(32))]);
    }
    case 4: // forge the first 8 bytes (the safetensors header length; the first protobuf fields in ONNX)
      for (let i = 0; i < 8; i++) if (int(2)) b[i] = int(256);
      return b;
    case 5: { // change one character of the text near the start (the JSON header) to a digit or punctuation
      const at = 8 + int(Math.min(b.length - 8, 2000));
      b[at] = "0123456789-.,:{}[]\"e ".charCodeAt(int(21));
      return b;
    }
    default: { // duplicate a chunk over another place
      const from = int(b.length);
      const to = int(b.length);
      b.set(src.subarray(from, from + 1 + int(64)).subarray(0, b.length - to), to);
      return b;
    }
  }
}

type Outcome = { ok: true; summary: string } | { ok: false; message: string };

function attempt(read: () => string, source: string): Outcome {
  try {
    return { ok: true, summary: read() };
  } catch (e) {
    expect(e, `a non-Error was thrown: ${String(e)}`).toBeInstanceOf(Error);
    const message = (e as Error).message;
    expect(message.startsWith(source), `the error does not name the file: ${message}`).toBe(true);
    expect(message.length).toBeGreaterThan(source.length + 10);
    return { ok: false, message };
  }
}

const digest = (ts: Record<string, Tensor>): string => Object.entries(ts).map(([k, t]) => `${k}[${t.shape}]:${Array.from(t.data).join(",")}`).join(";");

const readers: { name: string; file: () => Uint8Array; read: (b: Uint8Array, source: string) => string }[] = [
  {
    name: "decodeSafetensors",
    file: () => io.encodeSafetensors({ a: everything().stateDict()["0.weight"]!, "b.c": everything().stateDict()["1.running_var"]! }, { format: "pt", note: "hello" }),
    read: (b, s) => {
      const f = io.decodeSafetensors(b, s);
      return digest(f.tensors) + JSON.stringify(f.metadata);
    },
  },
  {
    name: "fromBytes (load)",
    file: () => io.toBytes(nn.mlp([4, 6, 3], { batchNorm: true, activation: "gelu", dropout: 0.1 })),
    read: (b, s) => {
      const m = io.fromBytes(b, s);
      // a success is whole: the model holds every tensor of the file
      const file = io.decodeSafetensors(b, s).tensors;
      expect(digest(m.stateDict())).toBe(digest(Object.fromEntries(Object.keys(m.stateDict()).map((k) => [k, file[k]!]))));
      expect(Object.keys(m.stateDict()).sort()).toEqual(Object.keys(file).sort());
      return `${String(m)}|${digest(m.stateDict())}`;
    },
  },
  {
    name: "decodeCheckpoint",
    file: () => io.encodeCheckpoint({ epoch: 4, best: Infinity, model: nn.mlp([3, 4, 2]).stateDict(), history: { loss: [1.5, 0.75] } }),
    read: (b, s) => JSON.stringify(io.decodeCheckpoint(b, s), (_k, v) => (v instanceof Float32Array ? Array.from(v) : v)),
  },
  {
    name: "importOnnx (nabla's export)",
    file: () => io.exportOnnx(everything()),
    read: (b, s) => {
      const m = io.importOnnx(b, s);
      return `${String(m)}|${digest(m.stateDict())}`;
    },
  },
  {
    name: "importOnnx (torch.onnx's export)",
    file: () => new Uint8Array(readFileSync(new URL("./__fixtures__/torch_act.onnx", import.meta.url))),
    read: (b, s) => String(io.importOnnx(b, s)),
  },
];

describe("fuzzed readers", () => {
  for (const r of readers) {
    it(`${r.name}: 150 mutated files each succeed consistently or throw an Error naming the file`, () => {
      const valid = r.file();
      expect(attempt(() => r.read(valid, "valid"), "valid").ok).toBe(true);
      let failures = 0;
      for (let i = 0; i < 150; i++) {
        const bad = mutate(valid);
        const source = `mutant-${i}`;
        const first = attempt(() => r.read(bad, source), source);
        const second = attempt(() => r.read(bad, source), source);
        expect(second, `mutant ${i} read differently the second time`).toEqual(first);
        if (!first.ok) failures++;
      }
      expect(failures).toBeGreaterThan(30);
    });
  }
});
