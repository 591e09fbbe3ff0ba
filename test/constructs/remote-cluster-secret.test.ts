import { Chart, Testing } from 'cdk8s';
import { RemoteClusterSecret } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

// Stands in for a kubeconfig; a real one would put a token in the snapshot.
const KUBECONFIG = 'apiVersion: v1\nkind: Config\ncurrent-context: remote-east\n# kubeconfig placeholder\n';

describe('RemoteClusterSecret', () => {
  test('emits a labeled Secret named after the cluster, keyed by it, holding the kubeconfig', () => {
    // GIVEN / WHEN
    const objects = synthChart((chart) => new RemoteClusterSecret(chart, 'east', { clusterName: 'remote-east', kubeconfig: KUBECONFIG }));

    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    const secret = objectOf(objects, 'Secret', 'remote-east');
    expect(secret.metadata).toEqual({
      name: 'remote-east',
      namespace: 'istio-system',
      labels: { 'istio/multiCluster': 'true' },
      annotations: { 'networking.istio.io/cluster': 'remote-east' },
    });
    expect(Object.keys(secret.data)).toEqual(['remote-east']);
    expect(Buffer.from(secret.data['remote-east'], 'base64').toString('utf8')).toBe(KUBECONFIG);
  });

  test('lands in the given control-plane namespace', () => {
    const objects = synthChart((chart) => new RemoteClusterSecret(chart, 'east', { clusterName: 'remote-east', kubeconfig: KUBECONFIG, namespace: 'mesh' }));

    expect(objectOf(objects, 'Secret', 'remote-east').metadata.namespace).toBe('mesh');
  });

  test('fails when the cluster name is not a DNS-1123 label', () => {
    const chart = new Chart(Testing.app(), 'test');

    expect(() => new RemoteClusterSecret(chart, 'east', { clusterName: 'remote_east', kubeconfig: KUBECONFIG })).toThrow(
      /clusterName "remote_east" is not a DNS-1123 label, but it becomes the Secret's name and data key/,
    );
  });

  test('fails when the kubeconfig is empty', () => {
    const chart = new Chart(Testing.app(), 'test');

    expect(() => new RemoteClusterSecret(chart, 'east', { clusterName: 'remote-east', kubeconfig: '\n' })).toThrow(
      /kubeconfig of cluster "remote-east" is empty: run `npm run --silent mesh -- kubeconfig --cluster remote-east/,
    );
  });
});
