import { buildDataset } from './dataset';
import { floorWorkloads } from './floor';
const ds = await buildDataset({ scale: 1 });
const db = ds.db;
const vs = [['W1','json','window'],['W1','chunk','window'],['W2','json','window'],['W2','chunk','window'],['W3','json','window'],['W3','chunk','window'],['W4','json','lateral'],['W4','chunk','lateral']] as const;
const res = new Map<string, {w:number[],c:number[]}>();
for (let i = 0; i < 7; i++) for (const [w, inMode, topMode] of vs) {
  (globalThis as any).gc();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  floorWorkloads[w](db, { inMode, topMode });
  const wall = performance.now() - t0; const c = process.cpuUsage(c0);
  const k = `${w} ${inMode}`; const r = res.get(k) ?? {w:[],c:[]}; r.w.push(wall); r.c.push((c.user + c.system)/1000); res.set(k, r);
}
const med = (xs: number[]) => [...xs].sort((a,b)=>a-b)[xs.length>>1]!.toFixed(0);
const min = (xs: number[]) => Math.min(...xs).toFixed(0);
for (const [k, r] of res) console.log(k.padEnd(10), 'wall med', med(r.w), 'min', min(r.w), ' cpu med', med(r.c), 'min', min(r.c));
