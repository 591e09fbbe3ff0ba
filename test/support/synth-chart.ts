import { Chart, Testing } from 'cdk8s';

/** Builds constructs in a fresh chart that sets no namespace, and returns its objects. */
export function synthChart(build: (chart: Chart) => void): any[] {
  const chart = new Chart(Testing.app(), 'test');
  build(chart);
  return Testing.synth(chart);
}

/** The object of that kind and name; fails the test when absent. */
export function objectOf(objects: readonly any[], kind: string, name: string): any {
  const found = objects.find((object) => object.kind === kind && object.metadata?.name === name);
  if (found === undefined) {
    throw new Error(`no ${kind} ${name} among ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  }
  return found;
}
