// The cluster files of docs/scale/ are promises to researchers: they must parse and agree with each other.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

const file = (name: string) => fileURLToPath(new URL(`../docs/scale/${name}`, import.meta.url));

interface Container {
  image: string;
  env: { name: string; value: string }[];
  args: string[];
  volumeMounts: { name: string; mountPath: string }[];
}

function manifests(name: string): Record<string, any>[] {
  return parseAllDocuments(readFileSync(file(name), 'utf8')).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS();
  });
}

const env = (container: Container, name: string) => container.env.find((e) => e.name === name)?.value;

describe('docs/scale', () => {
  it('has an Indexed Job and a merge Job that agree on shards, image and volume', () => {
    const [claim, sweep] = manifests('indexed-job.yaml');
    const [merge] = manifests('merge-job.yaml');
    expect(claim.kind).toBe('PersistentVolumeClaim');
    expect(claim.spec.accessModes).toContain('ReadWriteMany');
    expect(sweep.spec.completionMode).toBe('Indexed');
    const shard: Container = sweep.spec.template.spec.containers[0];
    const merger: Container = merge.spec.template.spec.containers[0];
    expect(Number(env(shard, 'SHARDS'))).toBe(sweep.spec.completions);
    expect(env(merger, 'SHARDS')).toBe(env(shard, 'SHARDS'));
    expect(merger.image).toBe(shard.image);
    expect(shard.args.join(' ')).toMatch(/--shard "\$i\/\$SHARDS"/);
    expect(shard.args.join(' ')).toMatch(/JOB_COMPLETION_INDEX \+ 1/);
    expect(merger.args.join(' ')).toMatch(/merge/);
    for (const job of [sweep, merge]) {
      expect(job.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(claim.metadata.name);
    }
  });

  it('has a Slurm script that is valid shell and passes the array index to --shard unchanged', () => {
    execFileSync('bash', ['-n', file('slurm-sweep.sbatch')]);
    const script = readFileSync(file('slurm-sweep.sbatch'), 'utf8');
    expect(script).toMatch(/shard=\$SLURM_ARRAY_TASK_ID/);
    expect(script).toMatch(/--shard "\$shard\/\$SHARDS"/);
  });
});
