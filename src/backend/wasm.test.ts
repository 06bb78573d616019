/** The WebAssembly backend passes the conformance suite on one thread and on several. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { backendSuite } from "./backend-suite.js";
import { loadKernels } from "./wasm/module.js";
import { createWasmBackend } from "./wasm/index.js";
import { randArray, rng } from "./suite/reference.js";
import { RELAXED_WASM } from "./wasm/binary.generated.js";

const kernels = loadKernels();
if (!kernels) throw new Error("this runtime has no WebAssembly SIMD");
const wasm = createWasmBackend(kernels);

backendSuite(wasm);

describe("wasm threads", () => {
  it("results are bit-identical for 1, 2 and 3 threads", () => {
    const r = rng(21);
    const [m, k, n] = [150, 300, 260];
    const a = randArray(r, m * k);
    const b = randArray(r, k * n);
    const results = [1, 2, 3].map((t) => {
      wasm.setNumThreads!(t);
      const out = new Float32Array(m * n);
      wasm.matmul(a, b, out, 1, m, n, k, false, true, 0, 0);
      const lin = new Float32Array(m * n);
      wasm.linear(a, b, b.subarray(0, n), lin, m, k, n, "relu");
      return [out, lin];
    });
    expect(wasm.pool.running).toBe(2); // 3 threads: the caller and two workers
    wasm.setNumThreads!(1);
    expect(results[1]![0]).toEqual(results[0]![0]);
    expect(results[2]![0]).toEqual(results[0]![0]);
    expect(results[2]![1]).toEqual(results[0]![1]);
    expect(kernels.shared).toBe(true);
  });
});

describe("wasm with small slices (large work split into several calls) runs the suite", () => {
  backendSuite(createWasmBackend(kernels, { slice: 3000 }));
});

describe("wasm slicing", () => {
  it("gives bit-identical GEMMs: by batch entry, by rows, by whole k blocks", () => {
    const sliced = createWasmBackend(kernels, { slice: 5000 });
    const r = rng(41);
    for (const [batch, m, k, n, transA, transB, acc] of [
      [3, 50, 60, 70, false, true, false], [1, 300, 100, 90, false, false, true], [1, 90, 1200, 80, true, false, false],
      [1, 90, 1200, 80, true, false, true],
    ] as [number, number, number, number, boolean, boolean, boolean][]) {
      const a = randArray(r, batch * m * k), b = randArray(r, batch * k * n), init = randArray(r, batch * m * n);
      const [x, y] = [init.slice(), init.slice()];
      sliced.matmul(a, b, x, batch, m, n, k, transA, transB, m * k, k * n, acc);
      wasm.matmul(a, b, y, batch, m, n, k, transA, transB, m * k, k * n, acc);
      expect(x).toEqual(y);
    }
    const [rows, inF, outF] = [400, 30, 20];
    const x = randArray(r, rows * inF), w = randArray(r, outF * inF), bias = randArray(r, outF);
    const [p, q] = [new Float32Array(rows * outF), new Float32Array(rows * outF)];
    sliced.linear(x, w, bias, p, rows, inF, outF, "tanh");
    wasm.linear(x, w, bias, q, rows, inF, outF, "tanh");
    expect(p).toEqual(q);
  });
});

describe("wasm threads run the suite", () => {
  wasm.setNumThreads!(2);
  backendSuite(wasm);
});

describe("wasm resident arrays", () => {
  it("are garbage-collected: their blocks are reused, so memory stays flat", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const settle = async (): Promise<void> => {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    let keep: Float32Array[] = [];
    const round = (): void => {
      keep = Array.from({ length: 8 }, () => wasm.allocPersistent!(250_000)); // 8 MB, like an MLP and its Adam state
      keep[3]![7] = 1;
    };
    for (let i = 0; i < 3; i++) {
      round(); // the previous round's arrays are alive while the next are made: 16 MB at the peak
      await settle();
    }
    const steady = kernels.memory.buffer.byteLength;
    for (let i = 0; i < 20; i++) {
      round();
      await settle();
    }
    expect(kernels.memory.buffer.byteLength).toBe(steady); // not 20 × 8 MB more
    expect(wasm.resident.bytes).toBeLessThan(20 * 1024 * 1024);
    expect(keep[3]![7]).toBe(1);
  });
});

describe("wasm feature detection", () => {
  it("uses the plain SIMD build where relaxed SIMD is missing, with the same results up to FMA rounding", () => {
    const relaxedSize = atob(RELAXED_WASM).length;
    const validate = WebAssembly.validate;
    const spy = vi.spyOn(WebAssembly, "validate").mockImplementation((bytes) => (bytes as Uint8Array).length !== relaxedSize && validate(bytes));
    try {
      const plain = loadKernels()!;
      expect(plain.relaxed).toBe(false);
      const b = createWasmBackend(plain);
      const r = rng(31);
      const [m, k, n] = [40, 70, 50];
      const a = randArray(r, m * k), w = randArray(r, n * k);
      const out = new Float32Array(m * n), ref = new Float32Array(m * n);
      b.matmul(a, w, out, 1, m, n, k, false, true, 0, 0);
      wasm.matmul(a, w, ref, 1, m, n, k, false, true, 0, 0);
      for (let i = 0; i < out.length; i++) expect(Math.abs(out[i]! - ref[i]!)).toBeLessThan(1e-4);
    } finally {
      spy.mockRestore();
    }
  });
  it("reports no kernels where WebAssembly SIMD is missing (the registry then keeps the JS backend)", () => {
    const spy = vi.spyOn(WebAssembly, "validate").mockReturnValue(false);
    try {
      expect(loadKernels()).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });
});
