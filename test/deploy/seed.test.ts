/**
 * The seed deployment's names and parameters (../shared/seed/kubernetes-deployment.md), one by one, in the
 * reference overlay: what operators of the existing deployment rely on (kubectl commands, dashboards, DNS,
 * certificates, the NFS export). A change that breaks one of them fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { K8sObject } from './kustomize.js';
import { find, onlyContainer, rendered, resolvePort, type Workload } from './support.js';

const objects = (): K8sObject[] => rendered();

type PV = K8sObject & { spec: { capacity: { storage: string }; accessModes: string[]; persistentVolumeReclaimPolicy: string; storageClassName: string; nfs: { server: string; path: string } } };
type PVC = K8sObject & { spec: { storageClassName: string; accessModes: string[]; resources: { requests: { storage: string } } } };
type ServiceObject = K8sObject & { spec: { type: string; selector: Record<string, string>; ports: { port: number; targetPort: string | number; protocol: string }[] } };
type IngressObject = K8sObject & {
  spec: {
    ingressClassName: string;
    tls: { hosts: string[]; secretName: string }[];
    rules: { host: string; http: { paths: { path: string; pathType: string; backend: { service: { name: string; port: { number: number } } } }[] } }[];
  };
};

test('seed: namespace openchecker holds everything namespaced', () => {
  find(objects(), 'Namespace', 'openchecker');
  for (const object of objects()) {
    if (object.kind !== 'Namespace' && object.kind !== 'PersistentVolume') assert.equal(object.metadata.namespace, 'openchecker', `${object.kind} ${object.metadata.name}`);
  }
});

test('seed: Deployment openchecker-main, 1 replica, label app: openchecker-main, port 80 through the Service, config at /app/config', () => {
  const main = find<Workload>(objects(), 'Deployment', 'openchecker-main');
  assert.equal(main.spec.replicas, 1);
  assert.equal(main.metadata.labels?.app, 'openchecker-main');
  assert.deepEqual(main.spec.selector.matchLabels, { app: 'openchecker-main' });
  assert.equal(main.spec.template.metadata.labels.app, 'openchecker-main');
  const container = onlyContainer(main);
  assert.equal(container.name, 'openchecker-main');
  assert.equal(container.imagePullPolicy, 'Always');
  assert.deepEqual(container.args?.slice(0, 1), ['serve']);
  const config = container.volumeMounts?.find((m) => m.mountPath === '/app/config');
  assert.ok(config, 'config volume at /app/config');
  assert.equal(config.name, 'config-volume');
  const volume = main.spec.template.spec.volumes?.find((v) => v.name === config.name);
  assert.equal(volume?.persistentVolumeClaim?.claimName, 'openchecker-pvc');
});

test('seed: Service openchecker-main-service, ClusterIP, port 80 to the API, selector app: openchecker-main', () => {
  const service = find<ServiceObject>(objects(), 'Service', 'openchecker-main-service');
  assert.equal(service.spec.type, 'ClusterIP');
  assert.deepEqual(service.spec.selector, { app: 'openchecker-main' });
  assert.equal(service.spec.ports.length, 1);
  const [port] = service.spec.ports;
  assert.equal(port?.port, 80);
  assert.equal(port?.protocol, 'TCP');
  // The seed's targetPort 80 becomes the API's unprivileged port; the Service still answers on 80.
  const container = onlyContainer(find<Workload>(objects(), 'Deployment', 'openchecker-main'));
  assert.equal(resolvePort(container, port.targetPort), 8080);
});

test('seed: Ingress openchecker-main-ingress, class nginx, host openchecker.mlops.pub, TLS openchecker-mlops-pub-tls, ssl-redirect, letsencrypt-dns01', () => {
  const ingress = find<IngressObject>(objects(), 'Ingress', 'openchecker-main-ingress');
  assert.equal(ingress.spec.ingressClassName, 'nginx');
  assert.deepEqual(ingress.spec.tls, [{ hosts: ['openchecker.mlops.pub'], secretName: 'openchecker-mlops-pub-tls' }]);
  assert.equal(ingress.spec.rules.length, 1);
  assert.equal(ingress.spec.rules[0]?.host, 'openchecker.mlops.pub');
  assert.deepEqual(ingress.spec.rules[0]?.http.paths, [
    { path: '/', pathType: 'Prefix', backend: { service: { name: 'openchecker-main-service', port: { number: 80 } } } },
  ]);
  assert.equal(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/ssl-redirect'], 'true');
  assert.equal(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer'], 'letsencrypt-dns01');
});

test('seed: Deployment openchecker-agent, 3 replicas, label app: openchecker-agent, the same config volume', () => {
  const agent = find<Workload>(objects(), 'Deployment', 'openchecker-agent');
  assert.equal(agent.spec.replicas, 3);
  assert.equal(agent.metadata.labels?.app, 'openchecker-agent');
  assert.deepEqual(agent.spec.selector.matchLabels, { app: 'openchecker-agent' });
  assert.equal(agent.spec.template.metadata.labels.app, 'openchecker-agent');
  const container = onlyContainer(agent);
  assert.equal(container.name, 'openchecker-agent');
  assert.equal(container.imagePullPolicy, 'Always');
  assert.deepEqual(container.args?.slice(0, 1), ['agent']);
  const config = container.volumeMounts?.find((m) => m.mountPath === '/app/config');
  assert.equal(config?.name, 'config-volume');
  assert.equal(agent.spec.template.spec.volumes?.find((v) => v.name === 'config-volume')?.persistentVolumeClaim?.claimName, 'openchecker-pvc');
  // No Service in front of the agents, as in the seed.
  assert.equal(objects().filter((o) => o.kind === 'Service' && JSON.stringify(o).includes('openchecker-agent')).length, 0);
});

test('seed: one image for main and agent (the seed ran v0.19 and v0.21 side by side)', () => {
  const main = onlyContainer(find<Workload>(objects(), 'Deployment', 'openchecker-main'));
  const agent = onlyContainer(find<Workload>(objects(), 'Deployment', 'openchecker-agent'));
  assert.equal(main.image, agent.image);
});

test('seed: PersistentVolume openchecker-pv, 10Mi, ReadWriteMany, Retain, nfs-client, NFS 192.168.0.110:/nfs_provisioner_data/openchecker-data/config', () => {
  const pv = find<PV>(objects(), 'PersistentVolume', 'openchecker-pv');
  assert.equal(pv.metadata.namespace, undefined, 'cluster-scoped');
  assert.equal(pv.spec.capacity.storage, '10Mi');
  assert.deepEqual(pv.spec.accessModes, ['ReadWriteMany']);
  assert.equal(pv.spec.persistentVolumeReclaimPolicy, 'Retain');
  assert.equal(pv.spec.storageClassName, 'nfs-client');
  assert.equal(pv.spec.nfs.server, '192.168.0.110');
  assert.equal(pv.spec.nfs.path, '/nfs_provisioner_data/openchecker-data/config');
});

test('seed: PersistentVolumeClaim openchecker-pvc, nfs-client, ReadWriteMany, 10Mi', () => {
  const pvc = find<PVC>(objects(), 'PersistentVolumeClaim', 'openchecker-pvc');
  assert.equal(pvc.spec.storageClassName, 'nfs-client');
  assert.deepEqual(pvc.spec.accessModes, ['ReadWriteMany']);
  assert.equal(pvc.spec.resources.requests.storage, '10Mi');
});

test('seed: RabbitMQ as a RabbitmqCluster (rabbitmq.com/v1beta1) like the seed cluster: rabbitmq:3.13-management, 1 replica, 4Gi', () => {
  const rabbit = find<K8sObject & { spec: { replicas: number; image: string; resources: { limits: { memory: string } } } }>(objects(), 'RabbitmqCluster', 'rabbitmq');
  assert.equal(rabbit.apiVersion, 'rabbitmq.com/v1beta1');
  assert.equal(rabbit.spec.replicas, 1);
  assert.equal(rabbit.spec.image, 'rabbitmq:3.13-management');
  assert.equal(rabbit.spec.resources.limits.memory, '4Gi');
});
