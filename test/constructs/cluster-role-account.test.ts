import { ClusterRoleAccount, pullSecretRefs } from '../../constructs/cluster-role-account';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

const RULES = [{ apiGroups: [''], resources: ['secrets'], verbs: ['list', 'delete'] }];

describe('ClusterRoleAccount', () => {
  test('emits the account, its role and the binding between them', () => {
    // GIVEN / WHEN
    const objects = synthChart(
      (chart) =>
        new ClusterRoleAccount(chart, 'account', {
          serviceAccountName: 'cleaner',
          namespace: 'mesh',
          roleName: 'cleaner-mesh',
          labels: { app: 'security' },
          imagePullSecrets: ['regcred'],
          rules: RULES,
        }),
    );
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/cleaner',
      'ClusterRole/cleaner-mesh',
      'ClusterRoleBinding/cleaner-mesh',
    ]);
    const binding = objectOf(objects, 'ClusterRoleBinding', 'cleaner-mesh');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cleaner-mesh' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'cleaner', namespace: 'mesh' }]);
  });

  test('names the binding apart from the role, and leaves out labels and pull secrets it was not given', () => {
    // GIVEN a binding name of its own
    const objects = synthChart(
      (chart) =>
        new ClusterRoleAccount(chart, 'account', { serviceAccountName: 'reader', namespace: 'mesh', roleName: 'reader-role', bindingName: 'reader', rules: RULES }),
    );
    // THEN
    expect(objectOf(objects, 'ClusterRoleBinding', 'reader').roleRef.name).toBe('reader-role');
    expect(objects.every((o) => o.metadata.labels === undefined)).toBe(true);
    expect(objectOf(objects, 'ServiceAccount', 'reader').imagePullSecrets).toBeUndefined();
  });

  test('labels the account and the binding apart from the role where told', () => {
    // GIVEN labels of the account's own and none for the binding, as the gateways chart writes them
    const objects = synthChart(
      (chart) =>
        new ClusterRoleAccount(chart, 'account', {
          serviceAccountName: 'gw',
          namespace: 'mesh',
          roleName: 'gw-mesh',
          labels: { app: 'gateways' },
          serviceAccountLabels: { app: 'ingressgateway' },
          bindingLabels: {},
          rules: RULES,
        }),
    );
    // THEN
    expect(objectOf(objects, 'ServiceAccount', 'gw').metadata.labels).toEqual({ app: 'ingressgateway' });
    expect(objectOf(objects, 'ClusterRole', 'gw-mesh').metadata.labels).toEqual({ app: 'gateways' });
    expect(objectOf(objects, 'ClusterRoleBinding', 'gw-mesh').metadata.labels).toBeUndefined();
  });

  test('pullSecretRefs leaves the field out when there are none', () => {
    expect(pullSecretRefs(undefined)).toBeUndefined();
    expect(pullSecretRefs([])).toBeUndefined();
    expect(pullSecretRefs(['a', 'b'])).toEqual([{ name: 'a' }, { name: 'b' }]);
  });
});
