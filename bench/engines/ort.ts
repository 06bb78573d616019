/** ONNX Runtime (onnxruntime-node, CPU) on W3 and W4, with models built here: `node ort.js --workload W3 --threads 2`. */
import * as ort from "onnxruntime-node";
import onnxProto from "onnx-proto";
import { arg, rates, repeatOptions, report } from "../measure.js";
import { W1, W3, W4, UNITS, data, type WorkloadName } from "../workloads.js";

const onnx = onnxProto.onnx;
const workload = arg("workload") as WorkloadName;
const threads = Number(arg("threads", "2"));
const opts = repeatOptions();
const FLOAT = 1;

function valueInfo(name: string, dims: (number | string)[]) {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
  };
}

function initializer(name: string, values: Float32Array, dims: number[]) {
  return { name, dataType: FLOAT, dims, rawData: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)) };
}

/** A model of one graph, serialised (opset 13). */
function model(graph: object): Uint8Array {
  return onnx.ModelProto.encode({ irVersion: 7, opsetImport: [{ version: 13 }], graph }).finish();
}

async function main(): Promise<void> {
  const session = (bytes: Uint8Array) => ort.InferenceSession.create(bytes, {
    intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all",
  });
  let rs: number[];
  if (workload === "W3") {
    const n = W3.n;
    const s = await session(model({
      name: "gemm", node: [{ opType: "MatMul", input: ["A", "B"], output: ["C"] }],
      input: [valueInfo("A", [n, n]), valueInfo("B", [n, n])], output: [valueInfo("C", [n, n])],
    }));
    const feeds = { A: new ort.Tensor("float32", data(n * n, 1), [n, n]), B: new ort.Tensor("float32", data(n * n, 2), [n, n]) };
    rs = await rates(() => s.run(feeds), (2 * n ** 3) / 1e9, { ...opts, targetMs: Math.max(opts.targetMs, 300) });
  } else if (workload === "W4") {
    const [a, b, c, d] = W1.layers;
    const nodes = [];
    const inits = [];
    const dims = [[b!, a!], [c!, b!], [d!, c!]];
    let x = "X";
    for (let i = 0; i < 3; i++) {
      const [o, inF] = dims[i]!;
      inits.push(initializer(`W${i}`, data(o! * inF!, 600 + i).map((v) => v / Math.sqrt(inF!)), [o!, inF!]), initializer(`b${i}`, data(o!, 700 + i), [o!]));
      nodes.push({ opType: "Gemm", input: [x, `W${i}`, `b${i}`], output: [`z${i}`], attribute: [{ name: "transB", type: 2, i: 1 }] });
      x = `z${i}`;
      if (i < 2) {
        nodes.push({ opType: "Relu", input: [x], output: [`h${i}`] });
        x = `h${i}`;
      }
    }
    const s = await session(model({
      name: "mlp", node: nodes, initializer: inits, input: [valueInfo("X", ["N", a!])], output: [valueInfo(x, ["N", d!])],
    }));
    const feeds = { X: new ort.Tensor("float32", data(W4.rows * a!, 500), [W4.rows, a!]) };
    rs = await rates(() => s.run(feeds), W4.rows, opts);
  } else {
    console.log(`SKIP ONNX Runtime runs inference only (no ${workload})`);
    return;
  }
  report(workload, "ONNX Runtime", UNITS[workload], rs, `${threads} intra-op thread${threads > 1 ? "s" : ""}`);
}

await main();
