/**
 * Every kustomization under deploy/kubernetes renders (with kubectl when present, and with the JavaScript
 * renderer), both renderings agree, every object validates against its schema with no unknown fields, and the
 * objects fit together (references resolve, selectors select, pods are hardened, settings are real keys).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { configSchema, envName } from '../../src/config/schema.js';
import { byKey, kubectlKustomize, kubectlPath, kustomizationDirs, objectKey, renderKustomization, splitImage, type K8sObject } from './kustomize.js';
import { unknownFields, validateObject } from './schemas.js';
import { find, onlyContainer, rendered, resolvePort, workloads, type Workload, REFERENCE_OVERLAY } from './support.js';

const dirs = kustomizationDirs();

test('the deploy folder has the base and the reference overlay', () => {
  assert.deepEqual(dirs, ['base', 'overlays/reference']);
});

for (const dir of dirs) {
  test(`${dir}: renders, and every object validates against its schema without unknown fields`, () => {
    const objects = renderKustomization(dir);
    assert.ok(objects.length > 10, `${objects.length} objects`);
    assert.equal(new Set(objects.map(objectKey)).size, objects.length, 'no object twice');
    const problems = objects.flatMap((object) => validateObject(object).map((p) => `${object.kind} ${object.metadata.name} ${p}`));
    assert.deepEqual(problems, []);
    for (const object of objects) {
      const clusterScoped = object.kind === 'Namespace' || object.kind === 'PersistentVolume';
      assert.equal(object.metadata.namespace, clusterScoped ? undefined : 'openchecker', `${object.kind} ${object.metadata.name} namespace`);
    }
  });

  test(`${dir}: kubectl kustomize renders exactly what the JavaScript renderer does`, (t) => {
    const kubectl = kubectlPath();
    if (!kubectl) {
      t.skip('no kubectl 1.21+ on PATH (or at $OPENCHECKER_KUBECTL); the JavaScript rendering is still checked');
      return;
    }
    const fromKubectl = byKey(kubectlKustomize(kubectl, dir));
    const fromJs = byKey(renderKustomization(dir));
    assert.deepEqual([...fromKubectl.keys()], [...fromJs.keys()]);
    for (const [key, object] of fromKubectl) assert.ok(isDeepStrictEqual(object, fromJs.get(key)), `${key} differs:\n${JSON.stringify(object)}\n${JSON.stringify(fromJs.get(key))}`);
  });
}

test('the unknown-field check catches misspelt and misplaced fields, and schema errors are reported', () => {
  const deployment = structuredClone(find<Workload>(rendered(), 'Deployment', 'openchecker-agent'));
  const container = deployment.spec.template.spec.containers[0] as unknown as Record<string, unknown>;
  container.livenessprobe = container.livenessProbe; // wrong case: the API server would drop it silently
  (deployment.spec as unknown as Record<string, unknown>).terminationGracePeriodSeconds = 60; // belongs in the pod spec
  assert.deepEqual(validateObject(deployment).sort(), ['/spec/template/spec/containers/0/livenessprobe: unknown field', '/spec/terminationGracePeriodSeconds: unknown field']);

  const scaled = structuredClone(find<K8sObject & { spec: Record<string, unknown> }>(rendered(), 'ScaledObject', 'openchecker-agent'));
  scaled.spec.minReplicas = 3; // HPA spelling, not KEDA's minReplicaCount
  assert.deepEqual(validateObject(scaled), ['/spec/minReplicas: unknown field']);

  const rabbit = structuredClone(find<K8sObject & { spec: Record<string, unknown> }>(rendered(), 'RabbitmqCluster', 'rabbitmq'));
  rabbit.spec.replica = 1;
  assert.ok(validateObject(rabbit).some((p) => p.includes('additionalProperty') && p.includes('replica')), validateObject(rabbit).join('\n'));

  const service = structuredClone(find<K8sObject & { spec: { ports: { port: unknown }[] } }>(rendered(), 'Service', 'openchecker-main-service'));
  service.spec.ports[0]!.port = 'eighty';
  assert.deepEqual(validateObject(service), ['/spec/ports/0/port: must be integer']);
  // Keys of free-form maps are not "unknown" (annotation keys contain '/', escaped as ~1 in the probe's paths)...
  const ingress = find(rendered(), 'Ingress', 'openchecker-main-ingress');
  assert.deepEqual(validateObject(ingress), []);
  // ...while a validator that accepts anything makes every field unknown: the probe relies on the schema.
  assert.deepEqual(unknownFields(structuredClone(ingress), () => []), ['/metadata', '/spec']);
});

test('references resolve: claims, secrets, Service and policy selectors, the KEDA target, the ingress backend', () => {
  const objects = rendered();
  const pods = workloads(objects);
  for (const workload of pods) {
    const { spec } = workload;
    assert.deepEqual(spec.selector.matchLabels, Object.fromEntries(Object.keys(spec.selector.matchLabels).map((k) => [k, spec.template.metadata.labels[k]])), `${workload.metadata.name} selector selects its pods`);
    for (const volume of spec.template.spec.volumes ?? []) {
      if (volume.persistentVolumeClaim) find(objects, 'PersistentVolumeClaim', volume.persistentVolumeClaim.claimName);
    }
    for (const container of spec.template.spec.containers) {
      for (const mount of container.volumeMounts ?? []) {
        const declared = (spec.template.spec.volumes ?? []).some((v) => v.name === mount.name) || workload.kind === 'StatefulSet';
        assert.ok(declared, `${workload.metadata.name}: volume ${mount.name}`);
      }
      for (const env of container.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef;
        // Secrets created by the operator of the cluster (openchecker-secrets, docs/deploy.md) or by the RabbitMQ operator.
        if (ref) assert.ok(['openchecker-secrets', 'rabbitmq-default-user'].includes(ref.name), `${env.name} from ${ref.name}`);
      }
    }
  }
  const labelsOf = (selector: Record<string, string>): Workload[] =>
    pods.filter((w) => Object.entries(selector).every(([k, v]) => w.spec.template.metadata.labels[k] === v));
  for (const service of objects.filter((o) => o.kind === 'Service') as (K8sObject & { spec: { selector: Record<string, string>; ports: { targetPort: string | number; port: number }[] } })[]) {
    const [target, ...more] = labelsOf(service.spec.selector);
    assert.ok(target && more.length === 0, `Service ${service.metadata.name} selects one workload`);
    for (const port of service.spec.ports) resolvePort(onlyContainer(target), port.targetPort);
  }
  const ingress = find<K8sObject & { spec: { rules: { http: { paths: { backend: { service: { name: string; port: { number: number } } } }[] } }[] } }>(
    objects,
    'Ingress',
    'openchecker-main-ingress',
  );
  for (const rule of ingress.spec.rules) {
    for (const path of rule.http.paths) {
      const service = find<K8sObject & { spec: { ports: { port: number }[] } }>(objects, 'Service', path.backend.service.name);
      assert.ok(service.spec.ports.some((p) => p.port === path.backend.service.port.number));
    }
  }
  type Scaled = K8sObject & {
    spec: { scaleTargetRef: { kind: string; name: string }; minReplicaCount: number; triggers: { metadata: Record<string, string>; authenticationRef: { name: string } }[] };
  };
  const scaled = find<Scaled>(objects, 'ScaledObject', 'openchecker-agent');
  find(objects, scaled.spec.scaleTargetRef.kind, scaled.spec.scaleTargetRef.name);
  for (const trigger of scaled.spec.triggers) {
    find(objects, 'TriggerAuthentication', trigger.authenticationRef.name);
    assert.equal(trigger.metadata.queueName, 'opencheck');
    assert.match(trigger.metadata.host ?? '', /^amqp:\/\/rabbitmq\.openchecker\.svc:5672\/$/, 'the broker Service of the RabbitmqCluster, fully qualified');
  }
  assert.equal(scaled.spec.minReplicaCount, find<Workload>(objects, 'Deployment', 'openchecker-agent').spec.replicas, 'KEDA keeps at least the seed replicas');
  for (const budget of objects.filter((o) => o.kind === 'PodDisruptionBudget') as (K8sObject & { spec: { selector: { matchLabels: Record<string, string> } } })[]) {
    assert.equal(labelsOf(budget.spec.selector.matchLabels).length, 1, `PDB ${budget.metadata.name} selects a workload`);
  }
  for (const policy of objects.filter((o) => o.kind === 'NetworkPolicy') as (K8sObject & { spec: { podSelector: { matchLabels?: Record<string, string> } } })[]) {
    const selector = policy.spec.podSelector.matchLabels;
    // The RabbitMQ pods belong to the operator's StatefulSet (label app.kubernetes.io/name: rabbitmq).
    if (selector && selector['app.kubernetes.io/name'] !== 'rabbitmq') assert.equal(labelsOf(selector).length, 1, `NetworkPolicy ${policy.metadata.name} selects a workload`);
  }
  assert.equal(find(objects, 'RabbitmqCluster', 'rabbitmq').metadata.name, 'rabbitmq', 'the name the operator derives the rabbitmq Service and rabbitmq-default-user Secret from');
});

test('agents accept no ingress at all; the API only on its HTTP port; RabbitMQ and PostgreSQL only from the app', () => {
  type Policy = K8sObject & { spec: { podSelector: { matchLabels?: Record<string, string> }; policyTypes: string[]; ingress?: { from?: unknown[]; ports?: { port: number }[] }[]; egress?: { ports?: { port: number }[] }[] } };
  const policies = rendered().filter((o) => o.kind === 'NetworkPolicy') as Policy[];
  const deny = policies.find((p) => Object.keys(p.spec.podSelector.matchLabels ?? {}).length === 0);
  assert.ok(deny && deny.spec.policyTypes.includes('Ingress') && (deny.spec.ingress ?? []).length === 0, 'a default deny of ingress for every pod');
  const forApp = (app: string): Policy[] => policies.filter((p) => p.spec.podSelector.matchLabels?.app === app);
  for (const policy of forApp('openchecker-agent')) assert.deepEqual(policy.spec.ingress ?? [], []);
  const agentEgressPorts = forApp('openchecker-agent').flatMap((p) => p.spec.egress ?? []).flatMap((rule) => (rule.ports ?? []).map((port) => port.port));
  for (const port of [53, 5672, 5432]) assert.ok(agentEgressPorts.includes(port), `agents reach port ${port}`);
  const mainIngressPorts = forApp('openchecker-main').flatMap((p) => p.spec.ingress ?? []).flatMap((rule) => (rule.ports ?? []).map((port) => port.port));
  assert.deepEqual(mainIngressPorts, [resolvePort(onlyContainer(find(rendered(), 'Deployment', 'openchecker-main')), 'http')]);
});

test('pods are hardened: non-root, read-only root, no privilege escalation, no capabilities, limits, probes', () => {
  for (const workload of workloads(rendered())) {
    const pod = workload.spec.template.spec;
    assert.equal(pod.securityContext?.runAsNonRoot, true, workload.metadata.name);
    assert.equal(pod.automountServiceAccountToken, false, `${workload.metadata.name} needs no API token`);
    for (const container of pod.containers) {
      const where = `${workload.metadata.name}/${container.name}`;
      assert.equal(container.securityContext?.allowPrivilegeEscalation, false, where);
      assert.equal(container.securityContext?.readOnlyRootFilesystem, true, where);
      assert.deepEqual(container.securityContext?.capabilities?.drop, ['ALL'], where);
      assert.equal(container.securityContext?.capabilities?.add, undefined, where);
      assert.ok(container.resources?.requests?.cpu && container.resources.requests.memory, `${where} requests`);
      assert.ok(container.resources?.limits?.memory, `${where} memory limit`);
      assert.ok(container.livenessProbe && container.readinessProbe, `${where} probes`);
      // A read-only root still needs a writable /tmp (git, Node and PostgreSQL write there).
      const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
      assert.ok(tmp && pod.volumes?.find((v) => v.name === tmp.name)?.emptyDir, `${where} /tmp is an emptyDir`);
    }
  }
  const agent = onlyContainer(find(rendered(), 'Deployment', 'openchecker-agent'));
  const workspace = agent.env?.find((e) => e.name === envName('OpenCheck', 'repos_dir'))?.value;
  const mount = agent.volumeMounts?.find((m) => m.mountPath === workspace);
  assert.ok(workspace && mount, 'the clone workspace is a mounted volume');
  assert.ok(find<Workload>(rendered(), 'Deployment', 'openchecker-agent').spec.template.spec.volumes?.find((v) => v.name === mount.name)?.emptyDir);
});

test('an agent is given more time to stop than its tasks get to finish before the hand-back', () => {
  const agent = find<Workload>(rendered(), 'Deployment', 'openchecker-agent');
  const grace = Number(onlyContainer(agent).env?.find((e) => e.name === envName('OpenCheck', 'shutdown_grace_s'))?.value ?? configSchema.OpenCheck.shutdown_grace_s.default);
  const period = agent.spec.template.spec.terminationGracePeriodSeconds ?? 30;
  assert.ok(period >= grace + 15, `terminationGracePeriodSeconds ${period} leaves time after shutdown_grace_s ${grace}`);
});

test('every OPENCHECKER_* variable in the manifests is a real configuration key', () => {
  const known = new Set(Object.entries(configSchema).flatMap(([section, keys]) => Object.keys(keys).map((key) => envName(section, key))));
  for (const workload of workloads(rendered())) {
    for (const container of workload.spec.template.spec.containers) {
      for (const env of container.env ?? []) {
        if (env.name.startsWith('OPENCHECKER_')) assert.ok(known.has(env.name), `${workload.metadata.name}: ${env.name} is not a configuration key`);
      }
    }
  }
});

test('main and agents run one image with one pinned tag; no credentials in the manifests', () => {
  for (const dir of dirs) {
    const objects = renderKustomization(dir);
    const images = ['openchecker-main', 'openchecker-agent'].map((name) => onlyContainer(find(objects, 'Deployment', name)).image);
    assert.equal(images[0], images[1], `${dir}: ${images.join(' vs ')}`);
    assert.equal(objects.filter((o) => o.kind === 'Secret' || o.kind === 'ConfigMap').length, 0, `${dir}: secrets are created by the operator, not shipped`);
    const text = JSON.stringify(objects);
    assert.doesNotMatch(text, /password=|:\/\/[^:/]+:[^@$]+@/i, `${dir}: no literal credentials`);
  }
  const image = splitImage(onlyContainer(find(rendered(REFERENCE_OVERLAY), 'Deployment', 'openchecker-main')).image);
  assert.ok(image.tag && image.tag !== 'latest', `the reference overlay pins a tag: ${JSON.stringify(image)}`);
});
