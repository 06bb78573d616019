import { nn, data, plot, Generator } from "/work/main/src/index.ts";

const { x, y } = data.twoMoons({ numSamples: 200, noise: 0.1, generator: new Generator(0) });
const spec = plot.decisionBoundary(nn.mlp([2, 8, 2]), x, y, { resolution: 20 });
const svg = await plot.toSVG(spec);
console.log(svg.startsWith("<svg"), svg.length > 1000);
export {};
