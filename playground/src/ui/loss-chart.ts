/** The training and test loss per epoch, with the early-stopping mark (where patience ran out, and the best epoch). */
import type { EarlyStopMark } from "../model/trainer.js";
import { fmt } from "./dom.js";

export class LossChart {
  private train: number[] = [];
  private test: number[] = [];
  private mark: EarlyStopMark | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  clear(): void {
    this.train = [];
    this.test = [];
    this.mark = null;
    this.draw();
  }

  /** Adds the losses of epochs start+1, start+2, … (earlier entries are kept, later ones replaced). */
  append(start: number, train: number[], test: number[], mark: EarlyStopMark | null): void {
    this.train.length = Math.min(this.train.length, start);
    this.test.length = Math.min(this.test.length, start);
    this.train.push(...train);
    this.test.push(...test);
    this.mark = mark;
    this.draw();
  }

  draw(): void {
    const c = this.canvas;
    const dpr = globalThis.devicePixelRatio || 1;
    const w = c.clientWidth || 300;
    const hgt = c.clientHeight || 80;
    if (c.width !== Math.round(w * dpr)) c.width = Math.round(w * dpr);
    if (c.height !== Math.round(hgt * dpr)) c.height = Math.round(hgt * dpr);
    const ctx = c.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    const n = this.train.length;
    if (n === 0) return;
    const finite = [...this.train, ...this.test].filter(Number.isFinite);
    const top = Math.max(1e-9, ...finite) * 1.05;
    const x = (i: number): number => (n === 1 ? w : (i / (n - 1)) * (w - 2) + 1);
    const y = (v: number): number => hgt - 2 - (Math.min(v, top) / top) * (hgt - 14);
    const line = (values: number[], colour: string, width: number): void => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      // at most two points per pixel column
      const stride = Math.max(1, Math.floor(n / (2 * w)));
      let started = false;
      for (let i = 0; i < n; i += stride) {
        const v = values[i]!;
        if (!Number.isFinite(v)) continue;
        if (started) ctx.lineTo(x(i), y(v));
        else ctx.moveTo(x(i), y(v));
        started = true;
      }
      ctx.stroke();
    };
    line(this.train, "#9aa0a6", 1.5);
    line(this.test, "#202124", 1.5);
    if (this.mark) {
      const sx = x(this.mark.epoch - 1);
      const bx = x(this.mark.bestEpoch - 1);
      ctx.strokeStyle = "#c5221f";
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(sx, 10);
      ctx.lineTo(sx, hgt);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = "#c5221f";
      ctx.beginPath();
      ctx.arc(bx, y(this.test[this.mark.bestEpoch - 1] ?? 0), 3.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.font = "10px system-ui, sans-serif";
      ctx.textAlign = sx > w / 2 ? "right" : "left";
      ctx.fillText(`early stop @ ${this.mark.epoch} (best ${this.mark.bestEpoch})`, sx + (sx > w / 2 ? -4 : 4), 9);
    }
    ctx.fillStyle = "#5f6368";
    ctx.font = "10px system-ui, sans-serif";
    ctx.textAlign = "left";
    if (!this.mark) ctx.fillText(fmt(top), 2, 9);
  }
}
