/**
 * The hypercube: every genotype of a small binary landscape in Hamming layers by distance from the global optimum
 * (top), coloured by fitness, local optima boxed, one-mutant steps that climb towards the optimum along an
 * accessible path highlighted, and each racer's points drawn where they are.
 */
import { Container, Graphics, Text } from 'pixi.js';
import type { Frame, HypercubeData, RaceInfo } from '../../workers/protocol.ts';
import { GLOBAL_OPTIMUM_MARK, LOCAL_OPTIMUM_MARK, racerColor, viridisHex } from './colors.ts';
import { createPixiApp, PixiView } from './pixi-host.ts';
import type { View } from './view.ts';

const TEXT = { fill: 0xaab0bd, fontFamily: 'system-ui, sans-serif', fontSize: 12, wordWrap: true, wordWrapWidth: 600 };

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
}

export class HypercubeView extends PixiView implements View {
  readonly id = 'hypercube' as const;
  readonly title = 'Hypercube';
  private board = new Container();
  private edges = new Graphics();
  private nodes = new Graphics();
  private walkers = new Graphics();
  private caption!: Text;
  private cube?: HypercubeData;
  private x = new Float32Array(0);
  private y = new Float32Array(0);
  private note = '';
  private last?: Frame;
  private shown: readonly boolean[] = [];

  async mount(host: HTMLElement): Promise<void> {
    this.app = await createPixiApp(host);
    this.caption = new Text({ text: '', style: TEXT });
    // Genotypes and steps change only with the landscape: drawn once into a texture, so a frame redraws one sprite
    // and the racers' rings (thousands of shapes cost seconds a second where WebGL is drawn in software).
    this.board.addChild(this.edges, this.nodes);
    this.board.cacheAsTexture(true);
    this.app.stage.addChild(this.board, this.walkers, this.caption);
    this.app.renderer.on('resize', () => this.draw());
  }

  reset(info: RaceInfo): void {
    this.cube = undefined;
    this.last = undefined;
    this.note = info.feeds.hypercube === true ? '' : info.feeds.hypercube;
    this.draw();
  }

  setCube(cube: HypercubeData): void {
    this.cube = cube;
    this.draw();
  }

  private draw(): void {
    if (!this.app) return;
    this.edges.clear();
    this.nodes.clear();
    this.walkers.clear();
    this.changed();
    this.board.updateCacheTexture();
    const cube = this.cube;
    if (!cube) {
      this.caption.text = this.note;
      this.caption.position.set(16, 16);
      return;
    }
    const width = this.app.renderer.width / this.app.renderer.resolution;
    const height = this.app.renderer.height / this.app.renderer.resolution;
    const size = cube.fitness.length;
    const layers: number[][] = Array.from({ length: cube.dim + 1 }, () => []);
    for (let g = 0; g < size; g++) layers[popcount(g ^ cube.globalOptimum)].push(g);
    this.x = new Float32Array(size);
    this.y = new Float32Array(size);
    let localOptima = 0;
    let accessible = 0;
    for (let g = 0; g < size; g++) {
      localOptima += cube.localOptimum[g];
      accessible += cube.accessible[g];
    }
    this.caption.text = `${size} genotypes in layers by distance from the global optimum (top), coloured by fitness. ${localOptima} local optima (boxed in grey; white = the global one). ${accessible} genotypes have an uphill path to the optimum (blue: steps towards it; faint: uphill detours). Racers are the coloured rings.`;
    this.caption.style.wordWrapWidth = width - 32;
    this.caption.position.set(16, height - 10 - this.caption.height);
    const top = 28;
    const bottom = height - this.caption.height - 34;
    layers.forEach((layer, d) => {
      layer.sort((a, b) => cube.fitness[b] - cube.fitness[a]);
      layer.forEach((g, i) => {
        this.x[g] = 20 + ((i + 0.5) / layer.length) * (width - 40);
        this.y[g] = top + (cube.dim === 0 ? 0 : (d / cube.dim) * (bottom - top));
      });
    });
    // Colour by fitness rank, so differences show whatever the scale.
    const rank = new Float32Array(size);
    Array.from(cube.fitness.keys())
      .sort((a, b) => cube.fitness[a] - cube.fitness[b])
      .forEach((g, r) => (rank[g] = r / Math.max(1, size - 1)));
    // Uphill steps from which the optimum stays reachable uphill: bright when they also step towards the optimum
    // (a direct path), faint when they step away from it (a detour, a back-step).
    const layer = (g: number) => popcount(g ^ cube.globalOptimum);
    for (const direct of [false, true]) {
      for (let g = 0; g < size; g++) {
        for (let i = 0; i < cube.dim; i++) {
          const h = g ^ (1 << i);
          if (!(cube.fitness[h] > cube.fitness[g]) || !cube.accessible[h]) continue;
          if ((layer(h) < layer(g)) !== direct) continue;
          this.edges.moveTo(this.x[g], this.y[g]).lineTo(this.x[h], this.y[h]);
        }
      }
      this.edges.stroke(direct ? { width: 1, color: 0x7fd4ff, alpha: size > 512 ? 0.35 : 0.6 } : { width: 1, color: 0x7fd4ff, alpha: 0.07 });
    }
    const radius = size > 1024 ? 2 : size > 256 ? 3 : 5;
    for (let g = 0; g < size; g++) {
      this.nodes.circle(this.x[g], this.y[g], radius).fill(viridisHex(rank[g]));
      if (cube.localOptimum[g]) {
        // Squares in white and grey, which no racer has: racers are coloured rings, and a ring in a racer's hue
        // (vermilion beside the greedy walk's orange) read as that racer standing there.
        const global = g === cube.globalOptimum;
        const half = radius + 3;
        this.nodes.rect(this.x[g] - half, this.y[g] - half, 2 * half, 2 * half).stroke({ width: 2, color: global ? GLOBAL_OPTIMUM_MARK : LOCAL_OPTIMUM_MARK });
      }
    }
    this.board.updateCacheTexture();
    if (this.last) this.update(this.last, this.shown);
  }

  protected override whenShown(): void {
    if (this.last) this.update(this.last, this.shown);
  }

  update(frame: Frame, shown: readonly boolean[]): void {
    this.last = frame;
    this.shown = shown;
    if (!this.cube || !this.isInFront) return;
    this.changed();
    this.walkers.clear();
    frame.racers.forEach((racer, k) => {
      if (!shown[k] || !racer.genotypes) return;
      const color = racerColor(k);
      // Racers on the same genotype get nested rings, so none hides another.
      const radius = 6 + 2.5 * k;
      for (const g of new Set(racer.genotypes)) this.walkers.circle(this.x[g], this.y[g], radius).stroke({ width: 2, color, alpha: 0.95 });
    });
  }
}
